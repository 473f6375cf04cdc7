"""Media blocks as deaf and blind visitors meet them: subtitles on videos, alt text on images."""

import re

import pytest
from django.core.files.base import ContentFile

from tests.factories import ArticlePageFactory, DocumentFactory, ImageFactory

pytestmark = pytest.mark.django_db


def test_video_shows_its_subtitles_and_the_api_gives_them(section, client):
    video = DocumentFactory(file=ContentFile(b"\0", "clip.mp4"))
    subtitles = DocumentFactory(file=ContentFile(b"WEBVTT\n", "clip.vtt"))
    article = ArticlePageFactory(
        parent=section,
        body=[("video", {"video": video, "poster": None, "caption": "", "captions": subtitles})],
    )
    html = client.get(article.url).content.decode()
    (track,) = re.findall(r"<track [^>]*>", html)
    assert (
        'kind="captions"' in track
        and f'src="http://testserver{subtitles.url}"' in track
        and "default" in track
    )
    block = client.get(f"/api/v2/pages/{article.pk}/").json()["body"][0]
    assert block["value"]["captions"]["url"] == f"http://testserver{subtitles.url}"


def test_video_without_subtitles_has_no_track(section, client):
    video = DocumentFactory(file=ContentFile(b"\0", "clip.mp4"))
    article = ArticlePageFactory(
        parent=section, body=[("video", {"video": video, "poster": None, "caption": ""})]
    )
    assert "<track" not in client.get(article.url).content.decode()


def test_image_alt_text_is_rendered_and_given_by_the_api(section, client):
    image = ImageFactory()
    article = ArticlePageFactory(
        parent=section, body=[("image", {"image": image, "alt": "学生在操场上升国旗", "caption": "升旗仪式"})]
    )
    assert 'alt="学生在操场上升国旗"' in client.get(article.url).content.decode()
    block = client.get(f"/api/v2/pages/{article.pk}/").json()["body"][0]
    assert block["value"]["image"]["alt"] == "学生在操场上升国旗"
