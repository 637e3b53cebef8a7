"""Which model size a paper says does something on which benchmark: "we can achieve better
performances than 540B PaLM model's Few-shot CoT with 220M (over 2000x smaller) T5 model on e-SNLI,
770M (over 700x smaller) T5 models on ANLI and SVAMP, and 11B (over 45x smaller) T5 model on CQA".

A claim without result numbers that names a size and a benchmark ("a 770M T5 model already beats
540B PaLM's few-shot CoT on CQA") is read against a sentence that lists sizes, each followed by the
benchmarks it holds for: the size whose stretch of the sentence names the claim's benchmark is the
paper's; the claim's other size there refutes it, the same one supports it."""

from __future__ import annotations

import re

from verifier.index import SourceIndex
from verifier.normalize import BENCHMARKS, context_terms
from verifier.types import Claim, Evidence, Verdict

_SIZE = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?[MB])\b")
_BEATS = re.compile(r"\b(?:outperform\w*|beat\w*|surpass\w*|better|exceed\w*|overtak\w*|match\w*)\b", re.I)


def _benchmarks(text: str) -> set[str]:
    return set(context_terms(text)) & BENCHMARKS


def size_for_benchmark(claim: Claim, idx: SourceIndex) -> tuple[Verdict, Evidence, str] | None:
    """(verdict, evidence, reason) from a sentence pairing sizes with benchmarks, or None."""
    sizes = {m.group(1).upper() for m in _SIZE.finditer(claim.text)}
    benches = _benchmarks(claim.text)
    if not sizes or not benches or not _BEATS.search(claim.text):
        return None
    for page, sent, _ in idx.sentences:
        if not _BEATS.search(sent):
            continue
        found = list(_SIZE.finditer(sent))
        owner = _owners(sent, found)
        if len(found) < 3 or not benches <= owner.keys() or len(set(owner.values())) < 2:
            continue
        if not sizes <= {m.group(1).upper() for m in found}:
            continue  # the claim's sizes are all the sentence's ("540B PaLM", "770M T5")
        mine = sizes & set(owner.values())
        if len(benches) == 1 and len(mine) == 1:
            wanted = {next(iter(benches)): next(iter(mine))}
        else:
            # "a 220M T5 on e-SNLI ... and an 11B T5 on CQA": each of the claim's sizes holds its own stretch too.
            wanted = {b: z for b, z in _owners(claim.text, list(_SIZE.finditer(claim.text))).items() if b in benches}
            if wanted.keys() != benches:
                continue
        ev = Evidence(paper=idx.label, page=page, quote=" ".join(sent.split()))
        wrong = [(z, owner[b]) for b, z in wanted.items() if owner[b] != z]
        if not wrong:
            return Verdict.SUPPORTED, ev, f"page {page} pairs {', '.join(sorted(set(wanted.values())))} with the claim's benchmarks"
        claimed, paper = wrong[0]
        return Verdict.CONTRADICTED, ev, f"page {page} gives the claim's benchmark the {paper} model, not {claimed}"
    return None


def _owners(text: str, found: list[re.Match]) -> dict[str, str]:
    """benchmark -> the size whose stretch of ``text`` (up to the next size) names it first."""
    owner: dict[str, str] = {}
    for a, b in zip(found, found[1:] + [None]):
        for key in _benchmarks(text[a.end(): b.start() if b is not None else len(text)]):
            owner.setdefault(key, a.group(1).upper())
    return owner
