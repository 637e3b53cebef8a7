"""Ingest pipeline: resolve inputs -> fetch -> parse (processes) -> chunk -> embed -> store.

Each paper is stored in one transaction; papers already stored (same content hash) are
skipped, so a rerun after a crash or kill resumes without duplicates. A paper stored by an
older parser (``PARSER_VERSION``) is parsed again and replaced, in one transaction, so that its
tables and sentences are what the current code reads; if that fails, the old copy stays.
"""

from __future__ import annotations

import hashlib
import multiprocessing as mp
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Callable, Iterable, Sequence

from synth.chunking import chunk
from synth.errors import LitcheckError, ParseError
from synth.parse import PARSER_VERSION
from synth.store import Store, open_store
from synth.store.db import paper_id_for
from synth.types import FetchedPDF, IngestResult, Paper, ParsedDoc

ProgressFn = Callable[[IngestResult], None]


def sha256_file(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _parse(path: str) -> ParsedDoc | ParseError:
    """Worker entry point: exceptions travel back as values so one bad PDF never kills the pool."""
    import pymupdf

    from synth.parse import parse_pdf

    pymupdf.no_recommend_layout()  # it prints to stdout, which would corrupt --json output
    try:
        return parse_pdf(path)
    except ParseError as exc:
        return exc
    except Exception as exc:  # noqa: BLE001 - any parser crash is this file's problem, not the batch's
        return ParseError(f"{path}: cannot parse ({type(exc).__name__}: {exc})")


def _parse_all(paths: list[str], workers: int) -> Iterable[tuple[int, ParsedDoc | ParseError]]:
    if workers <= 1 or len(paths) <= 1:
        for i, p in enumerate(paths):
            yield i, _parse(p)
        return
    # fork is cheap and the workers only use PyMuPDF (no torch threads in children).
    ctx = mp.get_context("fork")
    with ProcessPoolExecutor(max_workers=min(workers, len(paths)), mp_context=ctx) as pool:
        # Largest files first keeps both workers busy to the end.
        order = sorted(range(len(paths)), key=lambda i: -Path(paths[i]).stat().st_size)
        futures = {i: pool.submit(_parse, paths[i]) for i in order}
        for i in order:
            yield i, futures[i].result()


def ingest_fetched(
    items: Sequence[FetchedPDF], settings, store: Store, on_result: ProgressFn | None = None  # noqa: ANN001
) -> list[IngestResult]:
    """Parse, chunk, embed and store PDFs already on disk. Results in input order."""
    results: list[IngestResult | None] = [None] * len(items)
    todo: list[int] = []
    hashes: dict[int, str] = {}

    def done(i: int, result: IngestResult) -> None:
        results[i] = result
        store.log_fetch(result.source_ref, result.status, result.paper_id, result.error)
        if on_result:
            on_result(result)

    seen: dict[str, int] = {}
    dups: dict[int, int] = {}
    stale: dict[int, Paper] = {}
    for i, item in enumerate(items):
        try:
            sha = item.sha256 or sha256_file(item.path)
        except OSError as exc:
            done(i, IngestResult(item.source_ref, "failed", error=f"{item.path}: cannot read ({exc.strerror})"))
            continue
        hashes[i] = sha
        existing = store.has_sha(sha)
        paper = store.paper(existing) if existing else None
        if paper is not None and paper.parser_version == PARSER_VERSION:
            done(i, IngestResult(item.source_ref, "exists", existing, paper.title))
        elif sha in seen:
            dups[i] = seen[sha]  # same bytes twice in one batch: stored once, reported twice
        else:
            seen[sha] = i
            todo.append(i)
            if paper is not None:
                stale[i] = paper  # parsed by an older parser: parsed again, replaced only on success
    def fail(i: int, error: str) -> None:
        if i in stale:  # the stored copy stays usable
            old = stale[i]
            done(i, IngestResult(items[i].source_ref, "exists", old.id, old.title, warnings=(f"not re-parsed: {error}",)))
        else:
            done(i, IngestResult(items[i].source_ref, "failed", error=error))

    if todo:
        from synth.index.embedders import get_embedder

        embedder = get_embedder(settings)
        for j, parsed in _parse_all([items[i].path for i in todo], settings.workers):
            i = todo[j]
            item = items[i]
            if isinstance(parsed, ParseError):
                fail(i, str(parsed))
                continue
            try:
                pid = paper_id_for(hashes[i])
                chunks = chunk(parsed, pid, settings.chunk_words, settings.chunk_overlap_sentences)
                vectors = embedder.embed([c.text for c in chunks]) if chunks else None
                pid = store.save_paper(hashes[i], replace(item, sha256=hashes[i]), parsed, chunks, vectors,
                                       embedder.name, replace=i in stale)
            except LitcheckError as exc:
                fail(i, str(exc))
                continue
            title = parsed.title or item.title
            status = "reparsed" if i in stale else "ingested"
            done(i, IngestResult(item.source_ref, status, pid, title, warnings=parsed.warnings))
    for i, first in dups.items():
        original = results[first]
        status = "failed" if original.status == "failed" else "exists"
        results[i] = replace(original, source_ref=items[i].source_ref, status=status)
    return [r for r in results if r is not None]


def ingest_inputs(
    inputs: Sequence[str], settings, store: Store | None = None, on_result: ProgressFn | None = None  # noqa: ANN001
) -> list[IngestResult]:
    """Ingest PDFs, directories, URLs and arXiv ids. One failing input never stops the rest."""
    from synth.sources import SourceFailure, resolve_inputs

    own = store is None
    store = store or open_store(settings)
    try:
        slots: list[IngestResult | int] = []  # a failure, or an index into `fetched`
        fetched: list[FetchedPDF] = []
        for item in resolve_inputs(list(inputs), settings):
            if isinstance(item, SourceFailure):
                failure = IngestResult(item.source_ref, "failed", error=item.error)
                store.log_fetch(failure.source_ref, "failed", None, failure.error)
                if on_result:
                    on_result(failure)
                slots.append(failure)
            else:
                slots.append(len(fetched))
                fetched.append(item)
        done = ingest_fetched(fetched, settings, store, on_result)
        return [done[s] if isinstance(s, int) else s for s in slots]
    finally:
        if own:
            store.close()
