"""A synthetic EOIR release in the real files' format (ADR 0010): `synthesize`."""

from erpath.eoir.synth.release_files import synthesize

__all__ = ["synthesize"]
