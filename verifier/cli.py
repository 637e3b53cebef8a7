"""CLI commands of the verifier: ``claims``, ``verify``, ``audit`` (thin wrappers over the library)."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from synth.clikit import emit_json, pass_app, to_jsonable


@click.command()
@click.argument("doc")
@click.option("--json", "as_json", is_flag=True, help="Print the structured claims as JSON.")
@pass_app
def claims(app, doc: str, as_json: bool) -> None:  # noqa: ANN001
    """Extract structured numeric claims from DOC (a PDF, Markdown/text file, arXiv id) or from TEXT."""
    from verifier.document import load_document

    settings = app.settings()
    document = load_document(doc, settings)
    found = document.claims()
    if as_json:
        emit_json([_claim_json(c) for c in found])
        return
    if not found:
        click.echo("no numeric claims found")
    for c in found:
        where = f"p{c.page}" if c.page else (f"L{c.line}" if c.line else "")
        vals = ", ".join(f"{q.text}{' (diff)' if q.role == 'diff' else ''}" for q in c.quantities if q.role in {"value", "diff"})
        click.echo(f"{where:>5}  {vals:<18} subj={'; '.join(c.subjects) or '-'}  bench={'; '.join(c.benchmarks) or '-'}"
                   f"  metric={'; '.join(c.metrics) or '-'}  | {c.text[:100]}")


def _claim_json(c) -> dict:  # noqa: ANN001
    d = to_jsonable(c)
    d["quantities"] = [q for q in d["quantities"] if q["role"] in {"value", "diff", "setting"}]
    return d


@click.command()
@click.option("--claims", "claims_file", required=True, type=click.Path(path_type=Path, dir_okay=False),
              help="JSONL file, one {\"id\": ..., \"claim\": ...} per line.")
@click.option("--source", "sources", required=True, multiple=True,
              help="PDF, directory of PDFs or arXiv id to verify against (repeatable; several after one --source too).")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), default=None, help="Write the verdicts (JSONL) here.")
@click.option("--json", "as_json", is_flag=True, help="Print the verdicts as JSONL on stdout.")
@click.argument("more_sources", nargs=-1)
@pass_app
def verify(app, claims_file: Path, sources: tuple[str, ...], out: Path | None, as_json: bool,  # noqa: ANN001
           more_sources: tuple[str, ...]) -> None:
    """Verify claims (JSONL) against source papers; one verdict line per input line, same order."""
    from synth.store import open_store
    from verifier.errors import SourceError
    from verifier.service import load_sources, read_claims, save_run, verify_lines

    settings = app.settings()
    all_sources = list(sources) + list(more_sources)
    lines = read_claims(claims_file)
    for cl in lines:
        if cl.error:
            click.echo(f"warning: {claims_file}: {cl.error}", err=True)
    store = open_store(settings)
    try:
        t0 = time.perf_counter()
        srcs = load_sources(all_sources, settings, store)
        for ref, err in srcs.failures:
            click.echo(f"warning: source {ref} failed: {err}", err=True)
        if not srcs.indexes:
            raise SourceError("none of the sources could be read: "
                              + "; ".join(f"{r}: {e}" for r, e in srcs.failures)
                              + "; pass PDFs, directories of PDFs or arXiv ids")
        t1 = time.perf_counter()
        results = verify_lines(lines, srcs)
        t2 = time.perf_counter()
        save_run(store, settings, all_sources, srcs, results)
    finally:
        store.close()
    records = [json.dumps(r.model_dump(mode="json"), ensure_ascii=False) for r, _ in results]
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text("\n".join(records) + "\n", encoding="utf-8")
    if as_json or not out:
        if as_json:
            for rec in records:
                click.echo(rec)
        else:
            for r, _ in results:
                click.echo(f"{str(r.id):<12} {r.verdict.value:<13} {r.confidence:.2f}  {r.reason}")
    counts: dict[str, int] = {}
    for r, _ in results:
        counts[r.verdict.value] = counts.get(r.verdict.value, 0) + 1
    rate = len(results) / max(t2 - t1, 1e-9)
    click.echo(f"{len(results)} claims: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
               + f" (sources {t1 - t0:.1f}s, verify {rate:.0f} claims/s)"
               + (f"; written to {out}" if out else ""), err=True)


@click.command()
@click.argument("doc")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), default=None, help="Write the report here.")
@click.option("--format", "fmt", type=click.Choice(["json", "md", "html"]), default=None,
              help="Report format (default: from --out's suffix, else json with --json, else md).")
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
@click.option("--source", "sources", multiple=True,
              help="Cited papers available locally or by arXiv id, to check numbers the document cites.")
@pass_app
def audit(app, doc: str, out: Path | None, fmt: str | None, as_json: bool, sources: tuple[str, ...]) -> None:  # noqa: ANN001
    """Audit DOC (PDF, Markdown, text or arXiv id) for inconsistent, impossible or ungranular numbers."""
    from verifier.audit import audit_document, render
    from verifier.document import load_document

    settings = app.settings()
    if fmt is None:
        if as_json:
            fmt = "json"
        elif out is not None and out.suffix.lower() in {".json", ".md", ".html", ".htm"}:
            fmt = {".json": "json", ".md": "md", ".html": "html", ".htm": "html"}[out.suffix.lower()]
        else:
            fmt = "md"
    document = load_document(doc, settings)
    result = audit_document(document, settings=settings, extra_sources=list(sources))
    text = render(result, fmt)
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
        click.echo(f"{len(result.findings)} findings in {result.n_claims} claims; written to {out}", err=True)
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
