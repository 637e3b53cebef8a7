"""``litcheck report`` and ``litcheck digest``: parse flags, call the library, print where the files are."""

from __future__ import annotations

from pathlib import Path

import click

from synth.clikit import emit_json, pass_app, progress


@click.command()
@click.argument("question")
@click.option("--source", "sources", multiple=True,
              help="Where to look: 'arxiv' (default), 'store' (papers already ingested), a directory or PDF, "
                   "or an arXiv id. Repeatable. A directory works fully offline.")
@click.option("--max-papers", type=int, default=8, show_default=True, help="Keep at most this many relevant papers.")
@click.option("--max-claims", type=int, default=40, show_default=True, help="Verify at most this many claims.")
@click.option("--threshold", type=float, default=None,
              help="Relevance needed to keep a paper (default: calibrated for the embedder).")
@click.option("--model", default=None, help="Model path or hub id used to reproduce code-benchmark claims.")
@click.option("--allow-exec", is_flag=True, help="Allow running model-generated code (needed with --model).")
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Output directory (default: <reports_dir>/<question slug>).")
@click.option("--format", "formats", default="md,html,json", show_default=True, help="Comma list of md, html, json.")
@click.option("--embedder", default=None, help="Embedding backend: minilm or hash.")
@click.option("--json", "as_json", is_flag=True, help="Print the report JSON instead of a summary.")
@pass_app
def report(app, question: str, sources: tuple[str, ...], max_papers: int, max_claims: int, threshold: float | None,  # noqa: ANN001
           model: str | None, allow_exec: bool, out_dir: Path | None, formats: str, embedder: str | None,
           as_json: bool) -> None:
    """Write a scored, cited, verified synthesis report answering QUESTION.

    Files: report.md, report.html, report.json and references.bib in --out.
    """
    from synth.errors import InputError
    from synth.report.pipeline import ReportRequest, build_report, write_report
    from synth.report.render import parse_formats
    from synth.store import open_store

    if not question.strip():
        raise InputError("the question is empty; write it in quotes: litcheck report \"How does ...?\"")
    if max_papers < 1:
        raise InputError(f"--max-papers must be at least 1 (got {max_papers})")
    if model and not allow_exec:
        raise InputError("--model runs generated code to reproduce claims; add --allow-exec to permit it")
    fmts = parse_formats(formats)
    settings = app.settings(embedder=embedder, allow_exec=allow_exec or None)
    req = ReportRequest(question=question, sources=list(sources) or ["arxiv"], max_papers=max_papers,
                        max_claims=max_claims, model=model, allow_exec=allow_exec, out_dir=out_dir, formats=fmts,
                        threshold=threshold)
    reproducer = None
    if model:
        from synth.report.verification import EvalkitReproducer

        reproducer = EvalkitReproducer(settings, model)

    def stage(total, description):  # noqa: ANN001, ANN202
        return progress(total, description, enabled=not as_json)

    with open_store(settings) as store:
        data = build_report(req, settings, store, reproducer=reproducer, progress=stage)
    paths = write_report(data, settings, out_dir, fmts)
    if as_json:
        emit_json({**data, "files": paths})
        return
    m = data["method"]
    click.echo(f"papers: {m['papers']['found']} found, {m['papers']['kept']} kept, {m['papers']['dropped']} dropped")
    c = m["claims"]
    click.echo(f"claims: {c['extracted']} extracted, {c['supported']} supported, {c['contradicted']} contradicted, "
               f"{c['not_found']} not found, {c['reproduced']} reproduced")
    click.echo(f"score: {data['score']['total']}/100")
    for fmt, path in paths.items():
        click.echo(f"{fmt:<5} {path}")


@click.command()
@click.argument("paper")
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Output directory (default: <reports_dir>/digest-<paper>).")
@click.option("--format", "formats", default="md,html,json", show_default=True, help="Comma list of md, html, json.")
@click.option("--max-claims", type=int, default=12, show_default=True, help="Key results to verify.")
@click.option("--json", "as_json", is_flag=True, help="Print the digest JSON instead of file paths.")
@pass_app
def digest(app, paper: str, out_dir: Path | None, formats: str, max_claims: int, as_json: bool) -> None:  # noqa: ANN001
    """Write a one-paper digest of PAPER (a PDF, an arXiv id, or a stored paper id)."""
    from synth.report.digest import build_digest, write_digest
    from synth.report.render import parse_formats
    from synth.store import open_store

    fmts = parse_formats(formats)
    settings = app.settings()
    with open_store(settings) as store:
        with progress(None, "digesting", enabled=not as_json):
            data = build_digest(paper, settings, store, max_claims=max_claims)
    paths = write_digest(data, settings, out_dir, fmts)
    if as_json:
        emit_json({**data, "files": paths})
        return
    click.echo(f"{data['facts']['title']}: {len(data['key_results'])} key results")
    for fmt, path in paths.items():
        click.echo(f"{fmt:<5} {path}")
