"""Reading one line of an import file: every check a record must pass before anything is written."""

import hashlib
import json
from dataclasses import dataclass, field, fields
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.html import escape
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError
from wagtail.contrib.redirects.models import Redirect
from wagtail.images.utils import get_allowed_image_extensions
from wagtail.utils.file import hash_filelike

from articles.models import ArticlePage
from home.models import FooterLink, HomePage, HomeSection, PhoneNumber, SiteSettings

from .body import file_key
from .dates import EARLIEST, LATEST, DateOutOfRange, parse_published
from .models import ImportedArticle


class RecordError(Exception):
    """A record that cannot be imported; the message says why, for the person who made the file."""


@dataclass
class FileEntry:
    """A listed image or attachment; ``pk`` is set once it is stored."""

    path: Path
    key: str
    title: str
    alt: str = ""
    caption: str = ""
    sha1: str = ""
    pk: int | None = None


@dataclass
class ArticleRecord:
    legacy_id: str
    section: list
    title: str
    published: object
    hits: int
    body_html: str | None
    body_text: str | None
    subtitle: str = ""
    author: str = ""
    source: str = ""
    summary: str = ""
    tags: list = field(default_factory=list)
    pinned: bool = False
    featured: bool = False
    url: str = ""
    images: dict = field(default_factory=dict)
    attachments: dict = field(default_factory=dict)
    cover: FileEntry | None = None

    def content_hash(self):
        """Everything but the hit counter, which changes without being content (it has no revisions).

        The fields that hold more than strings, lists of strings and flags are replaced below, so
        the record's own values serve (``asdict()`` deep-copied them, at half the cost of reading).
        """
        content = {attribute.name: getattr(self, attribute.name) for attribute in fields(self)} | {
            "hits": None,
            "published": self.published.isoformat(),
            "images": [_entry_content(entry) for entry in self.images.values()],
            "attachments": [_entry_content(entry) for entry in self.attachments.values()],
            "cover": _entry_content(self.cover) if self.cover else None,
        }
        encoded = json.dumps(content, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(encoded.encode()).hexdigest()


def _entry_content(entry):
    """A file by its content, not its place: the same files in another folder are the same record."""
    return [entry.key, entry.sha1, entry.title, entry.alt, entry.caption]


@dataclass
class SiteRecord:
    values: dict
    phones: list | None = None
    footer_links: list | None = None


@dataclass
class SectionRecord:
    section: list
    intro: str | None = None  # stored rich text; None: not given


@dataclass
class PageRecord:
    """A single page (单页); it has no cover, but is written with the articles' ``store_files()``."""

    section: list
    title: str
    body_html: str | None
    body_text: str | None
    images: dict = field(default_factory=dict)
    attachments: dict = field(default_factory=dict)
    cover = None


@dataclass
class HomeRecord:
    values: dict
    notices_section: list | None = None
    sections: list | None = None  # (section titles, number of articles)


# Site-record keys and the SiteSettings fields they set.
SITE_FIELDS = {
    "name": "name",
    "address": "address",
    "fax": "fax",
    "postcode": "postcode",
    "email": "email",
    "icp": "icp_record",
    "police_record": "police_record",
    "police_record_url": "police_record_url",
    "copyright": "copyright",
}
# Home-record keys, named as the HomePage fields they set.
HOME_FIELDS = ("featured_count", "notices_count")
LEGACY_ID_MAX_LENGTH = ImportedArticle._meta.get_field("legacy_id").max_length
SECTION_TITLE_MAX_LENGTH = 255


def parse_line(line):
    """The JSON object on a line."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        raise RecordError(_("Not valid JSON (column %(column)s).") % {"column": error.colno}) from None
    if not isinstance(data, dict):
        raise RecordError(_("A record must be a JSON object."))
    return data


def legacy_id_of(data):
    legacy_id = data.get("legacy_id")
    if legacy_id is None or legacy_id == "":
        raise RecordError(_("“%(field)s” is required.") % {"field": "legacy_id"})
    if isinstance(legacy_id, bool) or not isinstance(legacy_id, str | int):
        raise RecordError(_("“legacy_id” must be a string or an integer."))
    legacy_id = str(legacy_id).strip()
    if len(legacy_id) > LEGACY_ID_MAX_LENGTH:
        raise RecordError(_too_long("legacy_id", LEGACY_ID_MAX_LENGTH))
    return legacy_id


def parse_article(data, folder):
    body_html, body_text = _body(data)
    cover = data.get("cover")
    if cover is not None and not isinstance(cover, dict):
        raise RecordError(_("“%(field)s” must be an object.") % {"field": "cover"})
    return ArticleRecord(
        legacy_id=legacy_id_of(data),
        section=_section(data),
        title=_text(data, "title", required=True),
        published=_published(data),
        hits=_hits(data),
        body_html=body_html,
        body_text=body_text,
        subtitle=_text(data, "subtitle"),
        author=_text(data, "author"),
        source=_text(data, "source"),
        summary=_string(data, "summary"),
        tags=_tags(data),
        pinned=_boolean(data, "pinned"),
        featured=_boolean(data, "featured"),
        url=_url(data),
        images=_files(_objects(data, "images"), folder, _check_image),
        attachments=_files(_objects(data, "attachments"), folder, _check_document),
        cover=next(iter(_files([cover], folder, _check_image).values())) if cover else None,
    )


def parse_site(data):
    values = {}
    for key, name in SITE_FIELDS.items():
        if key in data:
            values[name] = _clean(SiteSettings, name, _string(data, key).strip(), key)
    phones = footer_links = None
    if "phones" in data:
        phones = [
            (
                _clean(PhoneNumber, "label", _string(item, "label").strip(), "phones"),
                _clean(PhoneNumber, "number", _string(item, "number").strip(), "phones"),
            )
            for item in _objects(data, "phones")
        ]
    if "footer_links" in data:
        footer_links = [
            (
                _clean(FooterLink, "title", _string(item, "title").strip(), "footer_links"),
                _clean(FooterLink, "url", _string(item, "url").strip(), "footer_links"),
            )
            for item in _objects(data, "footer_links")
        ]
    return SiteRecord(values=values, phones=phones, footer_links=footer_links)


def parse_section(data):
    intro = data.get("intro")
    if intro is not None:
        intro = " ".join(_string(data, "intro").split())
        intro = f"<p>{escape(intro)}</p>" if intro else ""
    return SectionRecord(section=_section(data), intro=intro)


def parse_page(data, folder):
    body_html, body_text = _body(data)
    return PageRecord(
        section=_section(data),
        title=_text(data, "title", required=True),
        body_html=body_html,
        body_text=body_text,
        images=_files(_objects(data, "images"), folder, _check_image),
        attachments=_files(_objects(data, "attachments"), folder, _check_document),
    )


def parse_home(data):
    values = {name: _count(HomePage, name, data, name) for name in HOME_FIELDS if name in data}
    notices_section = _section(data, "notices_section") if "notices_section" in data else None
    sections = None
    if "sections" in data:
        sections = [
            (_section(item), _count(HomeSection, "count", item, "sections") if "count" in item else 8)
            for item in _objects(data, "sections")
        ]
    return HomeRecord(values=values, notices_section=notices_section, sections=sections)


# Fields ---------------------------------------------------------------------------------------------


def _too_long(name, max_length):
    return _("“%(field)s” must be at most %(max)s characters long.") % {"field": name, "max": max_length}


def _string(data, name, required=False):
    value = data.get(name)
    if value is None or value == "":
        if required:
            raise RecordError(_("“%(field)s” is required.") % {"field": name})
        return ""
    if not isinstance(value, str):
        raise RecordError(_("“%(field)s” must be a string.") % {"field": name})
    return value


def _text(data, name, required=False):
    """A one-line value that fits its ArticlePage field."""
    value = " ".join(_string(data, name).split())
    if required and not value:
        raise RecordError(_("“%(field)s” is required.") % {"field": name})
    max_length = ArticlePage._meta.get_field(name).max_length
    if max_length and len(value) > max_length:
        raise RecordError(_too_long(name, max_length))
    return value


def _clean(model, name, value, key):
    try:
        return model._meta.get_field(name).clean(value, None)
    except ValidationError as error:
        raise RecordError(
            _("“%(field)s”: %(errors)s") % {"field": key, "errors": " ".join(error.messages)}
        ) from None


def _boolean(data, name):
    """true or false; 0 and 1 too, as MySQL's JSON functions write its TINYINT flags."""
    value = data.get(name) or False
    if value not in (True, False) or isinstance(value, float):
        raise RecordError(_("“%(field)s” must be true or false.") % {"field": name})
    return bool(value)


def _hits(data):
    value = data.get("hits") or 0
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 2**31:
        raise RecordError(_("“%(field)s” must be a whole number of at least 0.") % {"field": "hits"})
    return value


def _strings(data, name):
    value = data.get(name) or []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise RecordError(_("“%(field)s” must be a list of strings.") % {"field": name})
    return [" ".join(item.split()) for item in value if item.strip()]


def _section(data, name="section"):
    if name not in data:
        raise RecordError(_("“%(field)s” is required.") % {"field": name})
    titles = _strings(data, name)
    if not titles:
        raise RecordError(_("“%(field)s” must list at least one section title.") % {"field": name})
    if any(len(title) > SECTION_TITLE_MAX_LENGTH for title in titles):
        raise RecordError(_too_long(name, SECTION_TITLE_MAX_LENGTH))
    return titles


def _count(model, name, data, key):
    """A whole number for a model's count field (a positive small integer)."""
    value = data.get(name)
    if isinstance(value, bool) or not isinstance(value, int):
        raise RecordError(_("“%(field)s” must be a whole number of at least 0.") % {"field": key})
    return _clean(model, name, value, key)


def _tags(data):
    tags = list(dict.fromkeys(_strings(data, "tags")))
    if any(len(tag) > 100 for tag in tags):
        raise RecordError(_too_long("tags", 100))
    return tags


def _body(data):
    """``body_html`` and ``body_text``, exactly one of them given (the other None)."""
    html, text = data.get("body_html"), data.get("body_text")
    if (html is None) == (text is None):
        raise RecordError(_("Give exactly one of “body_html” and “body_text”."))
    _check_body_size(html if html is not None else text)
    return (
        _string(data, "body_html") if html is not None else None,
        _string(data, "body_text") if text is not None else None,
    )


def _check_body_size(body):
    """A body beyond IMPORT_MAX_BODY_BYTES is refused before anything parses or indexes it."""
    limit = settings.IMPORT_MAX_BODY_BYTES
    if isinstance(body, str) and len(body) > limit // 4 and len(body.encode("utf-8")) > limit:
        raise RecordError(
            _("The body is larger than %(limit)s bytes (IMPORT_MAX_BODY_BYTES).") % {"limit": f"{limit:,}"}
        )


def _published(data):
    value = data.get("published")
    if value is None or value == "":
        raise RecordError(_("“%(field)s” is required.") % {"field": "published"})
    try:
        return parse_published(str(value))
    except DateOutOfRange:
        raise RecordError(
            _("“published” must be from %(earliest)s to %(latest)s: %(value)s")
            % {"earliest": EARLIEST.year, "latest": LATEST.year - 1, "value": value}
        ) from None
    except ValueError:
        raise RecordError(_("“published” is not a date: %(value)s") % {"value": value}) from None


def _url(data):
    url = _string(data, "url").strip()
    if not url:
        return ""
    old_path = Redirect.normalise_path(url)
    if len(old_path) > Redirect._meta.get_field("old_path").max_length:
        raise RecordError(_too_long("url", Redirect._meta.get_field("old_path").max_length))
    return old_path


def _objects(data, name):
    items = data.get(name) or []
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise RecordError(_("“%(field)s” must be a list of objects.") % {"field": name})
    return items


def _files(items, folder, check):
    """Listed files by key; each must exist inside the import folder and be of an accepted kind."""
    entries = {}
    for item in items:
        reference = _string(item, "file", required=True)
        path = (folder / reference).resolve()
        if not path.is_relative_to(folder.resolve()):
            raise RecordError(_("The file is outside the import folder: %(file)s") % {"file": reference})
        if not path.is_file():
            raise RecordError(_("File not found: %(file)s") % {"file": reference})
        check(path, reference)
        with path.open("rb") as file:
            sha1 = hash_filelike(file)
        title = " ".join(_string(item, "title").split())[:255] or path.stem
        entries[file_key(reference)] = FileEntry(
            path=path,
            key=file_key(reference),
            title=title,
            alt=" ".join(_string(item, "alt").split())[:255],
            caption=" ".join(_string(item, "caption").split())[:255],
            sha1=sha1,
        )
    return entries


def _check_extension(path, reference, extensions):
    if extensions is not None and path.suffix.lower().lstrip(".") not in extensions:
        raise RecordError(
            _("Files of this kind are not accepted: %(file)s (accepted: %(extensions)s)")
            % {"file": reference, "extensions": ", ".join(extensions)}
        )


def _check_image(path, reference):
    _check_extension(path, reference, get_allowed_image_extensions())
    try:
        with Image.open(path) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError):
        raise RecordError(_("Not an image: %(file)s") % {"file": reference}) from None


def _check_document(path, reference):
    _check_extension(path, reference, getattr(settings, "WAGTAILDOCS_EXTENSIONS", None))
