"""The analyzer: one cut of the text for the index and the queries."""

from search.analysis import normalize, query_pieces, tokens


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
