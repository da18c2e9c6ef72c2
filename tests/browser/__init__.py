"""Real-browser tests of the app (headless Chromium); see conftest.py."""
