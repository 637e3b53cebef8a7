"""A number the paper frames otherwise than the claim does: the amount a sentence gives before a
process the claim says is done, one end of a range the claim calls an average, what an earlier
number rises to where the claim puts it before the change."""

from __future__ import annotations

import re
from dataclasses import replace

from verifier.checks import ValueCheck, mentions_by_sentence, unit_word
from verifier.index import SourceIndex
from verifier.normalize import NUMBER, clean_text, decimals_of, values_match
from verifier.terms import Scored
from verifier.together import printed_at
from verifier.types import Claim, Mention, Verdict


_AFTER = re.compile(r"\b(?:after|following|once)\s+(?:the\s+)?(?:[a-z]+ing|deduplication|filtration)\b", re.I)
_ENDED = re.compile(r"\b(?:after|final|filtered|remaining|left)\b", re.I)


def after_the_process(claim: Claim, checks: dict[int, ValueCheck], idx: SourceIndex) -> None:
    """"After removing auto-generated ... files, the Python corpus ... amounted to 179 GB" against
    "... containing 179 GB of unique Python files under 1 MB. We filtered out files which were likely
    auto-generated, ... After filtering, our final dataset totaled 159 GB.": a claim about the state
    after a process is refuted by the amount, in the same unit, of the next sentences that say the
    process is done, when the sentence it matched says no such thing."""
    vals = [c for c in checks.values() if c.quantity.role == "value"]
    if len(vals) > 1:
        _after_the_process_stated(claim, vals, idx)
    if len(vals) != 1:
        return
    c = vals[0]
    q = c.quantity
    if c.status != Verdict.SUPPORTED or c.best is None or c.best.mention.kind != "text" or not _AFTER.search(claim.text[:q.start]):
        return
    m = c.best.mention
    unit = unit_word(claim.text, q.text, q.start)
    if unit is None or _ENDED.search(m.quote):
        return
    x = next((x for x in _amounts_after_the_process(idx, m, unit)
              if not values_match(q.value, q.decimals, q.unit, x.value, x.decimals, x.unit)), None)
    if x is not None:
        c.status, c.alt = Verdict.CONTRADICTED, Scored(x, 1.0, (), (), False)
        c.features["after_process"] = 1.0


def _amounts_after_the_process(idx: SourceIndex, m: Mention, unit: str):  # noqa: ANN202 - Iterator[Mention]
    """The numbers, written in ``unit``, of the (up to two) sentences after ``m``'s on its page that
    say a process is done ("After filtering, our final dataset totaled 159 GB."), in order."""
    k = idx.sentence_number(m.page, m.quote)
    if k is None:
        return
    for p, sent, _ in idx.sentences[k + 1:k + 3]:
        if p != m.page:
            return
        if not re.match(r"\s*(?:After|Following)\b", sent) and not re.search(r"\bfinal\b", sent):
            continue
        for x in mentions_by_sentence(idx).get(sent.strip(), ()):
            if x.page == p and unit_word(x.quote, x.text, max(x.quote.find(x.text), 0)) == unit:
                yield x


def _after_the_process_stated(claim: Claim, vals: list[ValueCheck], idx: SourceIndex) -> None:
    """"... from 54 million public GitHub repositories, and after filtering the Python corpus came to
    159 GB" (or "159 GB of Python files after filtering") against "... from 54 million public software
    repositories hosted on GitHub, containing 179 GB of unique Python files ... After filtering, our
    final dataset totaled 159 GB.": the number the claim puts after a process is the one a sentence
    just after the one stating its other number says the process ended with, in the same unit; the
    amount before the process does not refute it."""
    for c in vals:
        q = c.quantity
        unit = unit_word(claim.text, q.text, q.start)
        if c.status == Verdict.SUPPORTED or unit is None or not _AFTER.search(claim.text[max(0, q.start - 60):q.end + 40]):
            continue
        stated = (o.best.mention for o in vals
                  if o is not c and o.status == Verdict.SUPPORTED and o.best is not None and o.best.mention.kind == "text")
        x = next((x for m in stated for x in _amounts_after_the_process(idx, m, unit)
                  if values_match(q.value, q.decimals, q.unit, x.value, x.decimals, x.unit)), None)
        if x is not None:
            c.status, c.best, c.alt, c.reason = Verdict.SUPPORTED, Scored(x, 1.0, (), (), False, "exact"), None, ""
            c.features["after_process"] = 1.0


_AVERAGE_CLAIM = re.compile(r"\b(?:on average|average[ds]?|mean)\b", re.I)
_AVERAGE_STATED = re.compile(r"\b(?:averag(?:ing|es|ed)|(?:an |the )?average (?:of|is|was)|(?:a |the )?mean of)\s+"
                             r"(?:about |around |roughly |approximately )?(\d+(?:\.\d+)?)\s*(%?)", re.I)


def average_beside_a_range(claim: Claim, checks: dict[int, ValueCheck]) -> None:
    """"improves on Act by 90% ... on average" against "relative performance gain ranging from 33% to
    90% and averaging 62%": the sentence gives the claimed number as one end of a range and states
    the average as another number, which refutes it."""
    if not _AVERAGE_CLAIM.search(claim.text):
        return
    for c in checks.values():
        q = c.quantity
        if c.status != Verdict.SUPPORTED or c.best is None or c.best.mention.kind != "text" or q.role != "value":
            continue
        quote = clean_text(c.best.mention.quote)
        avg = _AVERAGE_STATED.search(quote)
        if avg is None or (q.unit == "%") != (avg.group(2) == "%"):
            continue
        value = float(avg.group(1))
        if values_match(q.value, q.decimals, q.unit, value, decimals_of(avg.group(1)), q.unit):
            continue
        if not re.search(r"\b(?:from|between|ranging)\b[^.;]{0,40}" + re.escape(c.best.mention.text), quote):
            continue  # the claimed number is no end of a range the sentence gives
        if re.search(r"\b(?:from|between|ranging)\b[^.;]{0,40}$", claim.text[:q.start]) or re.search(
                r"^\s*%?\s*(?:and|to)\s+\d", claim.text[q.end:]) or any(
                x is not q and abs(x.value - value) < 1e-9 for x in claim.quantities):
            continue  # the claim gives the range too ("gains between 33% and 90% and a 62% average")
        c.status, c.alt = Verdict.CONTRADICTED, Scored(replace(c.best.mention, value=value, text=avg.group(1) + avg.group(2)),
                                                      1.0, (), (), False)
        c.reason = (f"the text on page {c.best.mention.page} gives {c.best.mention.text} as one end of a range; "
                    f"its average is {avg.group(1)}{avg.group(2)}")
        c.features["range_end"] = 1.0


_BEFORE_CLAIM = re.compile(r"\b(?:before|prior to|without)\s+(?!and\b|or\b)", re.I)
_CHANGED_TO = re.compile(r"\b(?:rises|rose|increases|increased|improves|improved|jumps|jumped|climbs|climbed|grows|grew|"
                         r"goes|went|boosts|boosted|lifts|lifted)\s+(?:\w+\s+){0,2}?to\s+(?:about\s+|roughly\s+)?$", re.I)


def the_state_before(claim: Claim, checks: dict[int, ValueCheck]) -> None:
    """"Standard finetuning ... already scores 64.69% ... before NEFTune is applied" against "Standard
    finetuning of LLaMA-2-7B using Alpaca achieves 29.79% on AlpacaEval, which rises to 64.69% using
    noisy embeddings": the sentence gives the claimed number as what an earlier number rises to, and
    the claim puts it before that change, so the earlier number (same unit) refutes it."""
    vals = [c for c in checks.values() if c.quantity.role == "value"]
    if len(vals) != 1 or not _BEFORE_CLAIM.search(claim.text):
        return
    c = vals[0]
    q = c.quantity
    if c.status != Verdict.SUPPORTED or c.best is None or c.best.mention.kind != "text":
        return
    quote = clean_text(c.best.mention.quote)
    at = printed_at(quote, c.best.mention)
    if at < 0 or not _CHANGED_TO.search(quote[:at]):
        return
    earlier = [x for x in NUMBER.finditer(quote[:at]) if x.group("pct")] if q.unit == "%" else []
    if not earlier:
        return
    e = earlier[-1]
    text = e.group(0).strip()
    c.status = Verdict.CONTRADICTED
    c.alt = Scored(replace(c.best.mention, value=float(e.group("num").replace(",", "")), text=text), 1.0, (), (), False)
    c.reason = (f"the text on page {c.best.mention.page} gives {c.best.mention.text} as what {text} rises to, "
                f"not the state before the change")
    c.features["state_before"] = 1.0
