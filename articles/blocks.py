"""StreamField blocks for article and single-page bodies.

Each block owns its kind of content: its API representation and that representation's shape
(``value_schema``), its theme template (given the representation, not the stored value), the
images it shows (their renditions load for the whole body at once), what the pre-publish checks say
about it, and its HTML in the export and in the import. Nothing else branches on block types.
"""

from datetime import date
from typing import Literal

from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.html import escape, format_html, format_html_join, strip_tags
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from typing_extensions import TypedDict
from wagtail import blocks
from wagtail.contrib.table_block import blocks as table_blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds import blocks as embed_blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtail.rich_text import expand_db_html

from .checks import ERROR, WARNING, Finding
from .media import Document, Image, document_representation, image_representation, rich_text_html

RICH_TEXT_FEATURES = [
    "bold",
    "italic",
    "superscript",
    "subscript",
    "ol",
    "ul",
    "link",
    "document-link",
    "hr",
]
# The body's running text: paragraphs, headings and lists in one editor, as in a word processor.
BODY_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "hr"]


def request_of(context):
    return (context or {}).get("request")


def classes_of(tag):
    return tag.get("class") or []


class BodyPart:
    """What the representations, the checks, the export and the import ask of every body block.

    A block also answers ``get_api_representation`` (shaped as its ``value_schema``) and
    ``export_html(value, files)``, where ``files`` copies the images and documents it links to.
    """

    # Its text is the body's running prose (search snippets), not captions or link labels.
    prose = False
    # Element: classes that ``export_html`` writes and the import lets through and reads back.
    html_classes = {}
    # A listed import file the body does not show ("images" or "documents") is appended as this block.
    unused_files = None

    def shown_images(self, value):
        """Images its representation shows, so their renditions load with the whole body's."""
        return ()

    def rich_texts(self, value):
        """Stored rich-text sources, whose links to pages the checks follow."""
        return ()

    def shows_something(self, value):
        return bool(value)

    def findings(self, value):
        return ()

    def read_html(self, tag, reader):
        """Read an element of the import's sanitised HTML: False when it is not this block's, else True
        after adding this block for it (``add``), or nothing when the element holds nothing usable."""
        return False

    def add(self, reader, value):
        reader.add({"type": self.name, "value": value})
        return True


class TextBlockValue(TypedDict, closed=True):
    html: str


class BodyTextBlock(BodyPart, blocks.RichTextBlock):
    value_schema = TextBlockValue
    prose = True

    def get_api_representation(self, value, context=None):
        return {"html": rich_text_html(value.source, request_of(context))}

    def rich_texts(self, value):
        return (value.source,)

    def shows_something(self, value):
        return bool(strip_tags(value.source).strip()) or "<hr" in value.source

    def export_html(self, value, files):
        html = expand_db_html(value.source)
        top_level = BeautifulSoup(html, "html.parser").find_all(True, recursive=False)
        return html if len(top_level) == 1 else f"<div>{html}</div>"

    class Meta:
        template = "blocks/text.html"


def is_gallery(figure):
    return "gallery" in classes_of(figure) or len(figure.find_all("img")) > 1


def figure_caption(caption):
    return format_html("<figcaption>{}</figcaption>", caption) if caption else ""


class ImageBlockValue(TypedDict, closed=True):
    image: Image | None
    caption: str


class ImageBlock(BodyPart, blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=255,
        required=False,
        help_text=_("Describe the image for visitors who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), max_length=255, required=False)

    value_schema = ImageBlockValue
    unused_files = "images"

    def get_api_representation(self, value, context=None):
        return {
            "image": image_representation(value["image"], request_of(context), alt=value["alt"]),
            "caption": value["caption"],
        }

    def shown_images(self, value):
        return (value["image"],)

    def findings(self, value):
        if not (value.get("alt") or "").strip():
            title = value["image"].title if value.get("image") else ""
            yield Finding(WARNING, gettext("Image “%(title)s” has no alternative text.") % {"title": title})

    def export_html(self, value, files):
        src = files.image_file(value["image"], value["alt"], value["caption"])
        return format_html(
            '<figure><img src="{}" alt="{}">{}</figure>', src, value["alt"], figure_caption(value["caption"])
        )

    def read_html(self, tag, reader):
        if tag.name == "figure":
            if is_gallery(tag) or tag.find("video"):
                return False
            img = tag.find("img")
        elif tag.name == "img":
            img = tag
        else:
            return False
        value = img and self.value_from_img(img, reader.caption(tag), reader)
        return value is None or self.add(reader, value)

    def value_from_img(self, img, caption, reader):
        entry = reader.listed_image(img.get("src", ""))
        if entry is None:
            return None
        alt = img.get("alt") or entry.alt or entry.title
        return {"image": entry.pk, "alt": alt, "caption": caption or entry.caption}

    def value_for_file(self, entry):
        return {"image": entry.pk, "alt": entry.alt or entry.title, "caption": entry.caption}

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image.html"


class GalleryBlockValue(TypedDict, closed=True):
    title: str
    images: list[ImageBlockValue]


class GalleryBlock(BodyPart, blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200, required=False)
    images = blocks.ListBlock(ImageBlock(), label=_("Images"), min_num=1)

    value_schema = GalleryBlockValue
    html_classes = {"figure": {"gallery"}}

    @property
    def image_block(self):
        return self.child_blocks["images"].child_block

    def get_api_representation(self, value, context=None):
        return {
            "title": value["title"],
            "images": [self.image_block.get_api_representation(item, context) for item in value["images"]],
        }

    def shown_images(self, value):
        for item in value["images"]:
            yield from self.image_block.shown_images(item)

    def findings(self, value):
        for item in value["images"]:
            yield from self.image_block.findings(item)

    def export_html(self, value, files):
        images = "".join(self.image_block.export_html(item, files) for item in value["images"])
        return f'<figure class="gallery">{figure_caption(value["title"])}{images}</figure>'

    def read_html(self, tag, reader):
        if tag.name != "figure" or not is_gallery(tag):
            return False
        items = []
        for img in tag.find_all("img"):
            figure = img.find_parent("figure")
            caption = reader.caption(figure) if figure is not tag else ""
            value = self.image_block.value_from_img(img, caption, reader)
            if value is not None:
                items.append(value)
        return not items or self.add(reader, {"title": reader.caption(tag), "images": items})

    class Meta:
        icon = "image"
        label = _("Gallery")
        template = "blocks/gallery.html"


class TableBlockValue(TypedDict, closed=True):
    caption: str
    first_row_is_header: bool
    first_col_is_header: bool
    rows: list[list[str]]


class TableBlock(BodyPart, table_blocks.TableBlock):
    value_schema = TableBlockValue
    prose = True

    def get_api_representation(self, value, context=None):
        return {
            "caption": value.get("table_caption") or "",
            "first_row_is_header": bool(value.get("first_row_is_table_header")),
            "first_col_is_header": bool(value.get("first_col_is_header")),
            "rows": [[cell or "" for cell in row] for row in value.get("data") or []],
        }

    def export_html(self, value, files):
        header_row = bool(value.get("first_row_is_table_header"))
        header_col = bool(value.get("first_col_is_header"))

        def cell(row_number, column, text):
            header = header_row and row_number == 0 or header_col and column == 0
            return format_html("<{tag}>{text}</{tag}>", tag="th" if header else "td", text=text or "")

        caption = value.get("table_caption") or ""
        caption = format_html("<caption>{}</caption>", caption) if caption else ""
        body = "".join(
            "<tr>" + "".join(cell(number, column, text) for column, text in enumerate(row)) + "</tr>"
            for number, row in enumerate(value.get("data") or [])
        )
        return f"<table>{caption}{body}</table>"

    def read_html(self, tag, reader):
        if tag.name != "table":
            return False
        rows = [row.find_all(["td", "th"], recursive=False) for row in tag.find_all("tr")]
        rows = [cells for cells in rows if cells]
        if len(rows) + len(rows[0] if rows else ()) <= 2 or tag.find(["table", "img", *reader.HEADINGS]):
            return False  # a layout table around the article or a picture: read what is inside
        data = [[reader.text_of(cell) for cell in cells] for cells in rows]
        width = max(len(row) for row in data)
        caption = tag.find("caption")
        return self.add(
            reader,
            {
                "data": [row + [""] * (width - len(row)) for row in data],
                "first_row_is_table_header": all(cell.name == "th" for cell in rows[0]),
                "first_col_is_header": all(cells[0].name == "th" for cells in rows[1:]),
                "table_caption": reader.text_of(caption) if caption else "",
            },
        )

    class Meta:
        template = "blocks/table.html"


class QuoteBlockValue(TypedDict, closed=True):
    text: str
    attribution: str


class QuoteBlock(BodyPart, blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quotation"))
    attribution = blocks.CharBlock(label=_("Attribution"), max_length=200, required=False)

    value_schema = QuoteBlockValue
    prose = True

    def get_api_representation(self, value, context=None):
        return {"text": value["text"], "attribution": value["attribution"]}

    def export_html(self, value, files):
        lines = format_html_join(
            "", "<p>{}</p>", ((line,) for line in value["text"].splitlines() if line.strip())
        )
        footer = format_html("<footer>{}</footer>", value["attribution"]) if value["attribution"] else ""
        return f"<blockquote>{lines}{footer}</blockquote>"

    def read_html(self, tag, reader):
        if tag.name != "blockquote":
            return False
        attribution_tag = tag.find(["footer", "cite"])
        attribution = reader.text_of(attribution_tag.extract()) if attribution_tag else ""
        lines = [reader.text_of(p) for p in tag.find_all("p")] or [reader.text_of(tag)]
        text = "\n".join(line for line in lines if line)
        return not text or self.add(reader, {"text": text, "attribution": attribution})

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote.html"


class AttachmentBlockValue(TypedDict, closed=True):
    document: Document | None


class AttachmentBlock(BodyPart, blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"),
        max_length=255,
        required=False,
        help_text=_("Leave blank to use the document's title."),
    )

    value_schema = AttachmentBlockValue
    unused_files = "documents"

    def get_api_representation(self, value, context=None):
        return {"document": document_representation(value["document"], request_of(context), value["title"])}

    def findings(self, value):
        document = value["document"]
        if document is None or not document.file or not document.file.storage.exists(document.file.name):
            name = document.title if document is not None else gettext("(deleted document)")
            yield Finding(ERROR, gettext("The file of attachment “%(title)s” is missing.") % {"title": name})

    def export_html(self, value, files):
        document = value["document"]
        if document is None:
            return ""
        href = files.document_file(document)
        return format_html('<p><a href="{}">{}</a></p>', href, value["title"] or document.title)

    def read_html(self, tag, reader):
        link = reader.attachment_link(tag)
        if link is None:
            return False
        key, link_text = link
        entry = reader.listed_document(key)
        title = "" if link_text == entry.title else link_text
        return self.add(reader, {"document": entry.pk, "title": title})

    def value_for_file(self, entry):
        return {"document": entry.pk, "title": ""}

    class Meta:
        icon = "doc-full"
        label = _("Attachment")
        template = "blocks/attachment.html"


class EmbedBlockValue(TypedDict, closed=True):
    url: str
    html: str


class EmbedBlock(BodyPart, embed_blocks.EmbedBlock):
    value_schema = EmbedBlockValue
    html_classes = {"div": {"embed"}}

    def get_api_representation(self, value, context=None):
        return {"url": value.url if value else "", "html": value.html if value else ""}

    def export_html(self, value, files):
        url = value.url if value else ""
        return format_html('<div class="embed"><a href="{}">{}</a></div>', url, url) if url else ""

    def read_html(self, tag, reader):
        link = tag.find("a", href=True) if tag.name == "div" and "embed" in classes_of(tag) else None
        return link is not None and self.add(reader, link["href"])

    class Meta:
        template = "blocks/embed.html"


class VideoBlockValue(TypedDict, closed=True):
    video: Document | None
    poster: Image | None
    caption: str
    captions: Document | None


class VideoBlock(BodyPart, blocks.StructBlock):
    video = DocumentChooserBlock(label=_("Video file"), help_text=_("An MP4 file from the document library."))
    poster = ImageChooserBlock(label=_("Poster image"), required=False)
    caption = blocks.CharBlock(label=_("Caption"), max_length=255, required=False)
    captions = DocumentChooserBlock(
        label=_("Subtitles"),
        required=False,
        help_text=_("A WebVTT (.vtt) file of the video's subtitles, for deaf and hard-of-hearing visitors."),
    )

    value_schema = VideoBlockValue
    html_classes = {"figure": {"video"}}

    def get_api_representation(self, value, context=None):
        request = request_of(context)
        return {
            "video": document_representation(value["video"], request),
            "poster": image_representation(value["poster"], request),
            "caption": value["caption"],
            "captions": document_representation(value.get("captions"), request),
        }

    def shown_images(self, value):
        return (value["poster"],)

    def export_html(self, value, files):
        if value["video"] is None:
            return ""
        src = files.document_file(value["video"])
        poster = format_html(' poster="{}"', files.image_file(value["poster"])) if value["poster"] else ""
        return format_html(
            '<figure class="video"><video src="{}"{}></video>{}</figure>',
            src,
            poster,
            figure_caption(value["caption"]),
        )

    def read_html(self, tag, reader):
        video = tag if tag.name == "video" else tag.find("video") if tag.name == "figure" else None
        if video is None:
            return False
        document = reader.listed_document(video.get("src", ""))
        if document is None:
            return True
        poster = reader.listed_image(video.get("poster", ""))
        value = {"video": document.pk, "poster": poster and poster.pk, "caption": reader.caption(tag)}
        return self.add(reader, value)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "blocks/video.html"


class NoticeBlockValue(TypedDict, closed=True):
    title: str
    html: str
    style: Literal["info", "important"]


class NoticeBlock(BodyPart, blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200, required=False)
    text = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)
    style = blocks.ChoiceBlock(
        label=_("Style"),
        choices=[("info", _("Information")), ("important", _("Important"))],
        default="info",
        search_index=False,
    )

    value_schema = NoticeBlockValue
    prose = True
    html_classes = {"aside": {"notice", "info", "important"}}

    def get_api_representation(self, value, context=None):
        return {
            "title": value["title"],
            "html": rich_text_html(value["text"].source, request_of(context)),
            "style": value["style"],
        }

    def rich_texts(self, value):
        return (value["text"].source,)

    def export_html(self, value, files):
        title = format_html("<header>{}</header>", value["title"]) if value["title"] else ""
        text = expand_db_html(value["text"].source)
        return f'<aside class="notice {escape(value["style"])}">{title}{text}</aside>'

    def read_html(self, tag, reader):
        if tag.name != "aside" or "notice" not in classes_of(tag):
            return False
        title_tag = tag.find("header", recursive=False)
        title = reader.text_of(title_tag.extract()) if title_tag else ""
        text = reader.rich_text(tag.decode_contents()) or "<p></p>"
        style = "important" if "important" in classes_of(tag) else "info"
        return self.add(reader, {"title": title, "text": text, "style": style})

    class Meta:
        icon = "warning"
        label = _("Notice box")
        template = "blocks/notice.html"


class SignatureBlockValue(TypedDict, closed=True):
    organisations: list[str]
    date: date | None


class SignatureBlock(BodyPart, blocks.StructBlock):
    """落款: organisation lines and a date, right-aligned as in official documents."""

    organisations = blocks.ListBlock(
        blocks.CharBlock(max_length=200), label=_("Organisation lines"), min_num=1
    )
    date = blocks.DateBlock(label=_("Date"), required=False)

    value_schema = SignatureBlockValue
    html_classes = {"div": {"signature"}}

    def get_api_representation(self, value, context=None):
        return {"organisations": list(value["organisations"]), "date": value["date"]}

    def export_html(self, value, files):
        lines = format_html_join("", "<p>{}</p>", ((line,) for line in value["organisations"]))
        day = value["date"]
        if day:
            lines += format_html('<p><time datetime="{}">{}</time></p>', day.isoformat(), day.isoformat())
        return f'<div class="signature">{lines}</div>'

    def read_html(self, tag, reader):
        if tag.name != "div" or "signature" not in classes_of(tag):
            return False
        lines = [reader.text_of(p) for p in tag.find_all("p")] or [reader.text_of(tag)]
        time = tag.find("time")
        day = reader.parse_date(time.get("datetime", "")) if time else None
        if day is None and lines and reader.parse_date(lines[-1]):
            day = reader.parse_date(lines[-1])
        organisations = [line for line in lines if line and not reader.parse_date(line)]
        return not organisations or self.add(reader, self.raw_value(organisations, day))

    @staticmethod
    def raw_value(organisations, day):
        return {"organisations": organisations, "date": day.isoformat() if day else None}

    class Meta:
        icon = "edit"
        label = _("Signature")
        template = "blocks/signature.html"


class Link(TypedDict, closed=True):
    title: str
    url: str


class LinkListBlockValue(TypedDict, closed=True):
    heading: str
    links: list[Link]


class LinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Link text"), max_length=200)
    url = blocks.URLBlock(label=_("Web address"))


class LinkListBlock(BodyPart, blocks.StructBlock):
    """Links gathered under an optional heading, such as 相关链接 at the end of a notice."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=200, required=False)
    links = blocks.ListBlock(LinkBlock(), label=_("Links of the list"), min_num=1)

    value_schema = LinkListBlockValue
    html_classes = {"div": {"link-list"}}

    def get_api_representation(self, value, context=None):
        return {
            "heading": value["heading"],
            "links": [{"title": link["title"], "url": link["url"]} for link in value["links"]],
        }

    def export_html(self, value, files):
        heading = format_html("<header>{}</header>", value["heading"]) if value["heading"] else ""
        links = format_html_join(
            "", '<li><a href="{}">{}</a></li>', ((link["url"], link["title"]) for link in value["links"])
        )
        return f'<div class="link-list">{heading}<ul>{links}</ul></div>'

    def read_html(self, tag, reader):
        if tag.name != "div" or "link-list" not in classes_of(tag):
            return False
        heading_tag = tag.find("header", recursive=False)
        heading = reader.text_of(heading_tag) if heading_tag else ""
        links = [
            {"title": reader.text_of(link), "url": link["href"]}
            for link in tag.find_all("a", href=True)
            if reader.text_of(link) and is_web_address(link["href"])
        ]
        return not links or self.add(reader, {"heading": heading, "links": links})

    class Meta:
        icon = "list-ul"
        label = _("Link list")
        template = "blocks/link_list.html"


def is_web_address(url):
    try:
        URLValidator()(url)
    except ValidationError:
        return False
    return True


class BodyBlock(blocks.StreamBlock):
    text = BodyTextBlock(
        label=_("Body text"),
        features=BODY_TEXT_FEATURES,
        icon="pilcrow",
        help_text=_("Paragraphs, headings and lists; paste from Word or WPS keeps them."),
    )
    image = ImageBlock()
    gallery = GalleryBlock()
    table = TableBlock(label=_("Table"))
    quote = QuoteBlock()
    attachment = AttachmentBlock()
    embed = EmbedBlock(
        label=_("Embedded media"), help_text=_("A link to a video page, e.g. on a video site.")
    )
    video = VideoBlock()
    notice = NoticeBlock()
    signature = SignatureBlock()
    link_list = LinkListBlock()

    def prose(self, value):
        """The running text of a body, block by block, for search snippets (read lazily)."""
        return (
            text
            for child in value
            if child.block.prose
            for text in child.block.get_searchable_content(child.value)
            if text
        )


def heading_html(text, level="h2"):
    return f"<{level}>{escape(text)}</{level}>"


def merge_text_blocks(raw_blocks):
    """Raw body blocks with each run of ``paragraph`` and ``heading`` blocks joined into one ``text`` block.

    Builders (the importer, the demo content) still think in paragraphs and headings; the body
    stores them as one rich-text block, edited as a whole.
    """
    merged = []
    for block in raw_blocks:
        if block["type"] == "heading":
            html = heading_html(block["value"]["text"], block["value"].get("level") or "h2")
        elif block["type"] in ("paragraph", "text"):
            html = block["value"]
        else:
            merged.append(block)
            continue
        if merged and merged[-1]["type"] == "text":
            merged[-1]["value"] += html
        else:
            merged.append({**block, "type": "text", "value": html})
    return merged
