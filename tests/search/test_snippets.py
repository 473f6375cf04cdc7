"""Search snippets: body prose only, from a sentence or clause boundary, each sentence once."""

from tests.factories import ArticlePageFactory, ImageFactory


def snippet(client, query):
    return client.get("/api/v2/search/", {"q": query}).json()["results"][0]["snippet"]


def test_snippet_starts_at_the_sentence_with_the_match(article, client):
    article("通知", "学校召开全体教职工会议，部署新学期工作。会议要求全体党员发挥带头作用。")
    assert snippet(client, "党员") == "会议要求全体<mark>党员</mark>发挥带头作用。"


def test_snippet_of_a_long_sentence_starts_at_a_clause_boundary(article, client):
    long_clause = "围绕立德树人根本任务" * 6
    article("通知", f"学校{long_clause}，深入推进课程改革，全体党员积极参与。")
    text = snippet(client, "党员")
    assert text.startswith("…深入推进课程改革，全体<mark>党员</mark>")


def test_snippet_never_repeats_a_sentence(article, client):
    article("通知", "支部召开党员大会。", "支部召开党员大会。", "会后合影留念。")
    assert snippet(client, "党员") == "支部召开<mark>党员</mark>大会。 会后合影留念。"


def test_snippet_leaves_out_captions_and_the_title(section, client):
    image = ImageFactory()
    body = [
        ("image", {"image": image, "alt": "党员合影", "caption": "主题党日活动"}),
        ("text", "<p>全体教师参加了学习。</p>"),
    ]
    ArticlePageFactory(parent=section, title="主题党日活动", body=body, slug="party-day")
    assert snippet(client, "主题党日") == "全体教师参加了学习。"


def test_snippet_falls_back_to_the_summary_when_the_body_has_no_prose(article, client):
    article("党员大会", summary="支部召开党员大会，选举新一届支委。")
    assert snippet(client, "党员") == "支部召开<mark>党员</mark>大会，选举新一届支委。"
