/*
 * A headless client of the portal's public API (/api/v2/), in plain JavaScript.
 *
 * Open index.html?api=https://cms.example.org to read that site; without ?api= the client reads
 * DEFAULT_API. The API's origin must allow this page's origin (CORS_ALLOWED_ORIGINS).
 *
 * Pages are routed by hash: #/xin-wen-dong-tai/?page=2 shows what /xin-wen-dong-tai/?page=2 shows
 * on the site itself. Every text goes in as text nodes; only rich-text fields (text blocks, notices,
 * section introductions), which the CMS limits to its rich-text features, go in as HTML.
 */
"use strict";

const DEFAULT_API = "http://127.0.0.1:8000";
const API = (new URLSearchParams(window.location.search).get("api") || DEFAULT_API).replace(/\/+$/, "");
const URL_ATTRIBUTES = ["href", "src", "poster"];

const main = document.getElementById("main");
let siteName = "";
let navigationId = 0;

// DOM helpers ------------------------------------------------------------------------------------

/** An element with attributes and children; strings become text nodes, so nothing is parsed as HTML. */
function h(tag, attributes, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
        if (value === null || value === undefined || value === false) {
            continue;
        }
        if (URL_ATTRIBUTES.includes(name)) {
            element.setAttribute(name, safeUrl(value));
        } else {
            element.setAttribute(name, value === true ? "" : String(value));
        }
    }
    append(element, children);
    return element;
}

/** Append children (nested lists allowed), skipping the empty ones a condition left behind. */
function append(parent, children) {
    for (const child of children.flat(Infinity)) {
        if (child === null || child === undefined || child === false || child === "") {
            continue;
        }
        parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return parent;
}

function replace(parent, ...children) {
    parent.replaceChildren();
    return append(parent, children);
}

/** Rich text from the API, already limited to the CMS's rich-text features: the only HTML inserted. */
function richText(html, className) {
    const container = h("div", { class: className || "rich-text" });
    container.innerHTML = html;
    return container;
}

/** Only web, mail and relative addresses: a stored javascript: URL never becomes a link. */
function safeUrl(url) {
    const value = String(url);
    if (/^(#|\/(?!\/)|\?)/.test(value)) {
        return value;
    }
    try {
        const parsed = new URL(value);
        return ["http:", "https:", "mailto:"].includes(parsed.protocol) ? value : "#";
    } catch (error) {
        return "#";
    }
}

/** A site path such as /xin-wen-dong-tai/ as this client's own address, #/xin-wen-dong-tai/. */
function route(url) {
    return url && url.startsWith("/") ? `#${url}` : url;
}

function pageLink(item, attributes) {
    return h("a", { href: route(item.url), ...attributes }, item.title);
}

// Dates come in the site's time zone (2012-01-02T19:00:25+08:00): the text before the offset is
// the local time the site itself prints.
function day(moment) {
    return moment.slice(0, 10);
}

function minute(moment) {
    return moment.slice(0, 16).replace("T", " ");
}

function timeElement(moment, text) {
    return h("time", { datetime: moment }, text);
}

function chineseDate(isoDate) {
    const [year, month, date] = isoDate.split("-").map(Number);
    return `${year}年${month}月${date}日`;
}

function fileSize(bytes) {
    const units = ["B", "KB", "MB", "GB"];
    let size = bytes;
    let unit = 0;
    while (size >= 1024 && unit < units.length - 1) {
        size /= 1024;
        unit += 1;
    }
    return `${unit ? size.toFixed(1) : size} ${units[unit]}`;
}

// The API -----------------------------------------------------------------------------------------

class NotFound extends Error {}

async function getJSON(path) {
    const response = await fetch(API + path, { headers: { Accept: "application/json" } });
    if (response.status === 404) {
        throw new NotFound(path);
    }
    if (!response.ok) {
        throw new Error(`${response.status} ${path}`);
    }
    return response.json();
}

/** Count this view as the site's own article page does, and answer the new total. */
async function countHit(article) {
    try {
        const response = await fetch(`${API}/api/v2/pages/${article.id}/hit/`, { method: "POST" });
        return response.ok ? (await response.json()).hits : article.hits;
    } catch (error) {
        return article.hits;
    }
}

// Site frame: brand, navigation and footer ---------------------------------------------------------

function renderBrand(site) {
    replace(
        document.getElementById("site-brand"),
        site.logo ? h("img", { class: "site-brand__logo", src: site.logo.renditions.small.url, alt: "" }) : null,
        h("span", { class: "site-brand__name" }, site.name || "首页"),
    );
}

function renderNavigation(site) {
    replace(
        document.getElementById("site-nav"),
        h("li", { class: "site-nav__item" }, h("a", { href: "#/", "data-page-id": "home" }, "首页")),
        ...site.navigation.map((item) =>
            h(
                "li",
                { class: "site-nav__item" },
                pageLink(item, { "data-page-id": item.id }),
                item.children.length
                    ? h(
                          "ul",
                          { class: "site-nav__sub" },
                          item.children.map((child) => h("li", {}, pageLink(child, { "data-page-id": child.id }))),
                      )
                    : null,
            ),
        ),
    );
}

/** Mark the menu entry of the page shown, or of the section it is in. */
function markCurrent(page) {
    const trail = new Set([page.id, ...(page.breadcrumbs || []).map((crumb) => crumb.id)]);
    for (const link of document.querySelectorAll("#site-nav a")) {
        const id = link.dataset.pageId === "home" ? null : Number(link.dataset.pageId);
        const current = page.type === "home.HomePage" ? id === null : trail.has(id);
        link.closest("li").classList.toggle("is-current", current);
        if (id === page.id || (id === null && page.type === "home.HomePage")) {
            link.setAttribute("aria-current", "page");
        } else {
            link.removeAttribute("aria-current");
        }
    }
}

function renderFooter(site) {
    const item = (...children) => h("span", { class: "site-info__item" }, ...children);
    const phones = site.phones.map((phone) =>
        h("span", { class: "site-info__phone" }, phone.label ? `${phone.number}（${phone.label}）` : phone.number),
    );
    replace(
        document.getElementById("site-footer"),
        site.footer_links.length
            ? h(
                  "nav",
                  { class: "footer-links", "aria-label": "友情链接" },
                  h("ul", {}, site.footer_links.map((link) => h("li", {}, h("a", { href: link.url }, link.title)))),
              )
            : null,
        h(
            "div",
            { class: "site-info" },
            site.name ? h("p", { class: "site-info__name" }, site.name) : null,
            h(
                "p",
                {},
                site.address ? item(`地址：${site.address}`) : null,
                site.postcode ? item(`邮编：${site.postcode}`) : null,
            ),
            h(
                "p",
                {},
                phones.length ? item("电话：", ...phones.flatMap((phone, i) => (i ? [" ", phone] : [phone]))) : null,
                site.fax ? item(`传真：${site.fax}`) : null,
                site.email ? item("电子邮箱：", h("a", { href: `mailto:${site.email}` }, site.email)) : null,
            ),
            h(
                "p",
                { class: "site-info__records" },
                site.icp_record
                    ? item(h("a", { href: site.icp_url, target: "_blank", rel: "noopener" }, site.icp_record))
                    : null,
                site.police_record
                    ? item(
                          site.police_record_url
                              ? h(
                                    "a",
                                    { href: site.police_record_url, target: "_blank", rel: "noopener" },
                                    site.police_record,
                                )
                              : site.police_record,
                      )
                    : null,
            ),
            site.copyright ? h("p", { class: "site-info__copyright" }, site.copyright) : null,
        ),
    );
}

// Shared page parts ----------------------------------------------------------------------------------

function breadcrumbs(crumbs, current) {
    return h(
        "nav",
        { class: "breadcrumbs", "aria-label": "面包屑导航" },
        h("span", { class: "breadcrumbs__label" }, "当前位置："),
        h(
            "ol",
            {},
            crumbs.map((crumb) => h("li", {}, pageLink(crumb))),
            current ? h("li", {}, h("span", { "aria-current": "page" }, current)) : null,
        ),
    );
}

function articleList(items, { showPinned = false, className = "article-list" } = {}) {
    return h(
        "ul",
        { class: className },
        items.map((item) =>
            h(
                "li",
                { class: "article-list__item" },
                showPinned && item.pinned ? h("span", { class: "badge" }, "置顶") : null,
                pageLink(item),
                " ",
                h("span", { class: "article-list__date" }, timeElement(item.publish_time, day(item.publish_time))),
            ),
        ),
    );
}

function image(picture, { sizes = "(min-width: 60em) 52rem, 100vw", eager = false } = {}) {
    const medium = picture.renditions.medium;
    return h("img", {
        src: picture.url,
        srcset: picture.srcset,
        sizes,
        alt: picture.alt,
        width: medium.width,
        height: medium.height,
        loading: eager ? null : "lazy",
    });
}

// Body blocks: one renderer per block type of the API -------------------------------------------------

const BLOCKS = {
    text: (value) => richText(value.html),
    image: (value) =>
        value.image
            ? h(
                  "figure",
                  { class: "block-image" },
                  image(value.image),
                  value.caption ? h("figcaption", {}, value.caption) : null,
              )
            : null,
    gallery: (value) =>
        h(
            "figure",
            { class: "block-gallery" },
            value.title ? h("figcaption", { class: "block-gallery__title" }, value.title) : null,
            h(
                "ul",
                { class: "block-gallery__list" },
                value.images
                    .filter((item) => item.image)
                    .map((item) => {
                        const thumbnail = item.image.renditions.thumbnail;
                        return h(
                            "li",
                            {},
                            h(
                                "figure",
                                {},
                                h(
                                    "a",
                                    { href: item.image.renditions.large.url },
                                    h("img", {
                                        src: thumbnail.url,
                                        alt: item.image.alt,
                                        width: thumbnail.width,
                                        height: thumbnail.height,
                                        loading: "lazy",
                                    }),
                                ),
                                item.caption ? h("figcaption", {}, item.caption) : null,
                            ),
                        );
                    }),
            ),
        ),
    table: (value) => {
        const [first, ...others] = value.rows;
        const row = (cells) =>
            h(
                "tr",
                {},
                cells.map((cell, index) =>
                    index === 0 && value.first_col_is_header ? h("th", { scope: "row" }, cell) : h("td", {}, cell),
                ),
            );
        return h(
            "div",
            { class: "block-table", role: "region", "aria-label": value.caption || "表格", tabindex: "0" },
            h(
                "table",
                {},
                value.caption ? h("caption", {}, value.caption) : null,
                value.first_row_is_header && first
                    ? [
                          h("thead", {}, h("tr", {}, first.map((cell) => h("th", { scope: "col" }, cell)))),
                          h("tbody", {}, others.map(row)),
                      ]
                    : h("tbody", {}, value.rows.map(row)),
            ),
        );
    },
    quote: (value) =>
        h(
            "figure",
            { class: "block-quote" },
            h("blockquote", {}, h("p", {}, value.text)),
            value.attribution ? h("figcaption", {}, `—— ${value.attribution}`) : null,
        ),
    attachment: (value) => {
        const document_ = value.document;
        if (!document_) {
            return null;
        }
        const size = document_.size ? fileSize(document_.size) : "";
        const details = [document_.extension.toUpperCase(), size].filter(Boolean).join("，");
        return h(
            "p",
            { class: "block-attachment" },
            h("span", { class: "block-attachment__label" }, "附件："),
            h("a", { href: document_.url, download: document_.file_name }, document_.title),
            details ? h("span", { class: "block-attachment__meta" }, `（${details}）`) : null,
        );
    },
    // The provider's embed HTML is not rich text the CMS sanitises: link to the media page instead.
    embed: (value) =>
        value.url ? h("p", { class: "block-embed" }, h("a", { href: value.url }, `观看视频：${value.url}`)) : null,
    video: (value) =>
        value.video
            ? h(
                  "figure",
                  { class: "block-video" },
                  h(
                      "video",
                      {
                          controls: true,
                          preload: "metadata",
                          poster: value.poster ? value.poster.renditions.large.url : null,
                      },
                      h("source", { src: value.video.url, type: "video/mp4" }),
                      h("a", { href: value.video.url }, "下载视频"),
                  ),
                  value.caption ? h("figcaption", {}, value.caption) : null,
              )
            : null,
    notice: (value) =>
        h(
            "aside",
            {
                class: `block-notice block-notice--${value.style === "important" ? "important" : "info"}`,
                role: "note",
                "aria-label": value.title || null,
            },
            value.title ? h("p", { class: "block-notice__title" }, value.title) : null,
            richText(value.html),
        ),
    signature: (value) =>
        h(
            "div",
            { class: "signature" },
            value.organisations.map((line) => h("p", {}, line)),
            value.date ? h("p", {}, timeElement(value.date, chineseDate(value.date))) : null,
        ),
};

function body(blocks) {
    return blocks.map((block) => (BLOCKS[block.type] ? BLOCKS[block.type](block.value) : null));
}

// Pages --------------------------------------------------------------------------------------------------

function homeBlock(block, headingId, { showPinned = false, empty = "本栏目暂无文章。" } = {}) {
    return h(
        "section",
        { class: "home-block", "aria-labelledby": headingId },
        h("h2", { id: headingId, class: "block-title" }, pageLink(block.section)),
        block.articles.length ? articleList(block.articles, { showPinned }) : h("p", { class: "empty" }, empty),
        h(
            "p",
            { class: "more" },
            h(
                "a",
                { href: route(block.section.url) },
                "更多",
                h("span", { class: "visually-hidden" }, ` ${block.section.title}`),
            ),
        ),
    );
}

function renderHome(home) {
    const [first, ...others] = home.featured;
    const headlineSizes = "(min-width: 60em) 46rem, 100vw";
    return [
        h("h1", { class: "visually-hidden", tabindex: "-1" }, siteName || home.title),
        h(
            "div",
            { class: "home-top" },
            first
                ? h(
                      "section",
                      { class: "home-featured", "aria-labelledby": "featured-title" },
                      h("h2", { id: "featured-title", class: "block-title" }, "头条"),
                      h(
                          "article",
                          { class: "headline" },
                          h(
                              "a",
                              { class: "headline__link", href: route(first.url) },
                              // Decorative: the link reads the title.
                              first.cover
                                  ? image({ ...first.cover, alt: "" }, { sizes: headlineSizes, eager: true })
                                  : null,
                              h("span", { class: "headline__title" }, first.title),
                          ),
                          h("p", { class: "headline__meta" }, timeElement(first.publish_time, day(first.publish_time))),
                          first.summary ? h("p", { class: "headline__summary" }, first.summary) : null,
                      ),
                      others.length ? articleList(others) : null,
                  )
                : null,
            home.notices ? homeBlock(home.notices, "notices-title", { empty: "暂无通知。" }) : null,
        ),
        h(
            "div",
            { class: "home-sections" },
            home.sections.map((block, index) => homeBlock(block, `home-section-${index + 1}`, { showPinned: true })),
        ),
    ];
}

function pagination(section, path) {
    const { page, num_pages: pages } = section.pagination;
    if (pages < 2) {
        return null;
    }
    const link = (number, text, rel) =>
        number ? h("a", { href: `#${path}?page=${number}`, rel }, text) : h("span", { class: "is-disabled" }, text);
    return h(
        "nav",
        { class: "pagination", "aria-label": "分页" },
        h(
            "ul",
            {},
            h("li", {}, link(page > 1 ? 1 : null, "首页")),
            h("li", {}, link(section.pagination.previous_page, "上一页", "prev")),
            h("li", {}, h("span", { class: "pagination__current", "aria-current": "page" }, `第 ${page}/${pages} 页`)),
            h("li", {}, link(section.pagination.next_page, "下一页", "next")),
            h("li", {}, link(page < pages ? pages : null, "末页")),
        ),
    );
}

function renderSection(section) {
    return [
        breadcrumbs(section.breadcrumbs, section.title),
        h(
            "div",
            { class: "section-layout" },
            section.children.length
                ? h(
                      "nav",
                      { class: "subnav", "aria-labelledby": "subnav-title" },
                      h("h2", { id: "subnav-title", class: "subnav__title" }, "子栏目"),
                      h("ul", {}, section.children.map((child) => h("li", {}, pageLink(child)))),
                  )
                : null,
            h(
                "div",
                { class: "section-layout__main" },
                h("h1", { class: "page-title", tabindex: "-1" }, section.title),
                section.intro ? richText(section.intro, "rich-text section-intro") : null,
                section.articles.length
                    ? [
                          articleList(section.articles, {
                              showPinned: true,
                              className: "article-list article-list--section",
                          }),
                          h("p", { class: "list-count" }, `共 ${section.pagination.count} 篇文章`),
                          pagination(section, section.url),
                      ]
                    : h("p", { class: "empty" }, "本栏目暂无文章。"),
            ),
        ),
    ];
}

function renderArticle(article, hits) {
    const neighbour = (label, item, rel) =>
        h(
            "p",
            {},
            h("span", { class: "article__neighbours-label" }, `${label}：`),
            item ? pageLink(item, { rel }) : "无",
        );
    return [
        breadcrumbs(article.breadcrumbs),
        h(
            "article",
            { class: "article" },
            h(
                "header",
                { class: "article__header" },
                h("h1", { class: "article__title", tabindex: "-1" }, article.title),
                article.subtitle ? h("p", { class: "article__subtitle" }, article.subtitle) : null,
                h(
                    "p",
                    { class: "article__meta" },
                    h("span", {}, "发布时间：", timeElement(article.publish_time, minute(article.publish_time))),
                    h("span", {}, `点击次数：${hits}`),
                    article.author ? h("span", {}, `作者：${article.author}`) : null,
                    article.source ? h("span", {}, `来源：${article.source}`) : null,
                ),
            ),
            article.cover ? h("figure", { class: "article__cover" }, image(article.cover, { eager: true })) : null,
            h("div", { class: "article__body" }, body(article.body)),
            article.tags.length
                ? h(
                      "p",
                      { class: "article__tags" },
                      h("span", { class: "article__tags-label" }, "标签："),
                      article.tags.map((tag) => h("span", { class: "tag" }, tag)),
                  )
                : null,
            h(
                "nav",
                { class: "article__neighbours", "aria-label": "上一篇和下一篇" },
                neighbour("上一篇", article.previous, "prev"),
                neighbour("下一篇", article.next, "next"),
            ),
            h("p", { class: "article__tools" }, h("a", { href: route(article.section.url) }, "返回")),
        ),
        article.latest.length
            ? h(
                  "section",
                  { class: "related", "aria-labelledby": "related-title" },
                  h("h2", { id: "related-title", class: "block-title" }, "本栏目其他文章"),
                  articleList(article.latest),
              )
            : null,
    ];
}

function renderStandard(page) {
    return [
        breadcrumbs(page.breadcrumbs, page.title),
        h(
            "article",
            { class: "article" },
            h("header", { class: "article__header" }, h("h1", { class: "article__title", tabindex: "-1" }, page.title)),
            h("div", { class: "article__body" }, body(page.body)),
        ),
    ];
}

const RENDERERS = {
    "home.HomePage": renderHome,
    "articles.SectionPage": renderSection,
    "articles.ArticlePage": async (article) => renderArticle(article, await countHit(article)),
    "articles.StandardPage": renderStandard,
};

// Routing ------------------------------------------------------------------------------------------------

/** The site path and page number of the current hash, e.g. #/xin-wen-dong-tai/?page=2. */
function currentRoute() {
    const [path, query] = (window.location.hash.slice(1) || "/").split("?");
    const page = new URLSearchParams(query || "").get("page");
    return { path: path.startsWith("/") ? path : `/${path}`, page };
}

/** Show the page of the current hash; after a click, move focus to its heading for screen readers. */
async function show({ focus = true } = {}) {
    const navigation = ++navigationId;
    const { path, page } = currentRoute();
    let content;
    let title;
    try {
        const query = new URLSearchParams({ html_path: path });
        if (page) {
            query.set("page", page);
        }
        const data = await getJSON(`/api/v2/pages/find/?${query}`);
        if (navigation !== navigationId) {
            return;
        }
        const render = RENDERERS[data.type];
        if (!render) {
            throw new Error(`No renderer for ${data.type || "this page"}`);
        }
        markCurrent(data);
        title = data.type === "home.HomePage" ? "" : data.title;
        content = await render(data);
    } catch (error) {
        title = error instanceof NotFound ? "页面不存在" : "加载失败";
        content = [
            h("h1", { tabindex: "-1" }, title),
            h("p", { class: "status" }, error instanceof NotFound ? "您访问的页面不存在。" : "内容加载失败，请稍后再试。"),
            h("p", {}, h("a", { href: "#/" }, "返回首页")),
        ];
    }
    if (navigation !== navigationId) {
        return;
    }
    replace(main, content);
    document.title = [title, siteName].filter(Boolean).join(" - ");
    if (focus) {
        main.querySelector("h1").focus();
    }
}

async function start() {
    document.querySelector("[data-skip]").addEventListener("click", (event) => {
        event.preventDefault();
        main.focus();
    });
    try {
        const site = await getJSON("/api/v2/site/");
        siteName = site.name;
        renderBrand(site);
        renderNavigation(site);
        renderFooter(site);
    } catch (error) {
        replace(document.getElementById("site-footer"), h("p", { class: "status" }, `无法连接 ${API}`));
    }
    window.addEventListener("hashchange", () => show());
    await show({ focus: false });
}

start();
