"""`python -m api …` is `planspor …`."""

from api.cli import main

main()
