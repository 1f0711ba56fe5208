"""Print pip constraints pinning every direct dependency (and the owlrl extra) of pyproject.toml to its lowest
allowed version: `make test-lowest` installs them into a fresh virtualenv, so a lower bound that does not work
fails CI instead of a user's install."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import tomllib

LOWER = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(?:[^>]*?)>=\s*([^,;\s]+)")


def main(pyproject: Path) -> int:
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    requirements = [*project["dependencies"], *project.get("optional-dependencies", {}).get("owlrl", [])]
    for requirement in requirements:
        match = LOWER.match(requirement)
        if match is None:
            print(f"{pyproject}: no lower bound in {requirement!r}", file=sys.stderr)
            return 2
        print(f"{match.group(1)}=={match.group(2)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "pyproject.toml")))
