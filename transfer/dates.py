"""Dates as old Chinese CMSs print them: 2012-01-2 19:00:25, 2024/7/06, 20101223, 2010年12月23日."""

import datetime
import re
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")
# Publish times an article may have. Beyond them lie typos and placeholder dates (0001-01-01, 9999-12-31)
# that the database, time zone conversions and date filters cannot all represent.
EARLIEST = datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC)
LATEST = datetime.datetime(2100, 1, 1, tzinfo=datetime.UTC)


class DateOutOfRange(ValueError):
    """A valid date outside EARLIEST…LATEST."""


SEPARATED = re.compile(
    r"(?P<year>\d{4})\s*[-/.年]\s*(?P<month>\d{1,2})\s*[-/.月]\s*(?P<day>\d{1,2})\s*日?"
    r"(?:\s*T?\s*(?P<hour>\d{1,2})\s*[:：时]\s*(?P<minute>\d{1,2})"
    r"(?:\s*[:：分]\s*(?P<second>\d{1,2})\s*秒?|\s*分)?)?"
)
COMPACT = re.compile(
    r"(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})(?:(?P<hour>\d{2})(?P<minute>\d{2})(?P<second>\d{2})?)?"
)
CHINESE_DIGITS = dict(zip("〇○零一二三四五六七八九", [0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9], strict=True))
CHINESE_DATE = re.compile(
    r"(?P<year>[〇○零一二三四五六七八九]{4})年(?P<month>[一二三四五六七八九十]{1,2})月(?P<day>[一二三四五六七八九十]{1,3})日"
)


def parse_published(text):
    """An aware datetime; without an offset the time is Shanghai time. Raises ValueError, or
    DateOutOfRange for a date before EARLIEST or from LATEST on."""
    moment = _parse_moment(text.strip())
    try:
        in_range = EARLIEST <= moment.astimezone(datetime.UTC) < LATEST
    except OverflowError:  # 0001-01-01 00:00 in Shanghai is in year 0 in UTC
        in_range = False
    if not in_range:
        raise DateOutOfRange(text)
    return moment


def _parse_moment(text):
    for pattern in (SEPARATED, COMPACT):
        match = pattern.fullmatch(text)
        if match:
            parts = {name: int(value or 0) for name, value in match.groupdict().items()}
            return datetime.datetime(**parts, tzinfo=SHANGHAI)
    moment = datetime.datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=SHANGHAI)


def parse_date(text):
    """The date of a signature line (2010年12月23日, 二〇一〇年十二月二十三日, 2010-12-23), or None."""
    text = text.strip()
    match = CHINESE_DATE.fullmatch(text)
    if match:
        year = int("".join(str(CHINESE_DIGITS[digit]) for digit in match["year"]))
        numbers = (year, _chinese_number(match["month"]), _chinese_number(match["day"]))
    else:
        match = SEPARATED.fullmatch(text) or COMPACT.fullmatch(text)
        if match is None or match["hour"]:
            return None
        numbers = (int(match["year"]), int(match["month"]), int(match["day"]))
    try:
        return datetime.date(*numbers)
    except ValueError:
        return None


def _chinese_number(text):
    """一 to 三十一: 十 is ten, 二十三 is twenty-three."""
    tens, _ten, units = text.rpartition("十")
    if not _ten:
        return CHINESE_DIGITS[units]
    return (CHINESE_DIGITS[tens] if tens else 1) * 10 + (CHINESE_DIGITS[units] if units else 0)
