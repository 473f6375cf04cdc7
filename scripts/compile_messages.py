"""Compile every .po catalogue under locale/ into .mo files.

Pure Python (polib), so setup works on machines without GNU gettext installed.
"""

import sys
from pathlib import Path

import polib

BASE_DIR = Path(__file__).resolve().parent.parent


def main():
    catalogues = sorted((BASE_DIR / "locale").glob("*/LC_MESSAGES/*.po"))
    if not catalogues:
        sys.exit("No catalogues found under locale/.")
    for po_path in catalogues:
        catalogue = polib.pofile(str(po_path))
        catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
        print(f"{po_path.relative_to(BASE_DIR)}: {catalogue.percent_translated()}% translated")


if __name__ == "__main__":
    main()
