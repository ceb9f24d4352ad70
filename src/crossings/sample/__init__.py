"""The shipped sample corpus (package data): news pages, text files, an RSS feed and a WARC crawl.

See README.md in this folder for what is in it and the answers a run over it should give.
"""

from pathlib import Path

SAMPLE_DIR = Path(__file__).resolve().parent
ARTICLES = SAMPLE_DIR / "articles"
FEED = SAMPLE_DIR / "feed.xml"
WARC = SAMPLE_DIR / "sample.warc.gz"
