"""erpath: the US expedited-removal pipeline as dated, cited, executable law."""

from pathlib import Path

__version__ = "0.1.0"
# Where the demonstrations (`erpath web --demo`, `erpath exposure --demo`) keep the invented
# data they make on first use, relative to the working directory.
DEMO_DATA_DIR = Path(".erpath-demo")
