from home.models import HomeSection, PhoneNumber, SiteSettings
from tests.api.conftest import get_json
from tests.factories import SectionPageFactory


def make_settings(home):
    settings = SiteSettings.objects.create(
        site=home.get_site(), name="湘西自治州特殊教育学校", icp_record="湘ICP备17017769号", postcode="416000"
    )
    PhoneNumber.objects.create(settings=settings, label="值班室", number="0743-8716244")
    return settings


def test_site_gives_the_footer_settings(client, home):
    make_settings(home)
    data = get_json(client, "/api/v2/site/")
    assert data["name"] == "湘西自治州特殊教育学校"
    assert data["icp_record"] == "湘ICP备17017769号"
    assert data["icp_url"] == "https://beian.miit.gov.cn/"
    assert data["phones"] == [{"label": "值班室", "number": "0743-8716244"}]


def test_site_navigation_follows_depth(client, home, news):
    SectionPageFactory(parent=news.get_children().first(), title="第三层")
    shallow = get_json(client, "/api/v2/site/?depth=1")["navigation"]
    deep = get_json(client, "/api/v2/site/?depth=3")["navigation"]
    assert [node["title"] for node in shallow] == ["新闻动态"]
    assert shallow[0]["children"] == []
    assert deep[0]["children"][0]["children"][0]["title"] == "第三层"


def test_site_gives_the_home_lists(client, home, news):
    HomeSection.objects.create(page=home, section=news, count=2)
    data = get_json(client, "/api/v2/site/")["home"]
    assert [item["title"] for item in data["featured"]] == ["二"]
    assert [item["title"] for item in data["sections"][0]["articles"]] == ["三", "四"]


def test_settings_change_shows_at_once(client, home):
    settings = make_settings(home)
    get_json(client, "/api/v2/site/")
    settings.name = "新校名"
    settings.save()
    assert get_json(client, "/api/v2/site/")["name"] == "新校名"
