"""`python -m scraper` runs the `tuyengiao` command."""

from scraper.cli.main import main

main()
