"""The steps of scripts/build_geo.py, one module per layer of data/geo/.

Read in this order:

- ``common``: reading the extracts, projections for measuring, snapping and writing GeoJSON;
- ``four_islands``: islands.geojson, the four islands from MLIT N03, checked against MOFA's areas;
- ``context``: context.geojson, every other territory in data/territories.toml plus background
  land, from Natural Earth; Sakhalin is cut in two along 50°N;
- ``medians``: lines of points equally far from two coasts (for the constructed lines);
- ``lines``: boundaries.geojson, one table entry per line: how its geometry is made, what it is
  checked against, and what it says;
- ``places``: places.geojson, a few labelled points.
"""
