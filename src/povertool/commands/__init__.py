"""One module per command: resolve options, call one API function, render. Registered in cli.py."""
