"""Stage 5: group syndicated copies of one story (MinHash LSH) and pick each group's original.

Exact copies never reach this point (the store refuses a second article with the same content hash).
Each article's signature is computed once and kept in the store, with its LSH band keys once it is
clustered; a run compares only the articles it added, against each other and against the stored
articles that share a band with them, so its cost follows what it adds, not the size of the corpus.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any, NamedTuple

import numpy as np
from datasketch import MinHash

NUM_PERM = 128
SHINGLE_WORDS = 5
SCHEME = "affine32"  # datasketch's hashing scheme; stored signatures are uint32 arrays
# LSH finds candidate pairs down to this share of the threshold in Jaccard terms, so that a copy cut
# to a third of the original (high overlap, low Jaccard) is still looked at; candidates are then checked.
CANDIDATE_FACTOR = 0.4
# The band layout datasketch's MinHashLSH picks for Jaccard 0.2 (the default threshold 0.5 × the factor
# above) at 128 permutations: 28 bands of 2 values. Bands are stored (minhash_bands), so changing this
# needs a migration that re-bands; the dedupe_threshold setting only decides which candidates are copies.
BANDS, ROWS = 28, 2

# News agencies whose credit marks a copy as the wire original. The one list of them.
WIRES = ("AFP", "Agence France-Presse", "Reuters", "AP", "Associated Press", "dpa", "EFE", "ANSA",
         "Xinhua", "Interfax", "TASS", "RIA Novosti", "UPI", "Anadolu", "PTI", "Kyodo", "Yonhap")
_AGENCY = "|".join(re.escape(w) for w in WIRES)
_DATELINE = re.compile(rf"\(\s*(?:{_AGENCY})\s*\)")  # "KYIV (Reuters) -", "(AFP)"
_CREDIT_LINE = re.compile(  # a short first or last line: "By Jane Doe, Reuters", "— AFP", "© AP"
    rf"^(?:(?i:by\b|source:|copyright)|©|\(c\)|[-—–|])?[^\n]{{0,60}}?\b(?:{_AGENCY})\b\W*$")


class Signed(NamedTuple):
    id: int
    values: np.ndarray  # the signature's uint32 hash values
    size: int  # distinct shingles


def signed(article_id: int, hashvalues: bytes, size: int) -> Signed:
    """A stored signature, ready to compare."""
    return Signed(article_id, np.frombuffer(hashvalues, dtype=np.uint32), size)


def cluster(store: Any, settings: Any, full: bool = False) -> int:
    """Sign new articles; cluster the ones not clustered yet, among themselves and against the stored
    band index (so a run costs what it adds, not the corpus size); store the changes. `full` clusters
    the whole corpus again (after changing the threshold). Returns the number of clusters (distinct
    stories, single articles included)."""
    sign_new(store)
    fresh = {row["article_id"]: row for row in store.minhashes(unclustered=not full)}
    if not fresh:
        return store.count_clusters()
    keys = {i: band_keys(row["hashvalues"]) for i, row in fresh.items()}
    known = [] if full else store.band_matches(k for found in keys.values() for k in found)
    components = link([signed(i, row["hashvalues"], row["shingles"]) for i, row in fresh.items()], keys, known,
                      settings.dedupe_threshold)
    joined = {row["article_id"]: row for row in store.cluster_members(set().union(*(c for _, c in components)))}
    members: dict[int, list[int]] = {}
    for i, row in joined.items():
        members.setdefault(row["cluster_id"], []).append(i)
    groups = [sorted(ids + [m for c in clusters for m in members[c]]) for ids, clusters in components]
    info = fresh | joined
    changed = {i: v for i, v in assign(groups, info).items() if (info[i]["cluster_id"], info[i]["is_original"]) != v}
    bands = [row for i in fresh if fresh[i]["cluster_id"] is None for row in band_rows(i, keys[i])]
    store.set_clusters(changed, bands)
    return store.count_clusters()


def sign_new(store: Any) -> int:
    """Compute and keep the signature of every article that has none yet."""
    count = 0
    for page in store.unsigned_articles():
        store.save_minhashes([signature_row(text) | {"article_id": article_id} for article_id, text in page])
        count += len(page)
    return count


def signature_row(text: str) -> dict[str, Any]:
    """The minhashes row of one text, less the article id the store assigns (batch workers compute it
    where the text is, so the single writer does not)."""
    found = shingles(text)
    return {"num_perm": NUM_PERM, "shingles": len(found), "wire": credits_wire(text),
            "hashvalues": signature(found).tobytes()}


def shingles(text: str) -> set[str]:
    """Word 5-grams, lower-cased, punctuation ignored; a text of under five words is one shingle."""
    words = re.findall(r"\w+", text.lower())
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words)}
    return set(map(" ".join, zip(*(words[i:] for i in range(SHINGLE_WORDS)), strict=False)))


# datasketch draws its permutations from a fixed seed: drawn once here, not for every signature.
_A, _B = MinHash(num_perm=NUM_PERM, scheme=SCHEME).permutations
_FMIX = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))


def signature(found: set[str]) -> np.ndarray:
    """The uint32 values `datasketch.MinHash(scheme="affine32").update_batch` gives (a test holds them
    equal, since stored signatures must stay comparable), in one array operation over all the shingles
    where datasketch calls its hash function once for each: 3x faster, and the costliest step of stage 5."""
    digests = b"".join([hashlib.sha1(s.encode("utf-8")).digest()[:4] for s in found])  # datasketch's sha1_hash32
    values = np.frombuffer(digests, dtype="<u4").astype(np.uint32)
    s1, m1, s2, m2, s3 = _FMIX  # the MurmurHash3 finalizer datasketch mixes each hash with first
    values = values ^ (values >> s1)
    values = values * m1
    values = values ^ (values >> s2)
    values = values * m2
    values = values ^ (values >> s3)
    return (values[:, None] * _A + _B).min(axis=0)  # uint32 arithmetic wraps: datasketch's affine32


def similarity(a: Signed, b: Signed) -> float:
    """The share of the shorter text's shingles that the longer one has too (the overlap coefficient),
    from the MinHash Jaccard estimate and the two sizes. A trimmed or lightly edited copy of a wire
    story scores high here, where its Jaccard similarity falls with every paragraph cut."""
    return float(similarities(a, [b])[0])


def similarities(a: Signed, others: list[Signed]) -> np.ndarray:
    """`similarity` of one article to each of several, in one array operation."""
    jaccard = (np.stack([o.values for o in others]) == a.values).sum(axis=1) / NUM_PERM  # MinHash's estimate
    sizes = np.array([o.size for o in others])
    shared = jaccard * (a.size + sizes) / (1 + jaccard)
    return np.minimum(1.0, shared / np.maximum(1, np.minimum(a.size, sizes)))


def link(fresh: list[Signed], keys: dict[int, list[int]], known: list[dict[str, Any]],
         threshold: float) -> list[tuple[list[int], set[int]]]:
    """Union-find over the pairs that share a band and reach the threshold: each new article against
    the stored ones (`known`: band index rows of clustered articles) and the new ones before it. One
    (new article ids, stored clusters they join) per group of new articles."""
    index: dict[tuple[int, int], list[Signed]] = {}
    stored: dict[int, Signed] = {}
    cluster_of: dict[int, int] = {}
    for row in known:
        i = row["article_id"]
        if i not in stored:
            stored[i], cluster_of[i] = signed(i, row["hashvalues"], row["shingles"]), row["cluster_id"]
        index.setdefault((row["band"], row["key"]), []).append(stored[i])
    parent: dict[int, int] = {}
    for item in fresh:
        parent.setdefault(item.id, item.id)
        candidates: dict[int, Signed] = {}
        for band in enumerate(keys[item.id]):
            bucket = index.setdefault(band, [])
            candidates.update((other.id, other) for other in bucket)
            bucket.append(item)
        others = list(candidates.values())
        for other, score in zip(others, similarities(item, others) if others else (), strict=True):
            if score >= threshold:
                node = cluster_of.get(other.id, other.id)  # a stored article stands for its cluster
                parent[_root(parent, item.id)] = _root(parent, parent.setdefault(node, node))
    clusters = set(cluster_of.values())
    found: dict[int, tuple[list[int], set[int]]] = {}
    for node in parent:
        ids, joined = found.setdefault(_root(parent, node), ([], set()))
        if node in clusters:
            joined.add(node)
        else:
            ids.append(node)
    return list(found.values())


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


def band_keys(hashvalues: bytes) -> list[int]:
    """One signed 64-bit key per band of a signature: equal bands, equal keys."""
    values = np.frombuffer(hashvalues, dtype=np.uint32)
    return [int.from_bytes(hashlib.blake2b(values[b * ROWS:(b + 1) * ROWS].tobytes(), digest_size=8).digest(),
                           "big", signed=True) for b in range(BANDS)]


def band_rows(article_id: int, keys: list[int]) -> list[dict[str, int]]:
    """The minhash_bands rows of one article."""
    return [{"article_id": article_id, "band": b, "key": k} for b, k in enumerate(keys)]

