"""A paper's verifier index, kept in the store so that a later run loads it instead of building it.

Building a paper's index (its sentences' and cells' terms, owners and settings) takes about a
second a paper; reading it back takes a tenth of that. The cached copy is plain JSON, not pickle: a
store may come from someone else, and loading it must not run code. It is keyed by a fingerprint
of the paper (its PDF's hash, parser version and ingestion time) and of the verifier's own source,
so a re-ingested paper or an upgraded verifier builds afresh; an unreadable copy is rebuilt.
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import sqlite3
import sys
import zlib
from dataclasses import fields
from functools import lru_cache
from pathlib import Path

from verifier.index import SourceIndex, index_from_store
from verifier.types import Mention

log = logging.getLogger(__name__)

FORMAT = 1
_SET_FIELDS = tuple(f.name for f in fields(Mention) if f.type in ("frozenset[str]",))
_FIELDS = tuple(f.name for f in fields(Mention))


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """The verifier's source: an index built by other code is not this code's index."""
    h = hashlib.sha256(f"{FORMAT}|{sys.version_info[:2]}".encode())
    for path in sorted(Path(__file__).parent.glob("*.py")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def paper_fingerprint(paper) -> str:  # noqa: ANN001 - synth.types.Paper
    text = f"{paper.sha256}|{paper.parser_version}|{paper.ingested_at}|{code_fingerprint()}"
    return hashlib.sha256(text.encode()).hexdigest()


def stored_index(store, paper) -> SourceIndex:  # noqa: ANN001 - Store, Paper
    """The paper's index from the store's cache, or built (and cached) when there is none for this
    paper and this code."""
    key = paper_fingerprint(paper)
    row = store.conn.execute("SELECT fingerprint, data FROM verifier_index WHERE paper_id = ?", (paper.id,)).fetchone()
    if row and row[0] == key:
        try:
            return loads(row[1])
        except (ValueError, KeyError, TypeError, IndexError, zlib.error) as exc:
            log.warning("cached index of %s is unreadable (%s); rebuilding it", paper.id, exc)
    idx = index_from_store(store, paper)
    try:
        with store.transaction() as c:
            c.execute("INSERT OR REPLACE INTO verifier_index (paper_id, fingerprint, data) VALUES (?,?,?)",
                      (paper.id, key, dumps(idx)))
    except sqlite3.Error as exc:  # (a store that cannot be written, read-only say, costs time, not results)
        log.warning("could not cache the index of %s: %s", paper.id, exc)
    return idx


def dumps(idx: SourceIndex) -> bytes:
    """The index as compressed JSON; term sets are written once and referred to by number (a
    table's cells share theirs)."""
    sets: dict[frozenset[str], int] = {}

    def ref(s: frozenset[str]) -> int:
        if s not in sets:
            sets[s] = len(sets)
        return sets[s]

    mentions = [[ref(getattr(m, f)) if f in _SET_FIELDS else getattr(m, f) for f in _FIELDS] for m in idx.mentions]
    doc = {
        "format": FORMAT,
        "paper_id": idx.paper_id,
        "label": idx.label,
        "own": ref(idx.own),
        "proposed": ref(idx.proposed),
        "own_data": ref(idx.own_data),
        "vocabulary": ref(idx.vocabulary),
        "numeric_vocabulary": ref(idx.numeric_vocabulary),
        "sentences": [[p, s, ref(t)] for p, s, t in idx.sentences],
        "fields": list(_FIELDS),
        "mentions": mentions,
    }
    doc["sets"] = [sorted(s) for s in sets]  # (after every ref: dicts keep insertion order)
    return zlib.compress(json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode(), 1)


def loads(data: bytes) -> SourceIndex:
    # (Hundreds of thousands of small objects: the cyclic collector would walk them again and again
    # while they are made, doubling the time; none of them forms a cycle.)
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _loads(data)
    finally:
        if enabled:
            gc.enable()


def _loads(data: bytes) -> SourceIndex:
    doc = json.loads(zlib.decompress(data))
    if doc.get("format") != FORMAT or doc.get("fields") != list(_FIELDS):
        raise ValueError(f"cache format {doc.get('format')} is not {FORMAT}")
    sets = [frozenset(s) for s in doc["sets"]]
    at = [(i, f in _SET_FIELDS) for i, f in enumerate(_FIELDS)]
    idx = SourceIndex(paper_id=doc["paper_id"], label=doc["label"], own=sets[doc["own"]],
                      proposed=sets[doc["proposed"]], own_data=sets[doc["own_data"]])
    idx.sentences = [(p, s, sets[t]) for p, s, t in doc["sentences"]]
    for row in doc["mentions"]:
        idx.add(Mention(*[sets[row[i]] if is_set else row[i] for i, is_set in at]))
    idx.vocabulary = sets[doc["vocabulary"]]
    idx.numeric_vocabulary = sets[doc["numeric_vocabulary"]]
    return idx
