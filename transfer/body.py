"""Legacy article bodies as the raw StreamField data of ``articles.blocks.BodyBlock``.

Paragraphs and headings are read one by one and then joined, each run into one ``text`` block; every
other element is offered to the body's blocks in turn, and the first that reads it (``read_html``)
adds itself.

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

from articles.blocks import BodyBlock, SignatureBlock, merge_text_blocks

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
BODY_BLOCKS = BodyBlock.base_blocks


def block_classes():
    """The classes the export writes for blocks that plain HTML has no element for (``html_classes``)."""
    allowed = {}
    for block in BODY_BLOCKS.values():
        for tag, classes in block.html_classes.items():
            allowed[tag] = allowed.get(tag, set()) | classes
    return allowed


ALLOWED_CLASSES = block_classes()
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
    return {"type": "signature", "value": SignatureBlock.raw_value(organisations, date)}


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
        """Headings join the running text; each block then tries the element in the body's order."""
        if tag.name in HEADING_LEVELS:
            self.heading(tag)
        elif not any(block.read_html(tag, self) for block in BODY_BLOCKS.values()):
            self.running_text(tag)

    def running_text(self, tag):
        if tag.name in ("p", "ul", "ol", "hr") and not self.has_media(tag):
            self.add_paragraph(str(tag))
        elif tag.name in CONTAINERS and self.is_rich_text(tag):
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

    # What blocks reading an element use (see ``BodyPart.read_html``).
    HEADINGS = tuple(HEADING_LEVELS)
    text_of = staticmethod(text_of)
    rich_text = staticmethod(rich_text)
    parse_date = staticmethod(parse_date)

    @staticmethod
    def caption(tag):
        caption = tag.find("figcaption", recursive=False)
        return text_of(caption) if caption else ""

    def listed_image(self, reference):
        """The listed image a ``src`` names, or None; it then counts as shown."""
        key = file_key(reference)
        if key in self.images:
            self.used_images.add(key)
        return self.images.get(key)

    def listed_document(self, reference):
        key = file_key(reference)
        if key in self.documents:
            self.used_documents.add(key)
        return self.documents.get(key)


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
    """Listed files the body does not show, each as the block that shows such a file."""
    unused = {
        "images": [entry for key, entry in images.items() if key not in used_images],
        "documents": [entry for key, entry in documents.items() if key not in used_documents],
    }
    return [
        {"type": name, "value": block.value_for_file(entry)}
        for name, block in BODY_BLOCKS.items()
        if block.unused_files
        for entry in unused[block.unused_files]
    ]


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
