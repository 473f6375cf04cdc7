"""The public shapes of the home page and of the site (see ``core.schemas``)."""

from typing import Literal

from typing_extensions import TypedDict

from articles.media import Image
from articles.schemas import ArticleItem, Detail, PageFields, PageLink, PopularItem


class SectionList(TypedDict, closed=True):
    section: PageLink
    articles: list[ArticleItem]


class SiteHome(PageFields, closed=True):
    type: Literal["home.HomePage"]
    featured: list[ArticleItem]
    sections: list[SectionList]
    notices: SectionList | None
    popular: list[PopularItem]


class HomePage(SiteHome, Detail):
    pass


class NavigationNode(PageLink):
    children: list["NavigationNode"]


class Phone(TypedDict, closed=True):
    label: str
    number: str


class FooterLink(TypedDict, closed=True):
    title: str
    url: str


class Site(TypedDict, closed=True):
    name: str
    home_url: str | None
    logo: Image | None
    address: str
    postcode: str
    phones: list[Phone]
    fax: str
    email: str
    icp_record: str
    icp_url: str
    police_record: str
    police_record_url: str
    copyright: str
    footer_links: list[FooterLink]
    navigation: list[NavigationNode]
    home: SiteHome | None  # the home page's lists (no ``meta``); null while it is a draft or private
