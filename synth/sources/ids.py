"""Recognise arXiv identifiers and URLs in user input."""

from __future__ import annotations

import re

# New-style ids: YYMM.NNNN (2007-2014) or YYMM.NNNNN (2015-), optional version.
_NEW_ID = r"(?P<new>(?P<yy>\d{2})(?P<mm>\d{2})\.\d{4,5})"
# Old-style ids: archive(.SUBJ)/YYMMNNN, e.g. hep-th/9901001, math.GT/0309136, cs/0112017.
_OLD_ID = r"(?P<old>[a-z][a-z\-]*(?:\.[A-Za-z]{2})?/(?P<oyy>\d{2})(?P<omm>\d{2})\d{3})"
_VERSION = r"(?P<version>v\d+)?"

_BARE = re.compile(rf"^(?:arxiv:\s*)?(?:{_NEW_ID}|{_OLD_ID}){_VERSION}$", re.IGNORECASE)
_URL = re.compile(
    rf"^https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/(?:{_NEW_ID}|{_OLD_ID}){_VERSION}(?:\.pdf)?/?$",
    re.IGNORECASE,
)


def parse_arxiv_ref(text: str) -> tuple[str, str | None] | None:
    """Split an arXiv reference into (id without version, "vN" or None); None if it is not one.

    Accepts "2106.09685", "2106.09685v2", "arXiv:2106.09685", "https://arxiv.org/abs/2106.09685v2",
    "https://arxiv.org/pdf/2106.09685v2" (with or without ".pdf") and old-style ids such as "cs/0112017".
    """
    if not isinstance(text, str):
        return None
    s = text.strip()
    m = _BARE.match(s) or _URL.match(s)
    if not m:
        return None
    if m.group("new"):
        month = int(m.group("mm"))
        arxiv_id = m.group("new")
    else:
        month = int(m.group("omm"))
        archive, number = m.group("old").split("/", 1)
        # Archive names are lower case ("hep-th"); a subject class keeps its capitals ("math.GT").
        if "." in archive:
            head, subj = archive.split(".", 1)
            archive = f"{head.lower()}.{subj.upper()}"
        else:
            archive = archive.lower()
        arxiv_id = f"{archive}/{number}"
    if not 1 <= month <= 12:
        return None
    version = m.group("version")
    return arxiv_id, version.lower() if version else None


def is_http_url(text: str) -> bool:
    """True for an http(s) URL with a host."""
    return bool(re.match(r"^https?://[^/\s]+", text.strip(), re.IGNORECASE))


def safe_id(arxiv_id: str) -> str:
    """The id as a file-name fragment ("cs/0112017" -> "cs_0112017")."""
    return arxiv_id.replace("/", "_")
