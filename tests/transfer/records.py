"""Import files for tests: article records with sensible defaults, and real image and document files."""

import itertools
import json
from io import BytesIO

from PIL import Image

_ids = itertools.count(1)


def article(**fields):
    """An article record; every call gets its own legacy id. A ``body_html`` replaces the ``body_text``."""
    record = {
        "type": "article",
        "legacy_id": next(_ids),
        "section": ["新闻动态"],
        "title": "我校举行开学典礼",
        "published": "2012-01-02 19:00:25",
    }
    if "body_html" not in fields:
        record["body_text"] = "全校师生参加了典礼。"
    return record | fields


def site(**fields):
    return {"type": "site"} | fields


def write_jsonl(path, lines):
    """Records are written as JSON; a str is written as it is, for lines that are not valid records."""
    path.write_text(
        "".join(
            (line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)) + "\n" for line in lines
        ),
        encoding="utf-8",
    )
    return path


def image_file(folder, name="uploads/campus.png", colour="navy"):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = BytesIO()
    Image.new("RGB", (40, 30), colour).save(buffer, format="PNG")
    path.write_bytes(buffer.getvalue())
    return name


def document_file(folder, name="uploads/form.pdf", content=b"%PDF-1.4 enrolment form"):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return name
