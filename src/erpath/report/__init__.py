"""Printable documents: HTML rendered from templates, and PDF from that HTML."""
