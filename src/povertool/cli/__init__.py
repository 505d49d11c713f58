"""The command line: app.py holds the Typer app and main(); one thin module per command; console and progress bar."""
