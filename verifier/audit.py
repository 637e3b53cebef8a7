"""Audit a document: inconsistent values, impossible pass@k, GRIM granularity, cited numbers.

Every numeric claim of the document becomes an ``Observation`` keyed by (subject, benchmark,
metric, setting); findings compare observations with each other, with the benchmark's size,
and with the cited papers when they are available.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from typing import Sequence

from verifier.document import Document
from verifier.grim import grim_check
from verifier.normalize import name_key, token_parts, values_match
from verifier.types import Audit, Claim, Finding, Quantity, Verdict


@dataclass(frozen=True)
class Observation:
    subject: str
    subject_parts: frozenset[str]
    benchmark: str
    metric: str  # "pass@1", "accuracy", ... or ""
    k: int | None
    setting: str
    q: Quantity
    location: dict
    text: str
    k_assumed: bool = False


_PASSK = re.compile(r"pass@\s?(\d+)", re.I)
DISPLAY = {"humaneval": "HumanEval", "humanevalplus": "HumanEval+", "humanevalpro": "HumanEval Pro", "mbpp": "MBPP",
           "mbppplus": "MBPP+", "mbpppro": "MBPP Pro", "multiple": "MultiPL-E", "gsm8k": "GSM8K"}


def _loc(c: Claim) -> dict:
    loc: dict = {}
    if c.page is not None:
        loc["page"] = c.page
    if c.line is not None:
        loc["line"] = c.line
    loc["text"] = c.text if not c.table else f"{c.table or 'table'}: {c.row} / {c.column} = " + c.text.rsplit(": ", 1)[-1]
    return loc


def observations(claims: Sequence[Claim]) -> list[Observation]:
    """One observation per (claim, value) with the benchmark it is about."""
    out: list[Observation] = []
    for c in claims:
        values = [q for q in c.quantities if q.role == "value"]
        if not values:
            continue
        text = c.text
        bench_pos = []
        # Benchmarks in order of appearance: each value takes the nearest benchmark after it
        # ("59.6% on HumanEval Pro and 38.6% on MBPP Pro"), else the nearest before it.
        for b in c.benchmarks:
            pos = _find_key(text, b)
            if pos >= 0:
                bench_pos.append((pos, b))
        bench_pos.sort()
        passk = [(m.start(), int(m.group(1))) for m in _PASSK.finditer(text)]
        subject = " ".join(c.subjects)
        parts = frozenset(p for s in c.subjects for p in token_parts(s))
        metric = next((m for m in c.metrics if m not in {"average", "score"} and not m.startswith("pass@")), "")
        setting = ",".join(sorted(s for s in c.settings))
        for q in values:
            after = [b for p, b in bench_pos if p > q.end]
            before = [b for p, b in bench_pos if p < q.start]
            bench = (after[0] if after and (not before or _gap(text, q.end, after[0]) < 40) else
                     (before[-1] if before else (after[0] if after else "")))
            k = None
            assumed = False
            if passk:
                k = min(passk, key=lambda pk: abs(pk[0] - q.start))[1]
            elif c.benchmarks and name_key(bench) in {"humaneval", "humanevalplus", "humanevalpro", "mbpp", "mbppplus",
                                                      "mbpppro", "multiple"} and q.unit == "%":
                k, assumed = 1, True  # code benchmarks report pass@1 unless told otherwise
            out.append(Observation(subject, parts, name_key(bench) if bench else "", f"pass@{k}" if k else metric, k,
                                   setting, q, _loc(c), text, assumed))
    return out


def _find_key(text: str, key: str) -> int:
    low = text.lower()
    i = low.find(key.lower())
    if i >= 0:
        return i
    squashed = re.sub(r"[^a-z0-9+]", "", low)
    j = squashed.find(re.sub(r"[^a-z0-9+]", "", key.lower()))
    if j < 0:
        return -1
    # Map the squashed offset back to the text.
    n = 0
    for i, ch in enumerate(low):
        if re.match(r"[a-z0-9+]", ch):
            if n == j:
                return i
            n += 1
    return -1


def _gap(text: str, a: int, bench: str) -> int:
    p = _find_key(text, bench)
    return p - a if p >= 0 else 999


def _same_thing(a: Observation, b: Observation) -> bool:
    if not a.benchmark or a.benchmark != b.benchmark or not a.subject_parts or not b.subject_parts:
        return False
    if a.subject_parts != b.subject_parts and name_key(a.subject) != name_key(b.subject):
        return False
    if a.metric and b.metric and a.metric != b.metric:
        return False
    return a.setting == b.setting or not a.setting or not b.setting


def _agree(a: Quantity, b: Quantity) -> bool:
    return bool(values_match(a.value, a.decimals, a.unit, b.value, b.decimals, b.unit)
                or values_match(b.value, b.decimals, b.unit, a.value, a.decimals, a.unit))


def _ranges(ns: list[int]) -> str:
    if not ns:
        return "none up to 200"
    out, start, prev = [], ns[0], ns[0]
    for n in ns[1:] + [None]:  # type: ignore[list-item]
        if n is not None and n == prev + 1:
            prev = n
            continue
        out.append(f"{start}" if start == prev else f"{start}-{prev}")
        if n is not None:
            start = prev = n
    return ", ".join(out)


def find_inconsistencies(obs: Sequence[Observation]) -> list[Finding]:
    out = []
    seen: set[tuple[int, int]] = set()
    for i, a in enumerate(obs):
        for j in range(i + 1, len(obs)):
            b = obs[j]
            if (i, j) in seen or a.location == b.location or not _same_thing(a, b) or _agree(a.q, b.q):
                continue
            seen.add((i, j))
            what = f"{a.subject} on {a.benchmark}" + (f" ({a.metric})" if a.metric else "")
            out.append(Finding(
                kind="inconsistent", severity="high",
                message=f"{what} is given as {a.q.text} in one place and {b.q.text} in another",
                values=(a.q.text, b.q.text), locations=(a.location, b.location),
            ))
    return out


def find_impossible(obs: Sequence[Observation]) -> list[Finding]:
    out = []
    for o in obs:
        if o.k is not None and (o.q.value > 100 or o.q.value < 0):
            out.append(Finding(kind="impossible", severity="high",
                               message=f"pass@{o.k} of {o.q.text} for {o.subject or 'a model'} on {o.benchmark or 'a benchmark'}"
                                       " is outside [0, 100]%",
                               values=(o.q.text,), locations=(o.location,)))
    groups: dict[tuple, list[Observation]] = {}
    for o in obs:
        if o.k is not None and o.subject_parts:
            groups.setdefault((o.subject_parts, o.benchmark, o.setting), []).append(o)
    for items in groups.values():
        items = sorted(items, key=lambda o: o.k or 0)
        for a, b in zip(items, items[1:]):
            if a.k is not None and b.k is not None and a.k < b.k and a.q.value > b.q.value + 10 ** (-max(a.q.decimals, b.q.decimals)) / 2:
                out.append(Finding(
                    kind="impossible", severity="high",
                    message=f"pass@{a.k} = {a.q.text} > pass@{b.k} = {b.q.text} for {a.subject} on {a.benchmark}: "
                            "pass@k cannot decrease as k grows",
                    values=(a.q.text, b.q.text), locations=(a.location, b.location)))
    return out


def find_grim(obs: Sequence[Observation], samples: int) -> list[Finding]:
    out = []
    done: set[tuple] = set()
    for o in obs:
        if o.k != 1 or not o.benchmark or o.q.value > 100 or o.q.value < 0:
            continue
        value = o.q.value if (o.q.unit == "%" or o.q.value > 1) else o.q.value * 100
        decimals = o.q.decimals if (o.q.unit == "%" or o.q.value > 1) else max(o.q.decimals - 2, 0)
        key = (value, decimals, o.benchmark, o.location.get("page"), o.location.get("line"))
        if key in done:
            continue
        done.add(key)
        res = grim_check(value, decimals, o.benchmark, samples)
        if res is None or res[0]:
            continue
        _, fixes, sizes = res
        size = "/".join(str(s) for s in sizes)
        out.append(Finding(
            kind="grim", severity="medium",
            message=(f"pass@1{' (assumed: no k stated)' if o.k_assumed else ''} = {o.q.text} on "
                     f"{DISPLAY.get(o.benchmark, o.benchmark)} ({size} problems, n={samples} sample"
                     f"{'s' if samples != 1 else ''} per problem) is not a possible fraction: no count of passes gives it "
                     f"after rounding or truncation; sample counts that would make it possible: n = {_ranges(fixes)}"),
            values=(o.q.text,), locations=(o.location,)))
    return out


_CITES = re.compile(r"\[\d+(?:\s*[,\u2013-]\s*\d+)*\]|\([A-Z][\w\-]+(?: et al\.)?,? \d{4}[a-z]?\)|et al\.|arXiv", re.I)


def check_citations(claims: Sequence[Claim], indexes, require_marker: bool = False) -> list[Finding]:  # noqa: ANN001
    """Verify the document's sentence claims against the cited papers that are available."""
    from verifier.verify import verify_claim

    out = []
    for c in claims:
        if c.table or not indexes:
            continue
        if require_marker and not _CITES.search(c.text):
            continue  # in a paper, only sentences that cite something are checked against the cited papers
        r = verify_claim(c, indexes)
        if r.verdict == Verdict.CONTRADICTED:
            ev = r.evidence
            loc = _loc(c)
            locs = (loc,) + (({"page": ev.page, "text": f"{ev.paper}: {ev.quote}"},) if ev else ())
            out.append(Finding(kind="citation", severity="high", message=f"the cited source disagrees: {r.reason}",
                               values=tuple(q.text for q in c.quantities if q.role == "value"), locations=locs))
    return out


def audit_document(doc: Document, settings=None, extra_sources: Sequence[str] = ()) -> Audit:  # noqa: ANN001
    """All findings for one document."""
    claims = doc.claims()
    obs = observations(claims)
    stated = doc.samples_per_problem()
    samples = stated or 1
    findings = find_inconsistencies(obs) + find_impossible(obs) + find_grim(obs, samples)
    notes = [f"samples per problem: {samples}" + ("" if stated else " (not stated in the document; assumed greedy)")]
    indexes = _cited_indexes(doc, settings, extra_sources, notes)
    if indexes:
        findings += check_citations(claims, indexes, require_marker=doc.kind == "pdf")
    return Audit(document=doc.name, n_claims=len(claims), findings=tuple(findings), samples_per_problem=samples,
                 notes=tuple(notes))


def _cited_indexes(doc: Document, settings, extra_sources: Sequence[str], notes: list[str]):  # noqa: ANN001, ANN202
    if settings is None:
        return []
    from synth.store import open_store
    from verifier.index_cache import stored_index

    store = open_store(settings)
    try:
        indexes = []
        if extra_sources:
            from verifier.service import load_sources

            srcs = load_sources(list(extra_sources), settings, store)
            indexes.extend(srcs.indexes)
            for ref, err in srcs.failures:
                notes.append(f"source {ref} failed: {err}")
        for aid in doc.arxiv_ids:
            paper = store.paper(aid)
            if paper is not None and all(i.paper_id != paper.id for i in indexes):
                indexes.append(stored_index(store, paper))
            elif paper is None:
                notes.append(f"cited arXiv:{aid} is not in the store; pass --source {aid} to check numbers against it")
        return indexes
    finally:
        store.close()


# --- rendering -----------------------------------------------------------------------------
def audit_json(a: Audit) -> dict:
    return {
        "document": a.document, "n_claims": a.n_claims, "samples_per_problem": a.samples_per_problem,
        "notes": list(a.notes),
        "findings": [{"kind": f.kind, "severity": f.severity, "message": f.message, "values": list(f.values),
                      "locations": [dict(loc) for loc in f.locations]} for f in a.findings],
    }


def _where(loc: dict) -> str:
    if "page" in loc:
        return f"p. {loc['page']}"
    if "line" in loc:
        return f"line {loc['line']}"
    return "-"


def render(a: Audit, fmt: str) -> str:
    """The audit as JSON, Markdown or a self-contained HTML page (all text escaped)."""
    if fmt == "json":
        return json.dumps(audit_json(a), ensure_ascii=False, indent=2) + "\n"
    if fmt == "md":
        lines = [f"# Audit of {a.document}", "", f"{a.n_claims} numeric claims checked, {len(a.findings)} findings.", ""]
        lines += [f"- {n}" for n in a.notes] + [""]
        if a.findings:
            lines += ["| # | kind | severity | finding | where |", "|---|---|---|---|---|"]
            for i, f in enumerate(a.findings, 1):
                where = "; ".join(f"{_where(loc)}: {loc.get('text', '')[:80]}" for loc in f.locations)
                lines.append(f"| {i} | {f.kind} | {f.severity} | {_md(f.message)} | {_md(where)} |")
        else:
            lines.append("No findings.")
        return "\n".join(lines) + "\n"
    if fmt == "html":
        e = html.escape
        rows = "".join(
            f"<tr class='{e(f.severity)}'><td>{i}</td><td>{e(f.kind)}</td><td>{e(f.severity)}</td><td>{e(f.message)}</td>"
            f"<td>{'<br>'.join(e(_where(loc) + ': ' + str(loc.get('text', ''))) for loc in f.locations)}</td></tr>"
            for i, f in enumerate(a.findings, 1))
        notes = "".join(f"<li>{e(n)}</li>" for n in a.notes)
        return (
            "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Audit of " + e(a.document) + "</title>"
            "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;"
            "padding:4px 8px;vertical-align:top}tr.high td{background:#fde8e8}tr.medium td{background:#fff6e0}</style>"
            "</head><body><h1>Audit of " + e(a.document) + "</h1>"
            f"<p>{a.n_claims} numeric claims checked, {len(a.findings)} findings.</p><ul>{notes}</ul>"
            "<table><tr><th>#</th><th>kind</th><th>severity</th><th>finding</th><th>where</th></tr>"
            + (rows or "<tr><td colspan='5'>No findings.</td></tr>") + "</table></body></html>\n")
    raise ValueError(f"unknown format {fmt!r}")


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


__all__ = ["audit_document", "render", "observations", "audit_json"]
