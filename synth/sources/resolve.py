"""Local files, plain URLs, and classifying a batch of mixed inputs."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Sequence

from synth.errors import InputError, LitcheckError
from synth.sources import cache
from synth.sources.arxiv_api import fetch_arxiv
from synth.sources.http import download_pdf, sha256_file
from synth.sources.ids import is_http_url, parse_arxiv_ref
from synth.sources.types import SourceFailure
from synth.types import FetchedPDF

if TYPE_CHECKING:
    from synth.settings import Settings


def download_url(url: str, settings: "Settings") -> FetchedPDF:
    """Download a PDF from an http(s) URL into the cache (keyed by the URL's hash).

    A second call for the same URL makes no request. Size cap, checksum and the PDF magic
    are enforced as for arXiv downloads.
    """
    url = url.strip()
    if not is_http_url(url):
        raise InputError(f"'{url}' is not an http(s) URL")
    sidecar = cache.url_sidecar(settings, url)
    hit = cache.read_cached(sidecar)
    if hit is None:
        dl = download_pdf(url, cache.url_pdf_path(settings, url), settings, what=url,
                          not_found=f"{url} does not exist (HTTP 404); check the URL")
        cache.write_sidecar(sidecar, dl.path, dl.sha256, dl.size, url=url)
        path, sha = dl.path, dl.sha256
    else:
        path, sha = hit.path, hit.sha256
    return FetchedPDF(path=str(path), source="url", source_ref=url, sha256=sha)


def _pdfs_under(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*") if p.suffix.lower() == ".pdf" and p.is_file())


def local_pdfs(paths: Sequence[str | Path]) -> list[FetchedPDF]:
    """PDF files named directly, plus every *.pdf (any case) under named directories, recursively.

    Files inside a directory come in sorted order; a file reached twice is listed once.
    Raises InputError for a path that does not exist.
    """
    out: list[FetchedPDF] = []
    seen: set[Path] = set()
    for raw in paths:
        p = Path(raw).expanduser()
        if p.is_dir():
            files = _pdfs_under(p)
        elif p.is_file():
            files = [p]
        else:
            raise InputError(f"{raw} does not exist; check the path")
        for f in files:
            real = f.resolve()
            if real in seen:
                continue
            seen.add(real)
            out.append(FetchedPDF(path=str(real), source="local", source_ref=str(f), sha256=sha256_file(real)))
    return out


def _looks_like_path(text: str) -> bool:
    return "/" in text or "\\" in text or text.lower().endswith(".pdf")


def resolve_inputs(inputs: Sequence[str], settings: "Settings") -> Iterator[FetchedPDF | SourceFailure]:
    """Turn each input (file, directory, URL, arXiv id) into local PDFs, lazily and in order.

    A failing input yields a SourceFailure with a one-line reason and the rest go on.
    """
    for raw in inputs:
        text = str(raw).strip()
        try:
            path = Path(text).expanduser()
            if text and path.exists():
                if path.is_dir():
                    found = local_pdfs([path])
                    if not found:
                        yield SourceFailure(text, f"{text} holds no PDF files")
                    yield from found
                else:
                    yield from local_pdfs([path])
            elif parse_arxiv_ref(text):
                yield fetch_arxiv(text, settings)
            elif is_http_url(text):
                yield download_url(text, settings)
            else:
                hint = " (no such path)" if _looks_like_path(text) else ""
                yield SourceFailure(text, f"'{text}' is not a file, a directory, a URL or an arXiv id{hint}")
        except LitcheckError as exc:
            yield SourceFailure(text, str(exc))
        except OSError as exc:  # unreadable file or directory: report it, keep going
            yield SourceFailure(text, f"cannot read {text}: {exc.strerror or exc}")
