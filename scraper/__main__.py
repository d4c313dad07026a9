"""`python -m scraper` runs the `tuyengiao` command."""

from scraper.cli import main

main()
