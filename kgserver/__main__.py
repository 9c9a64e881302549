"""`python -m kgserver` runs the command line."""

from kgserver.cli import main

main()
