"""A file mixing good and bad records: the good ones are imported, each bad one is reported by line."""

import pytest
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from articles.models import ArticlePage, SectionPage
from tests.transfer.conftest import run_command
from tests.transfer.records import article, document_file, image_file, write_jsonl


@pytest.fixture
def mixed_file(folder):
    (folder / "uploads").mkdir()
    (folder / "uploads" / "fake.png").write_text("not an image")
    (folder.parent / "secret.txt").write_text("password")
    good = document_file(folder)
    lines = [
        article(legacy_id=1, title="第一篇"),  # 1
        '{"legacy_id": 2, "title": "缺少右括号"',  # 2
        article(legacy_id=3, title=""),  # 3
        article(legacy_id=4, published="去年春天"),  # 4
        article(
            legacy_id=5, section=["新栏目"], attachments=[{"file": good}, {"file": "uploads/missing.doc"}]
        ),
        article(legacy_id=1, title="重复"),  # 6
        article(legacy_id=7, title="第二篇", images=[{"file": image_file(folder)}]),  # 7
        article(legacy_id=8, body_html="<p>两种正文</p>", body_text="两种正文"),  # 8
        article(legacy_id=9, hits=-1),  # 9
        article(legacy_id=10, attachments=[{"file": "../secret.txt"}]),  # 10
        article(legacy_id=11, images=[{"file": "uploads/fake.png"}]),  # 11
        {"type": "comment", "legacy_id": 12},  # 12
        article(legacy_id=13, section=[]),  # 13
        "",  # a blank line is not a record
        article(legacy_id=15, attachments=[{"file": "uploads/run.exe"}]),  # 15
        {"type": "site", "email": "not an address"},  # 16
    ]
    document_file(folder, "uploads/run.exe")
    return write_jsonl(folder / "import.jsonl", lines)


@pytest.fixture
def result(mixed_file, home):
    return run_command("import_legacy", mixed_file)


def test_good_records_are_imported_exactly(result):
    assert sorted(ArticlePage.objects.values_list("title", flat=True)) == ["第一篇", "第二篇"]
    assert get_image_model().objects.count() == 1


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (2, "Not valid JSON"),
        (3, "“title” is required."),
        (4, "“published” is not a date: 去年春天"),
        (5, "File not found: uploads/missing.doc"),
        (6, "The legacy id 1 already appeared on line 1."),
        (8, "Give exactly one of “body_html” and “body_text”."),
        (9, "“hits” must be a whole number of at least 0."),
        (10, "The file is outside the import folder: ../secret.txt"),
        (11, "Not an image: uploads/fake.png"),
        (12, "Unknown record type “comment”."),
        (13, "“section” must list at least one section title."),
        (15, "Files of this kind are not accepted: uploads/run.exe"),
        (16, "“email”:"),
    ],
)
def test_bad_record_is_reported_with_its_line(result, line, reason):
    assert f"Line {line}: {reason}" in result.stderr


def test_only_bad_lines_are_reported(result):
    assert [line.split(":")[0] for line in result.stderr.splitlines()] == [
        f"Line {number}" for number in (2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 15, 16)
    ]


def test_failed_record_leaves_nothing_behind(result):
    assert not SectionPage.objects.filter(title="新栏目").exists()
    assert not get_document_model().objects.exists()


def test_summary_counts_the_skipped_records(result):
    assert "2 created, 0 updated, 0 unchanged, 13 skipped" in result.stdout


def test_exit_status_is_an_error(result):
    assert result.failed == "13 records were skipped."


def test_missing_file_is_an_error(db, folder):
    result = run_command("import_legacy", folder / "nothing.jsonl")
    assert result.failed.startswith("File not found:")


def test_line_that_is_not_utf8_is_reported(folder, home):
    path = folder / "gbk.jsonl"
    path.write_bytes('{"title": "新闻"}\n'.encode("gbk"))
    assert "Line 1: The line is not UTF-8." in run_command("import_legacy", path).stderr
