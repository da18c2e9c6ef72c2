"""The map: a folium/Leaflet map drawn with no internet, one small layer per year.

- `base_map`: the part that never changes (land, Leaflet, the frame's own script);
- `layers`: the view the frame draws (day, selection, naming, language);
- `time_bundle`: everything the map needs for every date, fetched once;
- `style`: the palette and line styles; `colour_check`: the palette under colour-blindness;
- `shapes`: the GeoJSON the frame fetches once; `static_files`: what the app serves under
  ``static/``; `frame_script`: the frame's JavaScript (``js/``) as one static file;
- `offline`: Leaflet from the app, never a CDN, and the one-file export;
- `measure`: the measuring tool (its code in ``js/measure.js``);
- `component`: streamlit-folium's component and its arguments (its only private-API user);
- `clicks`: what a click on the map selected.
"""
