"""Stage 1 split into shards (`crossings batch` workers read their own input): reading every shard of a
plan gives exactly what `read_sources` gives, source names and failures included."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from crossings.config import Settings
from crossings.ingest import read_sources, shards, warc
from crossings.ingest.shards import Shard
from crossings.records import Failure, RawDoc
from crossings.sample import SAMPLE_DIR, WARC

BROKEN = Path(__file__).resolve().parent / "data" / "broken"
SETTINGS = Settings()


def summary(items) -> list[tuple]:
    """What a reader gave, comparable: each document's source, bytes and metadata, each failure's reason."""
    return [(item.source, item.reason) if isinstance(item, Failure) else
            (item.source, item.content, item.url, item.content_type, item.published, item.id) for item in items]


def read_planned(specs: list[str], **kw) -> tuple[list, list[Shard]]:
    items, planned = [], []
    for item in shards.plan(specs, SETTINGS, **kw):
        if isinstance(item, Shard):
            planned.append(item)
            items += shards.read(item, SETTINGS)
        else:
            items.append(item)
    return items, planned


def assert_same_as_read_sources(specs: list[str], **kw) -> list[Shard]:
    items, planned = read_planned(specs, **kw)
    assert summary(items) == summary(read_sources(specs, SETTINGS))
    return planned


def test_shards_of_the_sample_folder_read_as_ingest_reads_it() -> None:
    planned = assert_same_as_read_sources([str(SAMPLE_DIR)], size=3)
    kinds = [s.kind for s in planned]
    assert kinds.count("warc") == -(-len(warc.offsets(WARC)) // 3)  # the sample crawl, three records at a time
    assert kinds.count("files") >= 13 and all(len(s.files) <= 3 for s in planned if s.kind == "files")


def test_warc_shards_start_at_record_offsets_and_cover_each_record_once() -> None:
    starts = warc.offsets(WARC)
    planned = assert_same_as_read_sources([str(WARC)], size=4)
    assert [s.start for s in planned] == starts[::4]
    assert sum(s.count for s in planned) == len(starts)


def test_a_byte_cap_closes_a_shard_early_but_never_leaves_one_empty() -> None:
    planned = assert_same_as_read_sources([str(WARC)], size=100, max_bytes=1)
    assert [s.count for s in planned] == [1] * len(warc.offsets(WARC))


def test_an_uncompressed_warc_is_split_too(tmp_path: Path) -> None:
    plain = tmp_path / "crawl.warc"
    plain.write_bytes(gzip.decompress(WARC.read_bytes()))  # the members, concatenated, decompress as one
    assert len(assert_same_as_read_sources([str(plain)], size=5)) > 1


def test_a_warc_in_one_gzip_stream_is_one_shard(tmp_path: Path) -> None:
    """Records inside one gzip member cannot be read from their own offsets: one worker reads it all."""
    whole = tmp_path / "crawl.warc.gz"
    whole.write_bytes(gzip.compress(gzip.decompress(WARC.read_bytes())))
    assert warc.offsets(whole) is None
    assert assert_same_as_read_sources([str(whole)], size=2) == [Shard("warc", str(whole))]


@pytest.mark.parametrize("name", ["truncated.warc.gz", "truncated_header.warc", "not_a_warc.warc"])
def test_broken_warcs_fail_in_shards_as_in_ingest(name: str) -> None:
    assert_same_as_read_sources([str(BROKEN / name)], size=1)


def test_jsonl_shards_keep_line_numbers_blank_lines_and_bad_lines(tmp_path: Path) -> None:
    lines = [json.dumps({"id": n, "text": f"About {n},000 people crossed."}) for n in range(7)]
    path = tmp_path / "lines.jsonl"
    path.write_text("\n".join([lines[0], "", *lines[1:4], "{broken", *lines[4:]]) + "\n", encoding="utf-8")
    planned = assert_same_as_read_sources([str(path), str(BROKEN / "bad_lines.jsonl")], size=2)
    assert [s.first_line for s in planned if s.path == str(path)] == [1, 3, 5, 7, 9]


def test_folders_of_pages_shard_by_count_and_bytes(tmp_path: Path) -> None:
    for n in range(5):
        (tmp_path / f"page-{n}.html").write_text(f"<p>About {n},000 people crossed.</p>" + " " * 100 * n)
    shutil.copy(BROKEN / "not_utf8.txt", tmp_path / "z-not-utf8.txt")
    assert [len(s.files) for s in assert_same_as_read_sources([str(tmp_path)], size=2)] == [2, 2, 2]
    assert [len(s.files) for s in assert_same_as_read_sources([str(tmp_path)], size=9, max_bytes=250)] == [
        2, 1, 1, 1, 1]


def test_what_cannot_be_sharded_is_read_by_the_planner(tmp_path: Path) -> None:
    odd = tmp_path / "story.page"
    odd.write_bytes(b"<html><body><p>About 3,000 people crossed.</p></body></html>")
    items, planned = read_planned([str(odd), str(tmp_path / "missing.jsonl")])
    assert planned == []
    assert [type(i).__name__ for i in items] == ["RawDoc", "Failure"]
    assert isinstance(items[0], RawDoc) and items[1].reason == "unreadable"
