"""Raw StreamField values for the body blocks in ``articles.blocks``; paragraphs and headings are
joined into ``text`` blocks (``articles.blocks.merge_text_blocks``) when the demo is seeded."""

from django.utils.html import escape, strip_tags


def heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def paragraph(text):
    """A paragraph of plain text; use ``html`` for marked-up text."""
    return {"type": "paragraph", "value": f"<p>{escape(text)}</p>"}


def html(markup):
    return {"type": "paragraph", "value": markup}


def image(image_id, alt, caption=""):
    return {"type": "image", "value": _image_value(image_id, alt, caption)}


def _image_value(image_id, alt, caption=""):
    return {"image": image_id, "alt": alt, "caption": caption}


def gallery(title, items):
    """``items`` are (image id, alt, caption) triples."""
    return {"type": "gallery", "value": {"title": title, "images": [_image_value(*item) for item in items]}}


def table(rows, caption="", first_row_is_header=True, first_col_is_header=False):
    return {
        "type": "table",
        "value": {
            "data": [list(row) for row in rows],
            "first_row_is_table_header": first_row_is_header,
            "first_col_is_header": first_col_is_header,
            "table_caption": caption,
        },
    }


def quote(text, attribution=""):
    return {"type": "quote", "value": {"text": text, "attribution": attribution}}


def attachment(document_id, title=""):
    return {"type": "attachment", "value": {"document": document_id, "title": title}}


def notice(title, text, style="info"):
    return {"type": "notice", "value": {"title": title, "text": f"<p>{escape(text)}</p>", "style": style}}


def signature(organisations, date):
    return {"type": "signature", "value": {"organisations": list(organisations), "date": date.isoformat()}}


def plain_text(blocks):
    """The text of the paragraph blocks, for summaries."""
    return "".join(strip_tags(block["value"]) for block in blocks if block["type"] == "paragraph")
