"""The date forms old Chinese CMSs print."""

import datetime

import pytest

from tests.factories import SHANGHAI
from transfer.dates import parse_date, parse_published


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2012-01-2 19:00:25", (2012, 1, 2, 19, 0, 25)),
        ("2012-01-02 19:00", (2012, 1, 2, 19, 0, 0)),
        ("2024/7/06", (2024, 7, 6, 0, 0, 0)),
        ("2012/1/2", (2012, 1, 2, 0, 0, 0)),
        ("20101223", (2010, 12, 23, 0, 0, 0)),
        ("2010年12月23日", (2010, 12, 23, 0, 0, 0)),
        ("2010年12月23日 19:00", (2010, 12, 23, 19, 0, 0)),
        ("2010年12月23日19时5分", (2010, 12, 23, 19, 5, 0)),
        ("2012-01-02T19:00:25", (2012, 1, 2, 19, 0, 25)),
    ],
)
def test_date_without_offset_is_shanghai_time(text, expected):
    assert parse_published(text) == datetime.datetime(*expected, tzinfo=SHANGHAI)


def test_iso_offset_is_kept():
    assert parse_published("2012-01-02T11:00:25+00:00") == datetime.datetime(
        2012, 1, 2, 19, 0, 25, tzinfo=SHANGHAI
    )


@pytest.mark.parametrize("text", ["昨天", "2012-13-01", "2012-02-30", "", "2012-01-02 25:00"])
def test_unparseable_date_is_an_error(text):
    with pytest.raises(ValueError):
        parse_published(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2011年12月30日", datetime.date(2011, 12, 30)),
        ("二〇一一年十二月三十日", datetime.date(2011, 12, 30)),
        ("二〇一〇年十月一日", datetime.date(2010, 10, 1)),
        ("2011-12-30", datetime.date(2011, 12, 30)),
    ],
)
def test_signature_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["湘西自治州特殊教育学校", "2011-12-30 10:00", "2011年2月30日"])
def test_not_a_signature_date(text):
    assert parse_date(text) is None
