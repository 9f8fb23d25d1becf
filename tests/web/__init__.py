"""Tests of the web app (src/erpath/web)."""
