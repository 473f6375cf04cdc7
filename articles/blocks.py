"""StreamField blocks for article and single-page bodies.

Blocks are rendered by the theme from their representation (see ``representations``), so none
of them carries a template here.
"""

from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

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


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=255,
        required=False,
        help_text=_("Describe the image for visitors who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), max_length=255, required=False)

    class Meta:
        icon = "image"
        label = _("Image")


class GalleryBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200, required=False)
    images = blocks.ListBlock(ImageBlock(), label=_("Images"), min_num=1)

    class Meta:
        icon = "image"
        label = _("Gallery")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quotation"))
    attribution = blocks.CharBlock(label=_("Attribution"), max_length=200, required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")


class AttachmentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"),
        max_length=255,
        required=False,
        help_text=_("Leave blank to use the document's title."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Attachment")


class VideoBlock(blocks.StructBlock):
    video = DocumentChooserBlock(label=_("Video file"), help_text=_("An MP4 file from the document library."))
    poster = ImageChooserBlock(label=_("Poster image"), required=False)
    caption = blocks.CharBlock(label=_("Caption"), max_length=255, required=False)
    captions = DocumentChooserBlock(
        label=_("Subtitles"),
        required=False,
        help_text=_("A WebVTT (.vtt) file of the video's subtitles, for deaf and hard-of-hearing visitors."),
    )

    class Meta:
        icon = "media"
        label = _("Video")


class NoticeBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200, required=False)
    text = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)
    style = blocks.ChoiceBlock(
        label=_("Style"),
        choices=[("info", _("Information")), ("important", _("Important"))],
        default="info",
        search_index=False,
    )

    class Meta:
        icon = "warning"
        label = _("Notice box")


class SignatureBlock(blocks.StructBlock):
    """落款: organisation lines and a date, right-aligned as in official documents."""

    organisations = blocks.ListBlock(
        blocks.CharBlock(max_length=200), label=_("Organisation lines"), min_num=1
    )
    date = blocks.DateBlock(label=_("Date"), required=False)

    class Meta:
        icon = "edit"
        label = _("Signature")


class BodyBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(
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

    # Blocks whose text is the body's running prose; captions, alt texts and link labels are not.
    PROSE_BLOCKS = ("text", "quote", "notice", "table")

    def prose(self, value):
        """The running text of a body, block by block, for search snippets (read lazily)."""
        return (
            text
            for child in value
            if child.block_type in self.PROSE_BLOCKS
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
