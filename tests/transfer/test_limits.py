"""Records beyond what the site can hold are line errors, in dry runs and real runs alike,
and cost nothing but themselves."""

import datetime

import pytest

from articles.models import ArticlePage
from tests.transfer.records import article
from transfer.dates import DateOutOfRange, parse_published
from transfer.importer import Importer

OUT_OF_RANGE = [
    "0001-01-01 00:00",
    "0001-01-01T08:00:00+08:00",
    "9999-12-31T23:59:59-14:00",
    "9999-12-31 23:59:59",
    "1899-12-31",
    "2100-01-01 08:00",
]


@pytest.mark.parametrize("published", OUT_OF_RANGE)
@pytest.mark.parametrize("options", [(), ("--dry-run",)])
def test_out_of_range_date_is_a_line_error(import_records, published, options):
    result = import_records(
        article(title="之前"), article(published=published), article(title="之后"), options=options
    )
    assert result.stderr == f"Line 2: “published” must be from 1900 to 2099: {published}\n"
    assert "2 created, 0 updated, 0 unchanged, 1 skipped" in result.stdout
    expected = [] if options else ["之前", "之后"]
    assert sorted(ArticlePage.objects.values_list("title", flat=True)) == sorted(expected)


def test_range_is_judged_in_utc():
    assert parse_published("1900-01-01T09:00:00+09:00") == datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC)
    with pytest.raises(DateOutOfRange):
        parse_published("1900-01-01T08:59:59+09:00")
    assert parse_published("2099-12-31T23:59:59+00:00").year == 2099


def test_unforeseen_error_in_one_record_keeps_the_others(import_records, monkeypatch):
    """Whatever a record's write raises, its batch is written again line by line: only it is skipped."""
    body = Importer.body

    def failing_body(self, record):
        if record.title == "坏":
            raise OverflowError("date value out of range")
        return body(self, record)

    monkeypatch.setattr(Importer, "body", failing_body)
    result = import_records(article(title="甲"), article(title="坏"), article(title="乙"))
    assert result.stderr == "Line 2: Unexpected error (OverflowError); see the server log.\n"
    assert sorted(ArticlePage.objects.values_list("title", flat=True)) == ["乙", "甲"]


@pytest.mark.parametrize("body_field", ["body_text", "body_html"])
@pytest.mark.parametrize("options", [(), ("--dry-run",)])
def test_body_over_the_limit_is_a_line_error(import_records, settings, body_field, options):
    settings.IMPORT_MAX_BODY_BYTES = 1000
    fits, too_big = "字" * 333, "字" * 334  # 999 and 1,002 bytes of UTF-8
    result = import_records(
        article(title="刚好", **{body_field: fits}),
        article(title="太长", **{body_field: too_big}),
        options=options,
    )
    assert result.stderr == "Line 2: The body is larger than 1,000 bytes (IMPORT_MAX_BODY_BYTES).\n"
    assert "1 created" in result.stdout
    assert list(ArticlePage.objects.values_list("title", flat=True)) == ([] if options else ["刚好"])


def test_body_limit_defaults_to_a_few_megabytes(settings):
    assert 1024 * 1024 <= settings.IMPORT_MAX_BODY_BYTES <= 10 * 1024 * 1024
