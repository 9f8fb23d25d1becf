"""Tests of erpath.ice: the ICE FY2019 files, the reader, the report and its command."""
