"""Refresh the generator's message catalogues from the code and templates (`python -m tools.catalogue`).

Extracts every `_()`, `t()`, `N_()` and `ngettext()` message with Babel into each
generator/locales/<locale>/LC_MESSAGES/learnhub.po, keeping the translations already there; a new
message arrives untranslated, a changed one is marked fuzzy, for the translator to see.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "generator" / "locales"


def main() -> int:
    template = LOCALES / "learnhub.pot"
    extract = [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", str(LOCALES / "babel.cfg"),
               "-k", "t", "-k", "N_", "-k", "ngettext:1,2", "-k", "n:1,2", "--no-location",
               "--sort-output", "--project", "learnhub", "-o", str(template), "generator"]
    subprocess.run(extract, cwd=ROOT, check=True)
    for po in sorted(LOCALES.glob("*/LC_MESSAGES/learnhub.po")):
        subprocess.run([sys.executable, "-m", "babel.messages.frontend", "update", "-i", str(template),
                        "-o", str(po), "-l", po.parent.parent.name, "--no-wrap", "--ignore-obsolete", "--no-fuzzy-matching"],
                       cwd=ROOT, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
