"""Migrate a database for the stock site and fill it with news, fast enough for a benchmark run.

    DATABASE_URL=postgres://… python -m benchmarks.stock.prepare [N]

Pages are added with ``add_child``, as a developer's import script would, but with indexing on save
switched off and ``update_index`` run once at the end: on PostgreSQL each indexed save also rewrites
the title norms of the whole index, which made an import of 2,000 pages take over ten minutes here. The text
is Chinese without spaces, so PostgreSQL's parser makes whole clauses its words and a search for
特殊教育 finds nothing, as the issue's stock figure did. Prints one JSON line naming a page to measure.
"""

import datetime
import json
import os
import random
import sys
import time

import django

PLACES = ["湘西州", "吉首市", "凤凰县", "花垣县", "泸溪县", "永顺县", "龙山县", "保靖县"]
PEOPLE = ["全体教师", "听障班学生", "培智班学生", "视障班学生", "家长志愿者", "康复中心教师", "少先队员"]
EVENTS = [
    "开展送教上门活动",
    "举办校园艺术节",
    "召开家长座谈会",
    "参加全省残疾人运动会",
    "开展融合教育教研活动",
    "举行新学期开学典礼",
    "开展消防安全演练",
    "迎接省教育厅督导检查",
    "举办职业技能展示",
    "开展手语培训",
]
CLAUSES = [
    "{place}特殊教育学校{event}",
    "{people}积极参与",
    "活动得到了{place}教育局的大力支持",
    "学校领导高度重视并作了具体部署",
    "{people}在老师的带领下认真完成了各项任务",
    "此次活动为残疾儿童少年搭建了展示自我的平台",
    "进一步提升了学校的办学水平和社会影响力",
    "{place}残联有关负责同志到场指导",
    "孩子们的精彩表现赢得了阵阵掌声",
    "学校将以此为契机继续推进特殊教育事业高质量发展",
    "大家纷纷表示收获很大",
    "{people}用实际行动诠释了爱与责任",
    "学校坚持以学生为中心因材施教",
    "康复训练与文化课程有机结合",
]


def sentence(rng):
    words = {"place": PLACES, "people": PEOPLE, "event": EVENTS}
    clauses = [
        rng.choice(CLAUSES).format(**{name: rng.choice(choices) for name, choices in words.items()})
        for _ in range(rng.randint(2, 4))
    ]
    return "，".join(clauses) + "。"


def paragraph(rng):
    return "".join(sentence(rng) for _ in range(rng.randint(3, 6)))


def news_page(rng, number, today):
    from wagtail.rich_text import RichText

    from benchmarks.stock.news.models import NewsPage

    event = rng.choice(EVENTS)
    body = [("heading", event.removeprefix("开展").removeprefix("举办") + "工作纪实")]
    body += [("paragraph", RichText(f"<p>{paragraph(rng)}</p>")) for _ in range(rng.randint(3, 6))]
    return NewsPage(
        title=f"{rng.choice(PLACES)}特殊教育学校{event}",
        slug=f"news-{number}",
        date=today - datetime.timedelta(days=number // 3),
        intro=sentence(rng)[:250],
        body=body,
    )


def prepare(count):
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.db.models.signals import post_save
    from wagtail.models import Site
    from wagtail.search.signal_handlers import post_save_signal_handler

    from benchmarks.stock.home.models import HomePage
    from benchmarks.stock.news.models import NewsIndexPage, NewsPage

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    rng = random.Random(15)
    today = datetime.date(2025, 6, 1)
    home = HomePage.objects.get()
    Site.objects.filter(root_page=home).update(site_name="湘西自治州特殊教育学校")
    post_save.disconnect(post_save_signal_handler, sender=NewsPage)
    with transaction.atomic():
        index = home.add_child(instance=NewsIndexPage(title="新闻动态", slug="news", intro="学校新闻"))
        for number in range(count):
            index.add_child(instance=news_page(rng, number, today))
    call_command("update_index", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return index


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.stock.settings")
    django.setup()
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2_000
    started = time.perf_counter()
    index = prepare(count)
    from benchmarks.stock.news.models import NewsPage

    article = NewsPage.objects.child_of(index).order_by("path")[min(5, count - 1)] if count else index
    print(f"stock: {count} news pages in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    print(json.dumps({"article": article.url, "id": article.pk}))


if __name__ == "__main__":
    main()
