"""Stock Wagtail 8 as ``wagtail start`` makes it plus a minimal news app: the baseline of issue #15.

serve_benchmark.py measures it beside our site in the same run; ``python -m benchmarks.stock.prepare``
fills a database for it.
"""
