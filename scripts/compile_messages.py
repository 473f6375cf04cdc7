"""Compile every .po catalogue (the project's locale/ and each app's) into .mo files.

Pure Python (polib), so setup works on machines without GNU gettext installed.
"""

import sys
from pathlib import Path

import polib

BASE_DIR = Path(__file__).resolve().parent.parent


def main():
    catalogues = sorted(
        path for path in BASE_DIR.glob("**/locale/*/LC_MESSAGES/*.po") if ".venv" not in path.parts
    )
    if not catalogues:
        sys.exit("No catalogues found under */locale/.")
    for po_path in catalogues:
        catalogue = polib.pofile(str(po_path))
        catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
        print(f"{po_path.relative_to(BASE_DIR)}: {catalogue.percent_translated()}% translated")


if __name__ == "__main__":
    main()
