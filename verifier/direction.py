"""Whether a claim's direction holds: "jumps from 5.8% to 77.5%" must rise, and "X reaches 87.47%,
lower than Y" must sit below Y's cell of the same column."""

from __future__ import annotations

import re

from verifier.checks import ValueCheck, column_neighbours
from verifier.explain import describe
from verifier.index import SourceIndex
from verifier.normalize import FROM_END
from verifier.terms import COMPARE, Term, score
from verifier.types import Claim, Verdict

_UP = re.compile(r"\b(higher|better|more|greater|larger|above|outperform\w*|surpass\w*|exceed\w*|beats?|improv\w* over)\b", re.I)
_DOWN = re.compile(r"\b(lower|worse|less|fewer|smaller|below|underperform\w*|behind|trails?)\b", re.I)


# ("improves" is left out: an error rate improves as it falls.)
_RISE = re.compile(r"\b(?:lifts?|raises?|boosts?|increases?|jumps?|climbs?|rises?|grows?)\b[^.;]{0,80}?"
                   + FROM_END, re.I)
_FALL = re.compile(r"\b(?:lowers?|reduces?|cuts?|decreases?|drops?|falls?|declines?|degrades?)\b[^.;]{0,80}?"
                   + FROM_END, re.I)


def check_change_direction(claim: Claim, checks: dict[int, ValueCheck]) -> None:
    """"jumps from 77.5% to 5.8%": both numbers may be the source's, but not in that order."""
    vals = [checks[i] for i in sorted(checks) if checks[i].quantity.role == "value"]
    if len(vals) != 2 or not all(c.status == Verdict.SUPPORTED for c in vals):
        return
    a, b = vals[0].quantity, vals[1].quantity
    if not re.fullmatch(r"\s*%?\s*to\s*", claim.text[a.end:b.start]):
        return
    if re.sub(r"[\d.,\s]", "", a.text) != re.sub(r"[\d.,\s]", "", b.text):
        return  # "from 1.2TB to 350GB": the units differ
    before = claim.text[max(0, a.start - 120): a.start]
    rise, fall = bool(_RISE.search(before)), bool(_FALL.search(before))
    if rise != fall and (b.value < a.value if rise else b.value > a.value):
        vals[1].status, vals[1].alt = Verdict.CONTRADICTED, vals[1].best
        vals[1].reason = (f"the claim says it {'rises' if rise else 'falls'} from {a.text} to {b.text}, but "
                          f"{b.text} is {'lower' if rise else 'higher'}: the source's numbers are the other way round")


def check_direction(claim: Claim, terms: list[Term], checks: dict[int, ValueCheck], idx: SourceIndex) -> None:
    """"X reaches 87.47%, lower than Y": with a single supported number and a comparator that has no
    number of its own, read the comparator's cell in the same column and check the direction."""
    values = [c for c in checks.values() if c.quantity.role == "value"]
    if len(values) != 1 or values[0].status != Verdict.SUPPORTED or values[0].best is None:
        return
    comp = COMPARE.search(claim.text) or re.search(r"\b(above|below|behind)\b", claim.text)
    up, down = bool(_UP.search(claim.text)), bool(_DOWN.search(claim.text))
    if comp is None or up == down:
        return
    m = values[0].best.mention
    comp_terms = [t for t in terms if t.kind == "subject" and t.pos >= comp.start()]
    if not comp_terms or m.kind != "cell":
        return
    scored = sorted((score(comp_terms, x) for x in column_neighbours(idx, m)), key=lambda sc: sc.frac, reverse=True)
    if not scored or scored[0].frac < 0.999:
        return
    other = scored[0].mention
    holds = m.value > other.value if up else m.value < other.value
    if not holds:
        c = values[0]
        c.status, c.alt = Verdict.CONTRADICTED, scored[0]
        c.reason = (f"{describe(m)} gives {m.text}, which is not {'above' if up else 'below'} "
                    f"{other.row} ({other.text})")
        c.features["direction_wrong"] = 1.0
