"""`python -m erpath.eoir`: the `erpath eoir` commands."""

from erpath.eoir.cli import eoir_app

eoir_app(prog_name="erpath eoir")
