"""The floor for bench/bench_scrub.py: the smallest Streamlit page, one slider and one text.

A change on this page costs only Streamlit's own round trip (key press, rerun, one delta), so
it is the fastest a change of era in the real app could possibly be on the same machine.
"""

import streamlit as st

value = st.slider("Value", min_value=0, max_value=100, value=50, key="value")
st.text(f"floor value {value}")
