"""Legacy article bodies as the raw StreamField data of ``articles.blocks.BodyBlock``.

Paragraphs and headings are read one by one and then joined, each run into one ``text`` block.

``html_blocks`` sanitises HTML with nh3 before reading it, so nothing outside the allow-list below
ever reaches a block; ``text_blocks`` reads plain text whose structure lives in Chinese outline
numbering and a closing signature. ``images`` and ``documents`` map the listed files' keys (see
``file_key``) to their ``records.FileEntry``, whose ``pk`` is the stored image or document.
"""

import html as html_entities
import posixpath
import re
from urllib.parse import unquote, urlsplit

import nh3
from bs4 import BeautifulSoup, NavigableString, Tag
from django.utils.html import escape

from articles.blocks import merge_text_blocks

from .dates import parse_date

# Everything the converter understands; any other tag is dropped and its text kept, and the
# contents of <script> and <style> are dropped too (nh3's default).
ALLOWED_TAGS = {
    *("p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "div", "section", "article", "center"),
    *("b", "strong", "i", "em", "u", "sup", "sub", "span", "a", "ul", "ol", "li"),
    *("table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption"),
    *("img", "figure", "figcaption", "video", "blockquote", "cite", "header", "footer", "aside", "time"),
}
ALLOWED_ATTRIBUTES = {
    "a": {"href"},
    "img": {"src", "alt"},
    "video": {"src", "poster"},
    "time": {"datetime"},
}
# The classes ``export_content`` writes for blocks that plain HTML has no element for.
ALLOWED_CLASSES = {
    "figure": {"gallery", "video"},
    "div": {"signature", "embed"},
    "aside": {"notice", "info", "important"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}

RICH_TEXT_TAGS = {"p", "br", "hr", "b", "i", "sup", "sub", "a", "ul", "ol", "li"}
RENAMED_TAGS = {"strong": "b", "em": "i"}
INLINE_TAGS = {"b", "strong", "i", "em", "u", "sup", "sub", "span", "a", "br", "time", "cite"}
RICH_CONTENT_TAGS = INLINE_TAGS | {"p", "ul", "ol", "li", "hr"}
HEADING_LEVELS = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h4", "h5": "h4", "h6": "h4"}
HEADING_MAX_LENGTH = 200
MEDIA_TAGS = {"img", "video"}
CONTAINERS = {"div", "section", "article", "center", "header", "footer", "aside", "span", "li", "tr", "td"}
# nh3 escapes "<" and ">" in text and attribute values alike, so in its output each <…> is a tag.
NH3_TAG = re.compile(r"<[^>]*>")


def sanitise(html):
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
    )


def file_key(reference):
    """The same key for ``uploads/a.jpg``, ``/uploads/a.jpg``, ``../uploads/a.jpg`` and ``http://old/uploads/a.jpg``."""
    path = posixpath.normpath(unquote(urlsplit(reference.strip()).path))
    while path.startswith(("/", "./", "../")):
        path = path.split("/", 1)[1] if "/" in path else ""
    return path


def rich_text(html):
    """Wagtail's stored rich text: only the paragraph features.

    ``html`` comes from the tree that ``html_blocks`` read, where <strong>/<em> are already <b>/<i>:
    parsing each paragraph again to rename them cost more than reading the whole body.
    """
    cleaned = nh3.clean(
        html, tags=RICH_TEXT_TAGS, attributes={"a": {"href"}}, url_schemes=URL_SCHEMES, link_rel=None
    )
    return cleaned.strip()


def shows_text(html):
    """Whether nh3's output has more than whitespace outside its tags, without parsing it again."""
    return bool(html_entities.unescape(NH3_TAG.sub("", html)).strip())


def text_of(tag):
    return " ".join(tag.get_text(" ").split()) if isinstance(tag, Tag) else " ".join(str(tag).split())


def heading_block(text, level):
    return {"type": "heading", "value": {"text": text, "level": level}}


def paragraph_block(html):
    return {"type": "paragraph", "value": html}


def signature_block(organisations, date):
    return {
        "type": "signature",
        "value": {"organisations": organisations, "date": date.isoformat() if date else None},
    }


class HtmlBody:
    """Walks sanitised HTML and collects blocks; runs of loose text and inline tags become paragraphs."""

    def __init__(self, images, documents):
        self.images = images
        self.documents = documents
        self.blocks = []
        self.inline_run = []
        self.used_images = set()
        self.used_documents = set()

    def flush(self):
        html = "".join(str(node) for node in self.inline_run).strip()
        self.inline_run = []
        if html:
            self.add_paragraph(f"<p>{html}</p>")

    def add(self, block):
        self.flush()
        self.blocks.append(block)

    def add_paragraph(self, html):
        value = rich_text(html)
        if "<hr>" in value or shows_text(value):
            self.blocks.append(paragraph_block(value))

    def walk(self, container):
        for node in list(container.children):
            if isinstance(node, NavigableString):
                self.inline_run.append(escape(str(node)))
            elif node.name in INLINE_TAGS and not self.has_media(node):
                self.inline_run.append(node)
            else:
                self.flush()
                self.element(node)

    def has_media(self, tag):
        return (
            any(node.name in MEDIA_TAGS for node in tag.descendants) or self.attachment_link(tag) is not None
        )

    def element(self, tag):
        name = tag.name
        classes = tag.get("class") or []
        if name in HEADING_LEVELS:
            self.heading(tag)
        elif name == "img":
            self.image(tag)
        elif name == "video":
            self.video(tag, caption="")
        elif name == "figure":
            self.figure(tag, classes)
        elif name == "table":
            self.table(tag)
        elif name == "blockquote":
            self.quote(tag)
        elif name == "aside" and "notice" in classes:
            self.notice(tag, classes)
        elif name == "div" and "signature" in classes:
            self.signature(tag)
        elif name == "div" and "embed" in classes and tag.find("a", href=True):
            self.add({"type": "embed", "value": tag.find("a", href=True)["href"]})
        elif (link := self.attachment_link(tag)) is not None:
            self.attachment(*link)
        elif name in ("p", "ul", "ol", "hr") and not self.has_media(tag):
            self.add_paragraph(str(tag))
        elif name in CONTAINERS and self.is_rich_text(tag):
            self.add_paragraph(tag.decode_contents())
        else:
            self.walk(tag)
            self.flush()

    def is_rich_text(self, tag):
        """A wrapper of paragraphs and lists only, as ``export_content`` writes a paragraph block."""
        return tag.name == "div" and all(
            child.name in RICH_CONTENT_TAGS and not self.has_media(child)
            for child in tag.find_all(True, recursive=False)
        )

    def attachment_link(self, tag):
        """``(path, link text)`` if the tag is nothing but a link to a listed attachment."""
        links = [tag] if tag.name == "a" else [child for child in tag.children if child.name == "a"]
        if len(links) != 1 or not links[0].get("href") or text_of(tag) != text_of(links[0]):
            return None
        key = file_key(links[0]["href"])
        return (key, text_of(links[0])) if key in self.documents else None

    def heading(self, tag):
        text = text_of(tag)
        if len(text) > HEADING_MAX_LENGTH:
            self.add_paragraph(f"<p><b>{escape(text)}</b></p>")
        elif text:
            self.add(heading_block(text, HEADING_LEVELS[tag.name]))

    def image_value(self, img, caption):
        key = file_key(img.get("src", ""))
        if key not in self.images:
            return None
        self.used_images.add(key)
        entry = self.images[key]
        alt = img.get("alt") or entry.alt or entry.title
        return {"image": entry.pk, "alt": alt, "caption": caption or entry.caption}

    def image(self, img, caption=""):
        value = self.image_value(img, caption)
        if value is not None:
            self.add({"type": "image", "value": value})

    def figure(self, tag, classes):
        caption_tag = tag.find("figcaption", recursive=False)
        caption = text_of(caption_tag) if caption_tag else ""
        if "gallery" in classes or len(tag.find_all("img")) > 1:
            self.gallery(tag, caption)
        elif tag.find("video"):
            self.video(tag.find("video"), caption)
        elif tag.find("img"):
            self.image(tag.find("img"), caption)

    def gallery(self, tag, title):
        items = []
        for img in tag.find_all("img"):
            figure = img.find_parent("figure")
            caption_tag = figure.find("figcaption", recursive=False) if figure is not tag else None
            value = self.image_value(img, text_of(caption_tag) if caption_tag else "")
            if value is not None:
                items.append(value)
        if items:
            self.add({"type": "gallery", "value": {"title": title, "images": items}})

    def video(self, tag, caption):
        key = file_key(tag.get("src", ""))
        if key not in self.documents:
            return
        self.used_documents.add(key)
        poster = self.images.get(file_key(tag.get("poster", "")))
        if poster is not None:
            self.used_images.add(poster.key)
        value = {"video": self.documents[key].pk, "poster": poster and poster.pk, "caption": caption}
        self.add({"type": "video", "value": value})

    def table(self, tag):
        rows = [row.find_all(["td", "th"], recursive=False) for row in tag.find_all("tr")]
        rows = [cells for cells in rows if cells]
        if len(rows) + len(rows[0] if rows else ()) <= 2 or tag.find(["table", "img", *HEADING_LEVELS]):
            self.walk(tag)  # a layout table around the article or a picture: read what is inside
            self.flush()
            return
        data = [[text_of(cell) for cell in cells] for cells in rows]
        width = max(len(row) for row in data)
        caption = tag.find("caption")
        self.add(
            {
                "type": "table",
                "value": {
                    "data": [row + [""] * (width - len(row)) for row in data],
                    "first_row_is_table_header": all(cell.name == "th" for cell in rows[0]),
                    "first_col_is_header": all(cells[0].name == "th" for cells in rows[1:]),
                    "table_caption": text_of(caption) if caption else "",
                },
            }
        )

    def quote(self, tag):
        attribution_tag = tag.find(["footer", "cite"])
        attribution = text_of(attribution_tag.extract()) if attribution_tag else ""
        lines = [text_of(p) for p in tag.find_all("p")] or [text_of(tag)]
        text = "\n".join(line for line in lines if line)
        if text:
            self.add({"type": "quote", "value": {"text": text, "attribution": attribution}})

    def notice(self, tag, classes):
        title_tag = tag.find("header", recursive=False)
        title = text_of(title_tag.extract()) if title_tag else ""
        text = rich_text(tag.decode_contents()) or "<p></p>"
        style = "important" if "important" in classes else "info"
        self.add({"type": "notice", "value": {"title": title, "text": text, "style": style}})

    def signature(self, tag):
        lines = [text_of(p) for p in tag.find_all("p")] or [text_of(tag)]
        time = tag.find("time")
        date = parse_date(time.get("datetime", "")) if time else None
        if date is None and lines and parse_date(lines[-1]):
            date = parse_date(lines[-1])
        organisations = [line for line in lines if line and not parse_date(line)]
        if organisations:
            self.add(signature_block(organisations, date))

    def attachment(self, key, link_text):
        self.used_documents.add(key)
        entry = self.documents[key]
        title = "" if link_text == entry.title else link_text
        self.add({"type": "attachment", "value": {"document": entry.pk, "title": title}})


def html_blocks(html, images, documents):
    """Blocks for ``body_html``; listed files the HTML does not show are appended."""
    soup = BeautifulSoup(sanitise(html), "html.parser")
    for tag in soup.find_all(list(RENAMED_TAGS)):  # for rich_text()
        tag.name = RENAMED_TAGS[tag.name]
    body = HtmlBody(images, documents)
    body.walk(soup)
    body.flush()
    blocks = merge_text_blocks(body.blocks)
    return blocks + appended_files(images, documents, body.used_images, body.used_documents)


def appended_files(images, documents, used_images=(), used_documents=()):
    blocks = [
        {
            "type": "image",
            "value": {"image": entry.pk, "alt": entry.alt or entry.title, "caption": entry.caption},
        }
        for key, entry in images.items()
        if key not in used_images
    ]
    blocks += [
        {"type": "attachment", "value": {"document": entry.pk, "title": ""}}
        for key, entry in documents.items()
        if key not in used_documents
    ]
    return blocks


# Plain text --------------------------------------------------------------------------------------------

CHINESE_NUMERALS = "一二三四五六七八九十百零〇"
SECTION_HEADING = re.compile(rf"[{CHINESE_NUMERALS}]+、")
SUBSECTION_HEADING = re.compile(rf"[（(][{CHINESE_NUMERALS}]+[）)]")
SENTENCE_END = re.compile(r"[。！？；!?;]")
CLAUSE_PUNCTUATION = re.compile(r"[。，,；;：:！？!?、]")
OUTLINE_HEADING_MAX_LENGTH = 50
ORGANISATION_MAX_LENGTH = 40


def outline_level(line):
    """h2 for 一、…, h3 for （一）…, None for other lines and for run-in headings such as 一、防溺水。教育…"""
    if len(line) > OUTLINE_HEADING_MAX_LENGTH or SENTENCE_END.search(line[:-1]):
        return None
    if SECTION_HEADING.match(line):
        return "h2"
    if SUBSECTION_HEADING.match(line):
        return "h3"
    return None


def is_organisation(line):
    return (
        len(line) <= ORGANISATION_MAX_LENGTH
        and not CLAUSE_PUNCTUATION.search(line)
        and outline_level(line) is None
        and parse_date(line) is None
    )


def text_blocks(text, images, documents):
    """Blocks for ``body_text``: one paragraph a line, outline headings, a closing signature."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    signature = None
    if len(lines) >= 2 and parse_date(lines[-1]) and is_organisation(lines[-2]):
        signature = signature_block([lines[-2]], parse_date(lines[-1]))
        lines = lines[:-2]
    blocks = []
    for line in lines:
        level = outline_level(line)
        blocks.append(heading_block(line, level) if level else paragraph_block(f"<p>{escape(line)}</p>"))
    if signature:
        blocks.append(signature)
    return merge_text_blocks(blocks) + appended_files(images, documents)
