"""The PDF cache under ``settings.pdf_cache_dir``: PDFs plus small JSON sidecars.

Layout::

    arxiv/2106.09685v2.pdf    the PDF of one version
    arxiv/2106.09685v2.json   its metadata, checksum and size
    arxiv/2106.09685.json     a version-less request, pointing at the version it resolved to
    url/<sha256(url)[:32]>.pdf / .json

A sidecar is written only after its PDF is complete, and an entry counts as cached only when
the sidecar parses and the PDF has the recorded size, so a half-written cache is a miss.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from synth.sources.ids import safe_id
from synth.sources.types import ArxivEntry

if TYPE_CHECKING:
    from synth.settings import Settings


@dataclass(frozen=True, slots=True)
class CachedPDF:
    path: Path
    sha256: str
    size: int
    meta: dict[str, Any]


def arxiv_dir(settings: "Settings") -> Path:
    return settings.pdf_cache_dir / "arxiv"


def url_dir(settings: "Settings") -> Path:
    return settings.pdf_cache_dir / "url"


def arxiv_pdf_path(settings: "Settings", entry: ArxivEntry) -> Path:
    return arxiv_dir(settings) / f"{safe_id(entry.arxiv_id)}{entry.version or ''}.pdf"


def arxiv_sidecar(settings: "Settings", arxiv_id: str, version: str | None) -> Path:
    return arxiv_dir(settings) / f"{safe_id(arxiv_id)}{version or ''}.json"


def url_key(url: str) -> str:
    return hashlib.sha256(url.strip().encode("utf-8")).hexdigest()[:32]


def url_pdf_path(settings: "Settings", url: str) -> Path:
    return url_dir(settings) / f"{url_key(url)}.pdf"


def url_sidecar(settings: "Settings", url: str) -> Path:
    return url_dir(settings) / f"{url_key(url)}.json"


def read_cached(sidecar: Path) -> CachedPDF | None:
    """The cached PDF a sidecar describes, or None when anything is missing or inconsistent."""
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8"))
        pdf = sidecar.parent / str(data["pdf"])
        size = int(data["size"])
        sha = str(data["sha256"])
        if pdf.stat().st_size != size:
            return None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return CachedPDF(pdf, sha, size, data)


def write_sidecar(sidecar: Path, pdf: Path, sha256: str, size: int, **meta: Any) -> None:
    """Write a sidecar atomically (temp file + rename)."""
    sidecar.parent.mkdir(parents=True, exist_ok=True)
    record = {"pdf": pdf.name, "sha256": sha256, "size": size, **meta}
    fd, tmp = tempfile.mkstemp(dir=sidecar.parent, prefix=f".{sidecar.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(record, f, indent=1, sort_keys=True)
        os.chmod(tmp, 0o644)
        os.replace(tmp, sidecar)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
