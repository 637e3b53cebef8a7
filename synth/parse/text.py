"""Plain-text helpers shared by the parser and the verifier: sentence splitting, line joining
with de-hyphenation, ligature expansion.

Pure functions of strings; no PyMuPDF here, so the verifier can import them cheaply.
"""

from __future__ import annotations

import re
from collections.abc import Container

# Tokens that end with a period but do not end a sentence (compared lower-case, without the dot).
ABBREVIATIONS = frozenset(
    {
        "al", "e.g", "i.e", "fig", "figs", "eq", "eqs", "eqn", "tab", "tabs", "vs", "cf", "sec", "secs",
        "sect", "no", "nos", "approx", "resp", "ref", "refs", "app", "appx", "ch", "vol", "pp", "p",
        "dr", "mr", "ms", "mrs", "prof", "jr", "sr", "st", "w.r.t", "viz", "ca", "est", "def", "thm",
        "lem", "prop", "alg", "algo", "col", "cols", "e.t.c", "incl", "max", "min", "avg", "std",
        "u.s", "inc", "corp", "ltd", "dept", "univ", "ed", "eds", "n.b", "a.k.a", "c.f",
    }
)

_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "ft", "ﬆ": "st"})

# A candidate boundary: terminal punctuation, optional closing quotes/brackets, whitespace,
# then something that can open a sentence (capital letter, opening quote or bracket + capital).
# A footnote's marker may open the next sentence ("... 35TB. 5For GPT-3 175B, ...").
# (A bullet after the stop opens the next item: "... human-written. • ShareGPT is ...".)
_BOUNDARY = re.compile(r"([.!?])([\"'”’)\]]*)\s+(?=(?:[•●▪◦∙]\s*)?[\"“‘(\[]?[A-Z]|\d{1,2} ?[A-Z][a-z])")
_WS = re.compile(r"\s+")
_CAPTION_LABEL = re.compile(r"^(?:Figure|Fig\.|Table|Tab\.|Algorithm|Listing)\s*[A-Z]?\d+[a-z]?\.$")


def normalize_ligatures(text: str) -> str:
    """Expand typographic ligatures (ﬁ -> fi) so words match what people type."""
    return text.translate(_LIGATURES)


def _token_before(text: str, end: int) -> str:
    """The whitespace-delimited token ending at ``end`` (exclusive), without leading brackets."""
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:end].lstrip("([{\"'“‘")


def split_sentences(text: str) -> list[str]:
    """Split running text into sentences.

    Keeps abbreviations ("et al.", "e.g.", "Fig.", "Eq.", "vs."), initials ("J. Smith"),
    decimals ("28.81") and version numbers intact; a period ends a sentence only when
    whitespace and a capitalised word follow. Whitespace runs collapse to one space;
    characters are otherwise kept exactly as given (numbers survive verbatim).
    """
    text = _WS.sub(" ", text).strip()
    if not text:
        return []
    sentences: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        punct_pos = m.start(1)
        if m.group(1) == ".":
            token = _token_before(text, punct_pos)
            low = token.lower().rstrip(".")
            if low in ABBREVIATIONS:
                continue
            # Initials ("J. Smith", "Edward J. Hu") and single letters ("Fig. 3a. Left") are not ends.
            if len(token) == 1 and token.isalpha():
                continue
            # Dotted abbreviations not in the list ("U.S.", "Ph.D.") contain an inner period.
            if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", token):
                continue
        end = m.end(2)
        piece = text[start:end].strip()
        if _CAPTION_LABEL.match(piece):
            continue  # "Figure 1. Pass rates ...": the caption label starts the sentence
        if piece:
            sentences.append(piece)
        start = m.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


_WORD = re.compile(r"[A-Za-z][A-Za-z\-]*[A-Za-z]")


def document_vocabulary(texts: list[str]) -> set[str]:
    """Lower-case words (hyphenated compounds included) seen inside lines of ``texts``.

    Used to decide whether a line-break hyphen belongs to the word ("fine-tuning") or was
    inserted by justification ("rep-resentation").
    """
    vocab: set[str] = set()
    for t in texts:
        vocab.update(w.lower() for w in _WORD.findall(normalize_ligatures(t)))
    return vocab


_TRAILING_FRAGMENT = re.compile(r"([A-Za-z][A-Za-z\-]*)-$")
_LEADING_FRAGMENT = re.compile(r"^([a-z][A-Za-z\-]*)")


# Compound halves that usually keep their hyphen ("pre-trained", "task-specific").
_HYPHEN_PREFIXES = frozenset(
    "pre post non multi self co cross fine semi sub well low high large small zero few one two three "
    "long short open closed human task instruction state end top single double real first second "
    "data model text code rule hand over under up down wide deep meta full half next left right "
    "in out chain key query value sign trade follow".split()
)
_HYPHEN_SUFFIXES = frozenset(
    "based specific level scale like aware free wise shot shots tuning tuned trained training style head "
    "heads query art order step steps time term grained world sized size agnostic dependent "
    "independent related driven oriented centric efficient intensive friendly only of the "
    "thought consistency attention layer layers token tokens task tasks value".split()
)


def _keep_hyphen(left: str, right: str, vocabulary: Container[str]) -> bool:
    """Decide whether "left-" + "right" at a line break is a real hyphenated compound."""
    joined, hyphenated = (left + right).lower(), f"{left}-{right}".lower()
    if joined in vocabulary and hyphenated not in vocabulary:
        return False
    if hyphenated in vocabulary:
        return True
    l_last = left.rsplit("-", 1)[-1].lower()
    if any(c.isdigit() for c in left) or sum(c.isupper() for c in left) >= 2 or "-" in left:
        return True  # "GPT-", "T5-", "state-of-" stay hyphenated; "Pat-"+"terson" does not
    if l_last in _HYPHEN_PREFIXES or right.lower() in _HYPHEN_SUFFIXES:
        return True
    # Fragments of words split at line ends are in the vocabulary too, so "both halves are
    # words" proves nothing; default to the typesetter's hyphenation.
    return False


def join_lines(lines: list[str], vocabulary: Container[str] = frozenset()) -> str:
    """Join the lines of a paragraph into one string, undoing line-break hyphenation.

    A line ending in "word-" followed by a line starting with a lower-case letter is joined
    without a space. Whether the hyphen stays is decided from the document's own words
    (``vocabulary``) and common compound halves: "rep-"+"resentation" becomes
    "representation", "fine-"+"tuning" stays "fine-tuning".
    """
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if not out:
            out = line
            continue
        tail = _TRAILING_FRAGMENT.search(out)
        head = _LEADING_FRAGMENT.match(line)
        if tail and head and not out.endswith("--"):
            left, right = tail.group(1), head.group(1)
            if _keep_hyphen(left, right, vocabulary):
                out = out + line
            else:
                out = out[:-1] + line
        elif tail and line[:1].isalnum() and not out.endswith("--"):
            out = out + line  # "human-" + "AI", "GPT-" + "3": a compound, keep the hyphen
        else:
            out = out + " " + line
    return out
