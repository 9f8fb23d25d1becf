"""Shared by the tables erpath writes for people to open (`safe_csv`: CSV without formulas)."""
