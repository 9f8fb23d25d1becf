"""erpath: the US expedited-removal pipeline as dated, cited, executable law."""

__version__ = "0.1.0"
