"""`python -m erpath.web`: the `erpath web` command on its own."""

import typer

from erpath.web.cli import web

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
app.command()(web)

if __name__ == "__main__":
    app()
