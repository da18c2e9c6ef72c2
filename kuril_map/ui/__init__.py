"""Streamlit widgets for the page, one module per panel; app.py lays them out.

These modules only wire widgets to the logic in kuril_map/ (which never imports Streamlit).
"""
