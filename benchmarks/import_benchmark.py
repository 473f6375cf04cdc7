"""Legacy import throughput on PostgreSQL: ``python benchmarks/import_benchmark.py --records 10000``.

Creates a throwaway database on the server in ``--server`` (default the local one), migrates it,
writes a JSON Lines file of generated records (half HTML bodies, half plain text with outline
headings and a signature, in twenty sections, each with an old address and tags), then times
``import_legacy`` on it and a second run of the same file, which must change nothing. The database
is dropped afterwards. Without a reachable PostgreSQL it prints SKIPPED and exits with status 3: it
never passes silently. This is a benchmark, not a test; the target is at least 100 records/s.
"""

import argparse
import datetime
import json
import random
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from benchmarks.database import add_server_argument, throwaway_database  # noqa: E402

TARGET_PER_SECOND = 100
SECTIONS = [["新闻动态", name] for name in ("最新动态", "校园新闻", "媒体报道", "上级动态")] + [
    [name] for name in ("通知公告", "党建工作", "教育教学", "德育安全", "招生信息", "校园文化")
]
WORDS = [
    "学校",
    "组织",
    "开展",
    "教师",
    "学生",
    "家长",
    "活动",
    "安全",
    "教育",
    "康复",
    "训练",
    "送教",
    "上门",
    "党员",
    "学习",
    "课堂",
    "研究",
    "社会",
    "关爱",
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    add_server_argument(parser)
    return parser.parse_args()


def sentence(rng):
    return "".join(rng.choices(WORDS, k=rng.randint(12, 30))) + "。"


def record(rng, number):
    published = datetime.datetime(2005, 1, 1, 8) + datetime.timedelta(hours=7 * number)
    data = {
        "legacy_id": number,
        "section": rng.choice(SECTIONS),
        "title": f"{published:%Y年}{''.join(rng.choices(WORDS, k=5))}（{number}）",
        "author": rng.choice(["办公室", "教务处", "超级管理员"]),
        "source": "本站原创",
        "hits": rng.randint(0, 5000),
        "tags": rng.sample(WORDS, 2),
        "published": f"{published:%Y-%m-%d %H:%M:%S}",
        "url": f"/html/{published:%Y/%m%d}/{number}.html",
    }
    if number % 2:
        paragraphs = "".join(
            f"<p style='text-indent:2em'>{sentence(rng)}</p>" for _ in range(rng.randint(3, 8))
        )
        data["body_html"] = f"<h2>一、{rng.choice(WORDS)}</h2>{paragraphs}<script>track()</script>"
    else:
        lines = ["一、总体要求", *(sentence(rng) for _ in range(4)), "（一）工作安排", "1、" + sentence(rng)]
        data["body_text"] = "\n".join([*lines, "湘西自治州特殊教育学校", f"{published:%Y年%m月%d日}"])
    return data


def timed_import(path):
    from django.core.management import CommandError, call_command

    output = StringIO()
    started = time.perf_counter()
    try:
        call_command("import_legacy", str(path), stdout=output, verbosity=1)
    except CommandError as error:
        print(f"FAILED: {error}", file=sys.stderr)
        sys.exit(1)
    return time.perf_counter() - started, output.getvalue().strip()


def run(args, folder):
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from tests.factories import make_site

    settings.MEDIA_ROOT = folder / "media"
    call_command("migrate", verbosity=0)
    make_site()
    rng = random.Random(20120102)
    path = folder / "import.jsonl"
    with path.open("w", encoding="utf-8") as output:
        for number in range(1, args.records + 1):
            output.write(json.dumps(record(rng, number), ensure_ascii=False) + "\n")

    seconds, summary = timed_import(path)
    rate = args.records / seconds
    print(summary)
    print(f"first import: {args.records} records in {seconds:.1f} s = {rate:.0f} records/s")
    again, summary = timed_import(path)
    print(summary)
    print(f"second import (nothing changes): {again:.1f} s = {args.records / again:.0f} records/s")
    verdict = "meets" if rate >= TARGET_PER_SECOND else "BELOW"
    print(f"{verdict} the target of {TARGET_PER_SECOND} records/s")


def main():
    args = parse_args()
    with throwaway_database(args.server, "import_bench"), tempfile.TemporaryDirectory() as folder:
        run(args, Path(folder))


if __name__ == "__main__":
    main()
