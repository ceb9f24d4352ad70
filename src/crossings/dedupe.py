"""Stage 5: group syndicated copies of one story (MinHash LSH) and pick each group's original.

Exact copies never reach this point (the store refuses a second article with the same content hash).
Each article's signature is computed once and kept in the store; clustering reruns over them all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, NamedTuple

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

NUM_PERM = 128
SHINGLE_WORDS = 5
SCHEME = "affine32"  # datasketch's hashing scheme; stored signatures are uint32 arrays
# LSH finds candidate pairs down to this share of the threshold in Jaccard terms, so that a copy cut
# to a third of the original (high overlap, low Jaccard) is still looked at; candidates are then checked.
CANDIDATE_FACTOR = 0.4

# News agencies whose credit marks a copy as the wire original. The one list of them.
WIRES = ("AFP", "Agence France-Presse", "Reuters", "AP", "Associated Press", "dpa", "EFE", "ANSA",
         "Xinhua", "Interfax", "TASS", "RIA Novosti", "UPI", "Anadolu", "PTI", "Kyodo", "Yonhap")
_AGENCY = "|".join(re.escape(w) for w in WIRES)
_DATELINE = re.compile(rf"\(\s*(?:{_AGENCY})\s*\)")  # "KYIV (Reuters) -", "(AFP)"
_CREDIT_LINE = re.compile(  # a short first or last line: "By Jane Doe, Reuters", "— AFP", "© AP"
    rf"^(?:(?i:by\b|source:|copyright)|©|\(c\)|[-—–|])?[^\n]{{0,60}}?\b(?:{_AGENCY})\b\W*$")


class Signed(NamedTuple):
    id: int
    minhash: LeanMinHash
    size: int  # distinct shingles


def cluster(store: Any, settings: Any) -> int:
    """Sign new articles, re-cluster the corpus, store the changes; return the number of clusters
    (distinct stories, single articles included)."""
    sign_new(store)
    stored = {row["article_id"]: row for row in store.minhashes()}
    signed = (Signed(i, _lean(row["hashvalues"]), row["shingles"]) for i, row in stored.items())
    groups = group(signed, settings.dedupe_threshold)
    assignments = assign(groups, stored)
    store.set_clusters({i: v for i, v in assignments.items()
                        if (stored[i]["cluster_id"], stored[i]["is_original"]) != v})
    return len(groups)


def sign_new(store: Any) -> int:
    """Compute and keep the signature of every article that has none yet."""
    count = 0
    for page in store.unsigned_articles():
        rows = []
        for article_id, text in page:
            found = shingles(text)
            rows.append({"article_id": article_id, "num_perm": NUM_PERM, "shingles": len(found),
                         "hashvalues": signature(found).hashvalues.tobytes(), "wire": credits_wire(text)})
        store.save_minhashes(rows)
        count += len(page)
    return count


def shingles(text: str) -> set[str]:
    """Word 5-grams, lower-cased, punctuation ignored; a text of under five words is one shingle."""
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[i:i + SHINGLE_WORDS]) for i in range(max(1, len(words) - SHINGLE_WORDS + 1))}


def signature(found: set[str]) -> MinHash:
    minhash = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    minhash.update_batch([s.encode("utf-8") for s in found])
    return minhash


def similarity(a: Signed, b: Signed) -> float:
    """The share of the shorter text's shingles that the longer one has too (the overlap coefficient),
    from the MinHash Jaccard estimate and the two sizes. A trimmed or lightly edited copy of a wire
    story scores high here, where its Jaccard similarity falls with every paragraph cut."""
    jaccard = a.minhash.jaccard(b.minhash)
    shared = jaccard * (a.size + b.size) / (1 + jaccard)
    return min(1.0, shared / max(1, min(a.size, b.size)))


def group(signed: Iterable[Signed], threshold: float) -> list[list[int]]:
    """Union-find over LSH candidate pairs whose similarity reaches the threshold; sorted groups of ids."""
    lsh = MinHashLSH(threshold=threshold * CANDIDATE_FACTOR, num_perm=NUM_PERM)
    by_id = {s.id: s for s in signed}
    parent = {i: i for i in by_id}
    for item in by_id.values():
        for other in lsh.query(item.minhash):
            if similarity(item, by_id[other]) >= threshold:
                parent[_root(parent, item.id)] = _root(parent, other)
        lsh.insert(item.id, item.minhash)
    groups: dict[int, list[int]] = {}
    for i in by_id:
        groups.setdefault(_root(parent, i), []).append(i)
    return sorted(sorted(members) for members in groups.values())


def assign(groups: list[list[int]], info: dict[int, dict[str, Any]]) -> dict[int, tuple[int, bool]]:
    """article_id -> (cluster_id, is_original); the cluster id is its lowest article id."""
    out = {}
    for members in groups:
        original = min(members, key=lambda i: _original_rank(i, info[i]))
        out.update({i: (members[0], i == original) for i in members})
    return out


def credits_wire(text: str) -> bool:
    """The text credits a news agency: a dateline "(Reuters)" or a byline/credit line naming one."""
    if _DATELINE.search(text[:600]):
        return True
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return any(_CREDIT_LINE.match(line) for line in lines[:3] + lines[-3:] if len(line) <= 80)


def _original_rank(article_id: int, row: dict[str, Any]) -> tuple[bool, bool, str, int]:
    """A wire-credited copy first, then the earliest published (undated last), then the lowest id."""
    published = row.get("published")
    return (not row.get("wire"), published is None, published or "", article_id)


def _root(parent: dict[int, int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _lean(hashvalues: bytes) -> LeanMinHash:
    return LeanMinHash(seed=1, hashvalues=np.frombuffer(hashvalues, dtype=np.uint32), scheme=SCHEME)
