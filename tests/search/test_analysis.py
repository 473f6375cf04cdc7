"""The analyzer: one cut of the text for the index and the queries."""

import unicodedata

from search.analysis import ACCENTS_RE, normalize, query_pieces, tokens


def test_han_text_becomes_bigrams_and_its_last_character():
    assert list(tokens("特殊教育")) == ["特殊", "殊教", "教育", "育"]


def test_punctuation_and_scripts_end_a_piece():
    assert list(tokens("使用Wagtail发布，党员。")) == ["使用", "用", "wagtail", "发布", "布", "党员", "员"]


def test_numbers_are_words():
    assert list(tokens("2010年")) == ["2010", "年"]


def test_normalising_folds_width_case_and_accents():
    assert normalize("ＷＡＧＴＡＩＬ Café") == "wagtail cafe"


def test_query_pieces_are_distinct_and_ordered():
    assert [piece.text for piece in query_pieces("党员 Wagtail 党员！")] == ["党员", "wagtail"]


def test_punctuation_only_has_no_pieces():
    assert query_pieces("，。！？ -- ...") == []


def test_normalising_is_nfkc_casefolded_without_accents_for_every_compatibility_form():
    """The fast path for full-width forms gives what plain NFKC gives, mixed with other forms."""
    samples = [chr(code) for code in [*range(0xFF01, 0xFFEF), 0x3000, 0xFB01, 0x2460, 0x00BD, 0x1E9B]]
    text = "".join(sample + "e\u0301" + "中" for sample in samples)
    expected = unicodedata.normalize("NFKC", text).casefold()
    expected = unicodedata.normalize("NFC", ACCENTS_RE.sub("", unicodedata.normalize("NFD", expected)))
    assert normalize(text) == expected
