"""A second floor for bench/bench_scrub.py: the app's map alone, on an otherwise empty page.

The same map component, arguments and files as app.py's map (kuril_map.ui.map_view), with no
title, panels, time control or sources. A new session of this page shows what the map itself
costs (Streamlit's page, the component's frame, Leaflet, the shapes and the time bundle), so the
app's own time can be split into the map's and the rest of the page's.
"""

from datetime import date

import streamlit as st

from kuril_map.ui import assets, map_view

st.set_page_config(page_title="map floor", layout="wide")
assets.static_placement()
map_view.show_map(date(1956, 10, 19), None, "both", key="map_main", height=600)
