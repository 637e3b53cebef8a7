"""Paper sources: arXiv search and fetch, plain URLs and local PDFs, all ending as FetchedPDF.

Network etiquette lives in ``synth.sources.http`` (one request per ``arxiv_delay_seconds`` to
arXiv hosts, retries with backoff, timeouts, size cap); the PDF cache in ``synth.sources.cache``.
``requests``, ``lxml`` and ``arxiv`` are imported only when a request is made.
"""

from synth.sources.arxiv_api import build_query, fetch_arxiv, lookup_arxiv, search_arxiv
from synth.sources.ids import parse_arxiv_ref
from synth.sources.resolve import download_url, local_pdfs, resolve_inputs
from synth.sources.types import ArxivEntry, SourceFailure

__all__ = [
    "ArxivEntry",
    "SourceFailure",
    "build_query",
    "download_url",
    "fetch_arxiv",
    "local_pdfs",
    "lookup_arxiv",
    "parse_arxiv_ref",
    "resolve_inputs",
    "search_arxiv",
]
