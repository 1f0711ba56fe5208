"""``python -m kg``: the same command as the installed ``kg``."""

from kg.cli import main

main()
