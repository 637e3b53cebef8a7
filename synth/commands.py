"""CLI commands for synth (fetch, ingest, papers, search, show, config): parse flags, call the library."""

from __future__ import annotations

import json
from datetime import date

import click

from synth.clikit import emit_json, pass_app, progress
from synth.errors import InputError


def _echo_results(results, as_json: bool) -> None:  # noqa: ANN001 - list[IngestResult]
    if as_json:
        emit_json({"results": results, "counts": _status_counts(results)})
        return
    for r in results:
        if r.status == "failed":
            click.echo(f"failed   {r.source_ref}: {r.error}", err=True)
        else:
            click.echo(f"{r.status:<8} {r.paper_id}  {r.title or '(untitled)'}  [{r.source_ref}]")
        for w in r.warnings:
            click.echo(f"         warning: {w}", err=True)
    counts = _status_counts(results)
    click.echo(", ".join(f"{n} {k}" for k, n in counts.items()) or "nothing to ingest")


def _status_counts(results) -> dict[str, int]:  # noqa: ANN001
    counts: dict[str, int] = {}
    for r in results:
        counts[r.status] = counts.get(r.status, 0) + 1
    return counts


def _run_ingest(settings, inputs: list[str], as_json: bool):  # noqa: ANN001, ANN202
    from synth.ingest import ingest_inputs

    with progress(None, "ingesting", enabled=not as_json) as bar:
        return ingest_inputs(inputs, settings, on_result=lambda r: bar.advance(1, f"ingesting {r.source_ref}"))


def _exit_for(results) -> None:  # noqa: ANN001
    if results and all(r.status == "failed" for r in results):
        raise click.exceptions.Exit(1)


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--workers", type=int, default=None, help="Parser processes (default: settings.workers).")
@click.option("--embedder", default=None, help="Embedding backend: minilm or hash.")
@click.option("--json", "as_json", is_flag=True, help="Print results as JSON.")
@pass_app
def ingest(app, inputs: tuple[str, ...], workers: int | None, embedder: str | None, as_json: bool) -> None:  # noqa: ANN001
    """Ingest PDFs, directories of PDFs, http(s) URLs to PDFs or arXiv ids.

    Each input that fails gets a one-line error; the rest still ingest. Papers already
    stored (same bytes) are not parsed again.
    """
    settings = app.settings(workers=workers, embedder=embedder)
    results = _run_ingest(settings, list(inputs), as_json)
    _echo_results(results, as_json)
    _exit_for(results)


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise InputError(f"bad date '{value}': use YYYY-MM-DD") from exc


@click.command()
@click.argument("query")
@click.option("--max", "max_results", type=int, default=5, show_default=True, help="Papers to fetch from a search.")
@click.option("--category", "categories", multiple=True, help="arXiv category filter, e.g. cs.CL (repeatable).")
@click.option("--from", "date_from", default=None, help="Submitted on or after YYYY-MM-DD.")
@click.option("--to", "date_to", default=None, help="Submitted on or before YYYY-MM-DD.")
@click.option("--list-only", is_flag=True, help="List matches without downloading or ingesting.")
@click.option("--json", "as_json", is_flag=True, help="Print results as JSON.")
@pass_app
def fetch(app, query: str, max_results: int, categories: tuple[str, ...], date_from: str | None,  # noqa: ANN001
          date_to: str | None, list_only: bool, as_json: bool) -> None:
    """Search arXiv for QUERY (or fetch one arXiv id) and ingest the papers found.

    Requests are spaced by arxiv_delay_seconds (arXiv asks for 3 s) and retried with backoff.
    """
    from synth.sources import parse_arxiv_ref, search_arxiv

    settings = app.settings()
    if parse_arxiv_ref(query):
        results = _run_ingest(settings, [query], as_json)
        _echo_results(results, as_json)
        _exit_for(results)
        return
    entries = search_arxiv(query, settings, max_results=max_results, categories=categories,
                           date_from=_parse_date(date_from), date_to=_parse_date(date_to))
    if list_only:
        if as_json:
            emit_json({"query": query, "entries": entries})
        else:
            for e in entries:
                click.echo(f"{e.arxiv_id}{e.version or ''}  {e.published or ''}  {e.title}")
            click.echo(f"{len(entries)} found")
        return
    if not entries:
        if as_json:
            emit_json({"query": query, "results": [], "counts": {}})
        else:
            click.echo(f"arXiv returned nothing for '{query}'")
        return
    refs = [f"{e.arxiv_id}{e.version or ''}" for e in entries]
    results = _run_ingest(settings, refs, as_json)
    _echo_results(results, as_json)
    _exit_for(results)


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print papers as JSON.")
@pass_app
def papers(app, as_json: bool) -> None:  # noqa: ANN001
    """List the papers in the store."""
    from synth.store import open_store

    with open_store(app.settings()) as store:
        rows = store.papers()
    if as_json:
        emit_json({"papers": [_paper_json(p) for p in rows]})
        return
    if not rows:
        click.echo("no papers yet: try 'litcheck ingest PATH' or 'litcheck fetch QUERY'")
        return
    for p in rows:
        arxiv = f"{p.arxiv_id}{p.arxiv_version or ''}" if p.arxiv_id else "-"
        click.echo(f"{p.id}  {arxiv:<14} {p.n_pages:>3}p {p.n_tables:>3}t  {p.title or '(untitled)'}")
    click.echo(f"{len(rows)} papers")


def _paper_json(p) -> dict:  # noqa: ANN001
    return {
        "id": p.id, "title": p.title, "authors": list(p.authors), "arxiv_id": p.arxiv_id,
        "arxiv_version": p.arxiv_version, "year": p.year, "pages": p.n_pages, "tables": p.n_tables,
        "chunks": p.n_chunks, "source": p.source, "source_ref": p.source_ref, "sha256": p.sha256,
        "ingested_at": p.ingested_at, "warnings": list(p.warnings),
    }


@click.command()
@click.argument("text")
@click.option("--k", type=int, default=None, help="Number of hits (default: settings.search_k).")
@click.option("--paper", "paper_refs", multiple=True, help="Restrict to a paper (id, arXiv id); repeatable.")
@click.option("--json", "as_json", is_flag=True, help="Print hits as JSON.")
@pass_app
def search(app, text: str, k: int | None, paper_refs: tuple[str, ...], as_json: bool) -> None:  # noqa: ANN001
    """Hybrid search (dense embeddings + BM25 on exact tokens) over stored papers."""
    from synth.index import search as hybrid_search
    from synth.store import open_store

    settings = app.settings()
    with open_store(settings) as store:
        ids = []
        for ref in paper_refs:
            paper = store.paper(ref)
            if paper is None:
                raise InputError(f"no stored paper matches '{ref}'; see 'litcheck papers'")
            ids.append(paper.id)
        if not store.papers():
            raise InputError("the store is empty: ingest papers first ('litcheck ingest PATH')")
        hits = hybrid_search(store, settings, text, k=k or settings.search_k, paper_ids=ids or None)
    if as_json:
        emit_json({"query": text, "hits": hits})
        return
    for rank, h in enumerate(hits, 1):
        snippet = " ".join(h.text.split())
        click.echo(f"{rank:>2}. {h.paper_title or h.paper_id} p.{h.page} [{h.kind}] score={h.score:.4f}")
        click.echo(f"    {snippet[:300]}{'…' if len(snippet) > 300 else ''}")


@click.command()
@click.argument("paper_ref")
@click.option("--json", "as_json", is_flag=True, help="Print the paper as JSON.")
@pass_app
def show(app, paper_ref: str, as_json: bool) -> None:  # noqa: ANN001
    """Show one stored paper: metadata, sections, tables (as cells), figures and references."""
    from synth.store import open_store

    with open_store(app.settings()) as store:
        p = store.paper(paper_ref)
        if p is None:
            raise InputError(f"no stored paper matches '{paper_ref}'; see 'litcheck papers'")
        data = {
            "paper": _paper_json(p), "abstract": p.abstract, "sections": store.sections(p.id),
            "tables": [{"label": t.label, "caption": t.caption, "page": t.page, "rows": t.grid()}
                       for t in store.tables(p.id)],
            "figures": store.figures(p.id), "references": store.references(p.id),
        }
    if as_json:
        emit_json(data)
        return
    click.echo(f"{p.title}\n{', '.join(p.authors)}\narXiv {p.arxiv_id or '-'}  {p.n_pages} pages  id {p.id}")
    if p.abstract:
        click.echo(f"\nAbstract: {p.abstract[:600]}")
    click.echo("\nSections:")
    for s in data["sections"]:
        click.echo(f"  p.{s.page:<3} {'  ' * (s.level - 1)}{s.heading}")
    click.echo(f"\nTables ({len(data['tables'])}):")
    for t in data["tables"]:
        click.echo(f"  p.{t['page']:<3} {t['caption'] or t['label']} [{len(t['rows'])} rows]")
    click.echo(f"\nReferences: {len(data['references'])}")


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print settings as JSON.")
@pass_app
def config(app, as_json: bool) -> None:  # noqa: ANN001
    """Show the effective settings (defaults < litcheck.toml < LITCHECK_* < flags)."""
    from synth.settings import Settings

    settings = app.settings()
    values = json.loads(settings.model_dump_json())
    if as_json:
        emit_json({"settings": values, "db_path": str(settings.db_path)})
        return
    for name, field in Settings.model_fields.items():
        click.echo(f"{name} = {values[name]!r}\n    {field.description}")
    click.echo(f"(store: {settings.db_path})")

