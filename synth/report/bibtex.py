"""BibTeX for the papers a report cites."""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Sequence

_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
            "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def tex_escape(text: str) -> str:
    """Escape LaTeX specials so a hostile or odd title cannot break the .bib file."""
    return "".join(_SPECIAL.get(ch, ch) for ch in " ".join(str(text).split()))


def cite_key(ref: dict[str, Any], used: set[str]) -> str:
    first = (ref.get("authors") or ["anon"])[0]
    surname = first.split()[-1] if first.split() else "anon"
    word = next((w for w in re.findall(r"[A-Za-z]+", ref.get("title") or "") if len(w) > 3), "paper")
    base = unicodedata.normalize("NFKD", f"{surname}{ref.get('year') or ''}{word}").encode("ascii", "ignore").decode()
    base = re.sub(r"[^A-Za-z0-9]", "", base).lower() or "ref"
    key, i = base, 1
    while key in used:
        i += 1
        key = f"{base}{chr(ord('a') + i - 2)}"
    used.add(key)
    return key


def to_bibtex(references: Sequence[dict[str, Any]]) -> str:
    """One @article/@misc entry per reference (arXiv papers as @misc with eprint fields)."""
    used: set[str] = set()
    entries = []
    for ref in references:
        key = cite_key(ref, used)
        fields = [("title", "{" + tex_escape(ref.get("title") or "Untitled") + "}")]
        if ref.get("authors"):
            fields.append(("author", " and ".join(tex_escape(a) for a in ref["authors"])))
        if ref.get("year"):
            fields.append(("year", str(ref["year"])))
        if ref.get("arxiv_id"):
            fields += [("eprint", ref["arxiv_id"]), ("archivePrefix", "arXiv"), ("url", ref.get("link") or "")]
        body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields if v)
        entries.append(f"@misc{{{key},\n{body}\n}}\n")
        ref["bibkey"] = key
    return "\n".join(entries)
