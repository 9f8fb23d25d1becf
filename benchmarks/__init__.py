"""Benchmarks for erpath (run as modules, e.g. `python -m benchmarks.law_vectorised`)."""
