"""The system a paper introduces: its names (from the title and abstract), the words that stand for
it ("we", a capitals short form), and the table rows that name another system beside it."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Sequence

from verifier.layout import LayoutCell
from verifier.normalize import clean_text, name_key, words

_GENERIC_NAMES = {"llm", "llms", "lm", "lms", "gpt", "nlp", "ai", "ml", "rl"}
SELF = re.compile(r"\b(our|we|us)\b", re.I)


# "We call the resulting models InstructGPT", "We propose Low-Rank Adaptation, or LoRA, which":
# the abstract names the system the title leaves unnamed. Only a coined name (inner capitals).
_COINED = r"([A-Z][a-z]*[A-Z][\w-]*)"
_NAMED_IN_ABSTRACT = re.compile(rf"\b(?:[Ww]e (?:call|name|dub|term) (?:(?:the|our|this|these) )?(?:resulting )?"
                                rf"(?:(?:models?|methods?|approach|system|technique) )?|, or ){_COINED}\b")


def own_names(title: str, abstract: str = "") -> frozenset[str]:
    """Name keys of the system a paper introduces, read from its title ("AlphaCode", "QLoRA: ...")
    or coined in its abstract ("We call the resulting models InstructGPT").

    Papers write "our model solves 29.6%" where a claim says "AlphaCode solves 29.6%"."""
    title = " ".join(title.split())
    names = {name_key(m.group(1)) for m in _NAMED_IN_ABSTRACT.finditer(" ".join(abstract.split())[:3000])}
    head = re.match(r"^([A-Z][\w-]*(?: [\w-]+){0,3})[:!]", title)  # "QLoRA:", "Distilling Step-by-Step!"
    if head:
        names.add(name_key(head.group(1)))
        # "Distilling Step-by-Step!": claims say "Distilling step-by-step", whose name is "Distilling".
        names.add(name_key(head.group(1).split()[0]))
    names |= {name_key(w) for w in re.findall(r"[A-Za-z][\w-]*", title) if re.search(r"[a-z][A-Z]", w)}
    return frozenset(n for n in names if n and n not in _GENERIC_NAMES)


def short_forms(own: frozenset[str], abstract: str) -> frozenset[str]:
    """The short forms the abstract gives the paper's own name: "we propose Plan-and-Solve (PS)
    Prompting". Like ``proposed_names`` they stand for the system in set-up sentences ("We set the
    temperature to 0.7 ... for experiments with SC" of "PS+ with self-consistency"); tables set
    "Zero-shot-PS" apart from "PS+ (ours)", so they are not the own name there."""
    out = set()
    for m in re.finditer(r"([A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})\s+\(([A-Z][A-Za-z0-9]{1,6})\)", clean_text(abstract[:4000])):
        if name_key(m.group(1)) in own:
            out.add(name_key(m.group(2)))
    return frozenset(out - own - _GENERIC_NAMES)


# "We propose a new simple network architecture, the Transformer, based solely on attention".
_PROPOSED = re.compile(r"\b[Ww]e (?:propose|introduce|present) (?:a |an )?[^.;]{0,80}?,? (?:the |called |named |dubbed )"
                       r"([A-Z][\w-]+)")


def proposed_names(abstract: str) -> frozenset[str]:
    """Name keys of a system the abstract proposes under a plain word ("the Transformer"). Unlike
    ``own_names`` these are not read into "we" sentences: "the Transformer" of a claim is often one
    of its sizes, which a sentence about the big model does not state. Set-up sentences ("For our
    base models, each training step took about 0.4 seconds") describe it all the same."""
    keys = {name_key(m.group(1)) for m in _PROPOSED.finditer(" ".join(abstract.split())[:3000])}
    return frozenset(k for k in keys if k and k not in _GENERIC_NAMES)


# "Statistics of our CodeContests dataset", "a new dataset of competitive programming problems,
# named CodeContests": a dataset the paper builds, by a coined or capitalised name.
# ("... problems, called “HumanEval,” which we created"; "On HumanEval, a new evaluation set we release")
_OUR_DATASET = re.compile(r"\b(?:[Oo]ur ([A-Z][\w-]+) (?:data ?set|benchmark)\b|(?:data ?set|benchmark|problems)\b[^.;]{0,60}?"
                          r",? (?:named|called|dubbed) [\"“']?([A-Z][\w-]+)|([A-Z][\w-]+), an? new (?:evaluation |test )?"
                          r"(?:data ?set|benchmark|set) (?:that )?we (?:release|introduce|create|build|construct))")
# "we solve 31.8% of problems in our validation set": the paper's own dataset, unnamed.
OUR_SPLIT = re.compile(r"\bour (?:own |new )?(?:validation|test|evaluation|held-out|training)? ?(?:sets?|splits?|data ?set)\b", re.I)


def own_datasets(sentences: Sequence[str]) -> frozenset[str]:
    """Name keys of a dataset the paper itself builds, said as its own at least twice (once might
    be another's dataset it names: "our HumanEval dataset" in a paper that reuses it is rare, twice
    rarer)."""
    seen: dict[str, int] = defaultdict(int)
    for sent in sentences:
        for m in _OUR_DATASET.finditer(sent):
            key = name_key(m.group(1) or m.group(2) or m.group(3))
            if key and key not in _GENERIC_NAMES:
                seen[key] += 1
    return frozenset(k for k, n in seen.items() if n >= 2)


def names_own(key: str, own: frozenset[str]) -> bool:
    """Whether a claim's name key names the paper's own system: "Distilling" names "Distilling
    Step-by-Step"; "QLoRA" names "QLoRA"."""
    # ("PS+" is a variant of the paper's "PS".)
    return bool(key) and any(o == key or key == o + "plus" or (len(key) >= 4 and o.startswith(key)) for o in own)


_VARIANT = re.compile(r"\s*(?:[-\u2212+\u2013]|w/o\b|w/\b|without\b|with\b|no\b|only\b|ours\b|\(ours\))", re.I)


def other_systems_rows(cells: Sequence[LayoutCell], own: frozenset[str]) -> set[tuple[int, int]]:
    """(block, row) of the rows that name another system in a table where a row names the paper's
    own: "MULTITASK" beside "TIES-MERGING" is a baseline, not TIES-Merging left unsaid. Rows that
    vary the own system ("\u2212TRIM", "w/o SC", "+ NEFT") stay its own."""
    if not own:
        return set()
    rows: dict[int, dict[int, str]] = defaultdict(dict)
    for c in cells:
        if c.row:
            rows[c.block][c.row_id] = c.row
    out = set()
    for block, labels in rows.items():
        mine = {r for r, lab in labels.items() if names_own_label(lab, own)}
        if not mine:
            continue
        out |= {(block, r) for r, lab in labels.items() if r not in mine and re.search(r"[A-Za-z]", lab)
                and not _VARIANT.match(lab)}
    return out


def names_own_label(label: str, own: frozenset[str]) -> bool:
    """Whether a table label names the paper's own system, in full or as a capitals short form
    (not by a prefix: "QA + instruct" is no InstructGPT)."""
    return bool(short_own(label, own)) or any(name_key(w) in own for w, _, _ in words(label))


_CAPS = re.compile(r"(?<![\w-])[A-Z][A-Z0-9]{3,}(?![\w-])")


def short_own(sent: str, own: frozenset[str]) -> frozenset[str]:
    """The paper's own system written in capitals as a short form of its name: "annotators preferred
    NEFT" in the NEFTune paper is about NEFTune."""
    if not own:
        return frozenset()
    shorts = {name_key(w) for w in _CAPS.findall(sent)}
    return frozenset(o for o in own for k in shorts if k != o and o.startswith(k))
