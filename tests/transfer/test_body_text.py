"""body_text: lines, outline headings and the closing signature."""

from transfer.body import text_blocks


def blocks(text):
    return [(block["type"], block["value"]) for block in text_blocks(text, {}, {})]


def test_each_non_empty_line_is_a_paragraph_of_one_text_block():
    assert blocks("第一段。\n\n　　第二段。\n") == [("text", "<p>第一段。</p><p>第二段。</p>")]


def test_chinese_numeral_outline_is_a_heading():
    assert blocks("一、点评模式灵活") == [("text", "<h2>一、点评模式灵活</h2>")]


def test_bracketed_outline_is_a_subheading():
    assert blocks("（一）坚持集中点评") == [("text", "<h3>（一）坚持集中点评</h3>")]


def test_numbered_item_stays_a_paragraph():
    assert blocks("1、坚持集中点评与个别点评相结合。") == [
        ("text", "<p>1、坚持集中点评与个别点评相结合。</p>")
    ]


def test_run_in_outline_sentence_stays_a_paragraph():
    text = "一、防溺水。教育孩子不私自下水游泳。"
    assert blocks(text) == [("text", f"<p>{text}</p>")]


def test_organisation_and_date_at_the_end_are_a_signature():
    assert blocks("特此通知。\n湘西自治州特殊教育学校\n2011年12月30日")[-1] == (
        "signature",
        {"organisations": ["湘西自治州特殊教育学校"], "date": "2011-12-30"},
    )


def test_date_line_after_a_sentence_is_not_a_signature():
    assert [kind for kind, _value in blocks("请按时返校，注意安全。\n2011年12月30日")] == ["text"]


def test_markup_in_text_is_escaped():
    assert blocks("<script>alert(1)</script>") == [("text", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>")]
