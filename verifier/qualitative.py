"""Claims without a number ("LoRA matches full fine-tuning on GLUE"): supported only by a sentence
of the paper that names all of the claim's names and most of its words, with the same negations;
anything looser is not_found, never a guess dressed as verification."""

from __future__ import annotations

import re

from verifier.index import SourceIndex
from verifier.normalize import CAPTION_OPENING
from verifier.terms import Term, claim_terms, coverage
from verifier.types import Claim, Evidence, Mention, Verdict


_NEGATORS = re.compile(r"\b(not|never|without|no|cannot|n't)\b")


def _text_coverage(term: Term, sentence: Mention) -> float | None:
    """coverage(), but a with/without setting is read from the sentence's own words."""
    cov = coverage(term, sentence)
    if cov is None and term.kind == "setting" and term.key.startswith(("yes:", "no:")):
        neg, word = term.key.startswith("no:"), term.key.split(":", 1)[1]
        lead = r"(?:without|w/o|no)" if neg else r"(?:with|w/)"
        found = re.search(rf"\b{lead}\s+{re.escape(word)}", sentence.quote, re.I)
        return 1.0 if found else 0.0
    return cov


def qualitative(claim: Claim, idx: SourceIndex) -> tuple[Verdict, float, Evidence | None, str]:
    """A claim without numbers: supported only by a sentence that covers all its names and most words."""
    terms = claim_terms(claim)
    keys = [t for t in terms if t.kind != "weak"]
    weak = [t for t in terms if t.kind == "weak"]
    best = (0.0, None)
    claim_cmp = {w.lower() for w in re.findall(r"\b(better|worse|higher|lower|outperform\w*|comparabl\w*|than|"
                                               r"not|never|best|worst)\b", claim.text, re.I)}
    claim_neg = set(_NEGATORS.findall(claim.text.lower()))
    # Counts and settings the claim states ("31k training prompts") must be in the sentence too.
    numbers = [re.compile(r"(?<![\w.])" + re.escape(q.text) + r"(?![\w.])", re.I) for q in claim.quantities]
    for page, text, sterms in idx.sentences:
        if not all(n.search(text) for n in numbers):
            continue
        if CAPTION_OPENING.match(text):
            continue  # a caption says what a table shows, not what it found
        if claim_cmp and not claim_cmp <= {w.lower() for w in re.findall(r"\b\w+\b", text)}:
            continue
        # A sentence about as long as the claim that negates where the claim does not ("without
        # degrading" vs "with degrading") says the opposite.
        sent_neg = set(_NEGATORS.findall(text.lower()))
        if sent_neg - claim_neg and len(text.split()) <= 1.5 * len(claim.text.split()):
            continue
        fake = idx.sentence_context(page, text, sterms)
        k = sum(1 for t in keys if (_text_coverage(t, fake) or 0) >= 0.99)
        w = sum(1 for t in weak if (coverage(t, fake) or 0) >= 0.99)
        if keys and k < len(keys):
            continue
        frac = (w / len(weak)) if weak else (1.0 if keys else 0.0)
        if frac > best[0]:
            best = (frac, (page, text))
    if best[1] is not None and best[0] >= 0.8 and (keys or len(weak) >= 4):
        page, text = best[1]
        return (Verdict.SUPPORTED, best[0], Evidence(paper=idx.label, page=page, quote=text),
                f"page {page} states it nearly word for word")
    return Verdict.NOT_FOUND, best[0], None, "a claim without numbers is supported only by strong textual evidence, and none was found"
