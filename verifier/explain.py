"""What a verdict shows the reader: its evidence (paper, page, quote, table, row, column), a
one-sentence reason, and the features its confidence is computed from."""

from __future__ import annotations

from typing import TYPE_CHECKING

from verifier.index import SourceIndex
from verifier.types import Claim, Evidence, Mention, Verdict

if TYPE_CHECKING:
    from verifier.checks import ValueCheck


def describe(m: Mention) -> str:
    """Where a mention sits, as a reason names it ("Table 2 (GPT-4 / MMLU)", "the text on page 3")."""
    if m.kind == "text":
        return f"the text on page {m.page}"
    where = m.table or f"a table on page {m.page}"
    bits = " / ".join(b for b in (m.row, m.column) if b)
    return f"{where} ({bits})" if bits else where


def evidence_for(idx: SourceIndex, m: Mention) -> Evidence:
    """The evidence record of a mention."""
    return Evidence(paper=idx.label, page=m.page, quote=m.quote, table=m.table, row=m.row or None,
                    column=m.column or None)


def as_sentence(reason: str) -> str:
    """A lower-case reason fragment as the one-sentence reason a verdict carries."""
    return reason[:1].upper() + reason[1:] + "."


def explain(claim: Claim, verdict: Verdict, checks: dict[int, ValueCheck], idx: SourceIndex
            ) -> tuple[Evidence | None, str, dict[str, float]]:
    """Evidence, a one-sentence reason and the features the confidence is computed from."""
    ordered = [checks[i] for i in sorted(checks)]
    feats: dict[str, float] = {"n_values": float(len(ordered))}
    for c in ordered:
        for k, v in c.features.items():
            feats[k] = min(feats.get(k, v), v) if k.endswith("frac") else max(feats.get(k, v), v)
    if verdict == Verdict.SUPPORTED:
        main = next((c for c in ordered if c.best is not None), ordered[0])
        parts = []
        for c in ordered:
            if c.best is not None and (c.quantity.role == "value" or not c.reason):
                m = c.best.mention
                how = "" if c.best.how in (None, "exact") else f" ({c.best.how.replace('+scale', ', percent/fraction')})"
                parts.append(f"{describe(m)} gives {m.text}{how}")
            elif c.reason:
                parts.append(c.reason)
        feats["cell"] = float(any(c.best is not None and c.best.mention.kind == "cell" for c in ordered))
        feats["inexact"] = float(any(c.best is not None and c.best.how not in (None, "exact") for c in ordered))
        ev = evidence_for(idx, main.best.mention) if main.best else None
        return ev, "; ".join(parts) + ".", feats
    if verdict == Verdict.CONTRADICTED:
        c = next(c for c in ordered if c.status == Verdict.CONTRADICTED)
        q = c.quantity
        if c.features.get("negated") or c.features.get("direction_wrong") or c.features.get("swapped"):
            t = (c.alt or c.best).mention if (c.alt or c.best) else None
            feats["cell"] = float(t is not None and t.kind == "cell")
            feats.update({k: 1.0 for k in ("negated", "direction_wrong", "swapped") if c.features.get(k)})
            return (evidence_for(idx, t) if t else None), c.reason + ".", feats
        if c.alt is not None and c.quantity.role == "value":
            t = c.alt.mention
            reason = f"{describe(t)} gives {t.text}, not {q.text}"
            keys = {k.text for k in c.terms if k.kind in {"subject", "benchmark"}}
            if c.best is not None and c.best.mention is not t and keys & set(c.best.covered):
                # The claimed number sits elsewhere with a context close to the claim's: name it.
                m = c.best.mention
                if m.kind != "text":
                    own = " / ".join(b for b in (m.row, m.column) if b)
                    reason = f"{q.text} is {own} ({m.table or 'page ' + str(m.page)}), not this claim's combination; " + reason
                else:
                    i = m.quote.find(m.text)
                    snippet = m.quote[max(0, i - 50): i + len(m.text) + 30].strip()
                    reason = f"{q.text} appears on page {m.page} about something else (\"...{snippet}...\"); " + reason
                feats["misattribution"] = 1.0
            feats["cell"] = float(t.kind == "cell")
            return evidence_for(idx, t), reason + ".", feats
        ev = evidence_for(idx, c.alt.mention) if c.alt else (evidence_for(idx, c.best.mention) if c.best else None)
        feats["arithmetic_wrong"] = 1.0
        if not c.reason and c.alt is not None:
            return ev, f"{describe(c.alt.mention)} gives {c.alt.mention.text}, not {q.text}.", feats
        return ev, (c.reason or "the numbers disagree") + ".", feats
    reasons = [c.reason for c in ordered if c.status == Verdict.NOT_FOUND and c.reason]
    return None, as_sentence(reasons[0]) if reasons else "No matching result in the sources.", feats
