"""body_html: sanitised, then read into headings, paragraphs, lists, tables, images and attachments."""

from pathlib import Path

import pytest

from transfer.body import html_blocks
from transfer.records import FileEntry

CAMPUS = FileEntry(
    path=Path("uploads/campus.jpg"), key="uploads/campus.jpg", title="校园", alt="校园全景", pk=7
)
FORM = FileEntry(path=Path("uploads/form.pdf"), key="uploads/form.pdf", title="报名表", pk=3)


def blocks(html, images=(), documents=()):
    return [
        (block["type"], block["value"])
        for block in html_blocks(
            html, {entry.key: entry for entry in images}, {entry.key: entry for entry in documents}
        )
    ]


@pytest.mark.parametrize(
    "unsafe",
    [
        "<script>alert(1)</script>",
        '<p onclick="alert(1)">',
        "javascript:",
        "style=",
        "<iframe",
        "<object",
        "<embed",
        "onerror",
    ],
)
def test_unsafe_markup_is_removed(unsafe):
    html = (
        '<p onclick="alert(1)" style="color:red">正文<script>alert(1)</script></p>'
        '<p><a href="javascript:alert(1)">链接</a><img src="x.png" onerror="alert(1)"></p>'
        '<iframe src="http://evil.example/"></iframe><object data="x.swf"></object><embed src="x.swf">'
    )
    assert unsafe not in str(blocks(html))


def test_strong_and_em_become_wagtail_bold_and_italic():
    assert blocks("<p><strong>报名时间：</strong><em>即日起</em></p>") == [
        ("text", "<p><b>报名时间：</b><i>即日起</i></p>")
    ]


def test_headings_map_onto_the_three_levels():
    assert blocks("<h1>一</h1><h3>二</h3><h6>三</h6>") == [("text", "<h2>一</h2><h3>二</h3><h4>三</h4>")]


def test_list_is_rich_text():
    assert blocks("<ul><li>户口簿</li><li>残疾人证</li></ul>") == [
        ("text", "<ul><li>户口簿</li><li>残疾人证</li></ul>")
    ]


def test_loose_text_and_line_breaks_are_a_paragraph():
    assert blocks("第一行<br>第二行") == [("text", "<p>第一行<br>第二行</p>")]


def test_table_keeps_rows_caption_and_header():
    html = (
        "<table><caption>课程安排</caption>"
        "<tr><th>时间</th><th>项目</th></tr><tr><td>周一</td><td>感统</td></tr></table>"
    )
    assert blocks(html) == [
        (
            "table",
            {
                "data": [["时间", "项目"], ["周一", "感统"]],
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "table_caption": "课程安排",
            },
        )
    ]


def test_layout_table_around_the_article_is_unwrapped():
    assert blocks("<table><tr><td><h2>标题</h2><p>正文</p></td></tr></table>") == [
        ("text", "<h2>标题</h2><p>正文</p>")
    ]


def test_listed_image_becomes_an_image_block():
    html = '<p><img src="http://old.example.com/uploads/campus.jpg"></p>'
    assert blocks(html, images=[CAMPUS]) == [("image", {"image": 7, "alt": "校园全景", "caption": ""})]


def test_unlisted_image_is_dropped():
    assert blocks('<p>正文<img src="/uploads/other.jpg"></p>') == [("text", "<p>正文</p>")]


def test_link_alone_to_a_listed_attachment_becomes_an_attachment_block():
    assert blocks('<p><a href="/uploads/form.pdf">点击下载报名表</a></p>', documents=[FORM]) == [
        ("attachment", {"document": 3, "title": "点击下载报名表"})
    ]


def test_files_the_body_does_not_show_are_appended():
    assert [kind for kind, _value in blocks("<p>正文</p>", images=[CAMPUS], documents=[FORM])] == [
        "text",
        "image",
        "attachment",
    ]


def test_blockquote_is_a_quote():
    assert blocks("<blockquote><p>静待花开。</p><footer>校长</footer></blockquote>") == [
        ("quote", {"text": "静待花开。", "attribution": "校长"})
    ]


def test_paragraphs_without_text_are_dropped_and_rules_kept():
    html = (
        '<p>&nbsp;</p><p> <br> </p><p><strong></strong></p><p><a href="http://old.example.com/?a>b"></a></p>'
        "<hr><p>&lt;正文&gt;</p>"
    )
    assert blocks(html) == [("text", "<hr><p>&lt;正文&gt;</p>")]


def test_word_html_is_cleaned_into_one_text_block():
    """What Word and WPS put on the clipboard or save as HTML: Office namespaces, styles, spans."""
    html = (
        '<div class=WordSection1><h1 style="mso-outline-level:1"><span lang=ZH-CN>一、工作目标</span></h1>'
        '<p class=MsoNormal style="text-indent:21.0pt"><span style="font-family:宋体">提高<b>教学</b>质量。'
        "<o:p></o:p></span></p>"
        '<p class=MsoListParagraph style="mso-list:l0 level1 lfo1"><![if !supportLists]>1.<![endif]>'
        "<span>第一条。</span></p></div>"
    )
    assert blocks(html) == [("text", "<h2>一、工作目标</h2><p>提高<b>教学</b>质量。</p><p>1.第一条。</p>")]
