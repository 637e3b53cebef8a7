"""The verify pipeline as library functions: read claims, load sources, verify, store verdicts.

``litcheck verify`` is a thin wrapper over ``run_verify``.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Sequence

from pydantic import ValidationError

from verifier.errors import ClaimsFileError
from verifier.extract import claim_from_text
from verifier.index import SourceIndex
from verifier.index_cache import stored_index
from verifier.types import ClaimIn, EvidenceOut, VerdictOut, VerificationResult, Verdict

VERSION = "verifier-1"


@dataclass
class ClaimLine:
    """One line of a claims file: a parsed claim or the reason it could not be read."""

    line: int
    id: str | int | None
    claim: str | None
    error: str | None = None


@dataclass
class SourceSet:
    """The papers a run verifies against, and the sources that could not be used."""

    indexes: list[SourceIndex] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (source as given, why)
    paper_ids: list[str] = field(default_factory=list)


def read_claims(path: Path) -> list[ClaimLine]:
    """Parse a claims JSONL file; malformed lines become ``ClaimLine``s with an error (and line number)."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise ClaimsFileError(f"cannot read the claims file {path}: {exc.strerror}; check the path") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ClaimsFileError(f"{path} is not UTF-8 text; save it as UTF-8 JSONL") from exc
    out: list[ClaimLine] = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            out.append(ClaimLine(n, None, None, f"line {n}: not valid JSON ({exc.msg} at column {exc.colno})"))
            continue
        if isinstance(obj, str):
            obj = {"claim": obj}
        if not isinstance(obj, dict):
            out.append(ClaimLine(n, None, None, f"line {n}: expected a JSON object with a \"claim\" field"))
            continue
        try:
            item = ClaimIn.model_validate(obj)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "line"
            out.append(ClaimLine(n, obj.get("id"), None, f"line {n}: {where}: {first['msg']} (need {{\"id\", \"claim\"}})"))
            continue
        if not item.claim.strip():
            out.append(ClaimLine(n, item.id, "", f"line {n}: the claim is empty"))
            continue
        out.append(ClaimLine(n, item.id if item.id is not None else f"line{n}", item.claim))
    if not out:
        raise ClaimsFileError(f"{path} holds no claims; write one JSON object per line: {{\"id\": ..., \"claim\": ...}}")
    return out


def load_sources(sources: Sequence[str], settings, store, progress: bool = False) -> SourceSet:  # noqa: ANN001
    """Ingest (or find, if already stored) the sources and index each paper (or load its index from
    the store, where an earlier run left one)."""
    from synth.ingest import ingest_inputs

    result = SourceSet()
    seen: set[str] = set()
    for res in ingest_inputs(list(sources), settings, store=store):
        if res.status == "failed" or not res.paper_id:
            result.failures.append((res.source_ref, res.error or "could not be ingested"))
            continue
        if res.paper_id in seen:
            continue
        seen.add(res.paper_id)
        paper = store.paper(res.paper_id)
        if paper is None:
            result.failures.append((res.source_ref, "ingested but missing from the store"))
            continue
        result.indexes.append(stored_index(store, paper))
        result.paper_ids.append(paper.id)
    return result


def to_output(item_id: str | int | None, claim: str, r: VerificationResult | None, *, reason: str | None = None) -> VerdictOut:
    """The JSONL output record (the CLI contract)."""
    if r is None:
        return VerdictOut(id=item_id, claim=claim, verdict=Verdict.NOT_FOUND, confidence=0.99, evidence=None,
                          reason=reason or "not checked")
    ev = None
    if r.evidence is not None:
        ev = EvidenceOut(paper=r.evidence.paper, page=r.evidence.page, quote=r.evidence.quote, table=r.evidence.table,
                         row=r.evidence.row, column=r.evidence.column)
    return VerdictOut(id=item_id, claim=claim, verdict=r.verdict, confidence=float(min(1.0, max(0.0, r.confidence))),
                      evidence=ev, reason=reason or r.reason)


def verify_lines(lines: Sequence[ClaimLine], sources: SourceSet) -> list[tuple[VerdictOut, VerificationResult | None]]:
    """Verify every readable line; unreadable ones get a not_found record naming the problem."""
    from verifier.verify import verify_claim

    note = ""
    if sources.failures:
        note = " (unusable sources: " + "; ".join(f"{s}: {e}" for s, e in sources.failures) + ")"
    out = []
    for cl in lines:
        if cl.error or cl.claim is None:
            out.append((to_output(cl.id, cl.claim or "", None, reason=f"malformed input: {cl.error}"), None))
            continue
        if not sources.indexes:
            out.append((to_output(cl.id, cl.claim, None, reason="no source could be read" + note), None))
            continue
        r = verify_claim(claim_from_text(cl.claim, str(cl.id)), sources.indexes)
        reason = r.reason + (note if r.verdict != Verdict.SUPPORTED else "")
        out.append((to_output(cl.id, cl.claim, r, reason=reason), r))
    return out


def save_run(store, settings, sources: Sequence[str], source_set: SourceSet,  # noqa: ANN001
             results: Sequence[tuple[VerdictOut, VerificationResult | None]]) -> int:
    """Store the claims and verdicts of one run with their provenance; returns the run id."""
    from synth.store.db import utcnow

    now = utcnow()
    with store.transaction() as c:
        cur = c.execute(
            "INSERT INTO verify_runs (created_at, sources, paper_ids, settings, version) VALUES (?,?,?,?,?)",
            (now, json.dumps(list(sources)), json.dumps(source_set.paper_ids),
             json.dumps({"embedder": settings.embedder, "home": str(settings.home)}), VERSION),
        )
        run_id = int(cur.lastrowid)
        for out, r in results:
            parsed = {}
            if r is not None:
                parsed = {"features": r.features}
            cur = c.execute("INSERT INTO claims (run_id, claim_id, text, parsed, created_at) VALUES (?,?,?,?,?)",
                            (run_id, None if out.id is None else str(out.id), out.claim, json.dumps(parsed), now))
            c.execute(
                "INSERT INTO verdicts (claim_row, verdict, confidence, evidence, reason, paper_ids, features, created_at)"
                " VALUES (?,?,?,?,?,?,?,?)",
                (cur.lastrowid, out.verdict.value, out.confidence,
                 json.dumps(out.evidence.model_dump()) if out.evidence else None, out.reason,
                 json.dumps(source_set.paper_ids), json.dumps(r.features if r else {}), now),
            )
    return run_id


def result_dict(r: VerificationResult) -> dict:
    d = asdict(r)
    d["verdict"] = r.verdict.value
    return d
