from erpath.cli import app

app(prog_name="erpath")
