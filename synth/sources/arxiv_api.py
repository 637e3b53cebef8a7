"""arXiv search and fetch through the ``arxiv`` package, with our own HTTP etiquette.

The ``arxiv`` client builds query URLs, pages through results and parses the Atom feed;
its HTTP goes through ``http_get`` (shared rate limiter, timeouts, backoff honouring
Retry-After) because the client itself has no timeout and retries without pausing.
"""

from __future__ import annotations

import re
import time
from dataclasses import replace
from datetime import date, datetime, timezone
from typing import TYPE_CHECKING, Any, Sequence

from synth.errors import FetchError, InputError
from synth.sources import cache
from synth.sources.http import download_pdf, host_of, http_get
from synth.sources.ids import parse_arxiv_ref
from synth.sources.types import ArxivEntry
from synth.types import FetchedPDF

if TYPE_CHECKING:
    import requests

    from synth.settings import Settings

ATOM = "{http://www.w3.org/2005/Atom}"
_CATEGORY = re.compile(r"^[A-Za-z][A-Za-z\-]*(?:\.[A-Za-z\-]+)?$")
_FIELD_SYNTAX = re.compile(r"\b(?:ti|au|abs|co|jr|cat|rn|id|all|submittedDate|lastUpdatedDate):|\b(?:AND|OR|ANDNOT)\b")
_STOPWORDS = frozenset("a an and are as at be by for from in is it of on or that the to with".split())
_SORTS = {
    "relevance": "Relevance",
    "submitted": "SubmittedDate",
    "submitteddate": "SubmittedDate",
    "date": "SubmittedDate",
    "updated": "LastUpdatedDate",
    "lastupdateddate": "LastUpdatedDate",
}


# --- query building ------------------------------------------------------------------------


def _free_text(query: str) -> str:
    """Plain words and "quoted phrases" -> ``all:w1 AND all:"a phrase"`` (every one must match);
    queries already in arXiv syntax (fields, AND/OR, parentheses) pass through unchanged."""
    q = " ".join(query.split())
    if not q or _FIELD_SYNTAX.search(q) or "(" in q or ")" in q:
        return q
    terms: list[str] = []
    for phrase, word in re.findall(r'"([^"]*)"|([\w][\w.\-+]*)', q):
        if phrase.strip():
            terms.append(f'all:"{" ".join(phrase.split())}"')
        elif word and word.lower() not in _STOPWORDS:
            terms.append(f"all:{word}")
    if not terms:  # nothing but stopwords: search for them anyway
        terms = [f"all:{w}" for w in re.findall(r"[\w][\w.\-+]*", q)]
    return " AND ".join(terms)


def build_query(
    query: str,
    categories: Sequence[str] = (),
    date_from: date | None = None,
    date_to: date | None = None,
) -> str:
    """The arXiv ``search_query``: the query AND (any of the categories) AND the submission window."""
    parts: list[str] = []
    text = _free_text(query)
    if text:
        parts.append(f"({text})" if (categories or date_from or date_to) and " " in text else text)
    if isinstance(categories, str):  # a lone "cs.CL" must not be read as its characters
        categories = [categories]
    cats = [c.strip() for c in categories if c and c.strip()]
    for c in cats:
        if not _CATEGORY.match(c):
            raise InputError(f"'{c}' is not an arXiv category; use names such as cs.CL or hep-th")
    if len(cats) == 1:
        parts.append(f"cat:{cats[0]}")
    elif cats:
        parts.append("(" + " OR ".join(f"cat:{c}" for c in cats) + ")")
    if date_from or date_to:
        if date_from and date_to and date_from > date_to:
            raise InputError(f"date range is empty: {date_from} is after {date_to}; swap --from and --to")
        start = (date_from or date(1991, 1, 1)).strftime("%Y%m%d")
        end = (date_to or datetime.now(timezone.utc).date()).strftime("%Y%m%d")
        parts.append(f"submittedDate:[{start}0000 TO {end}2359]")
    if not parts:
        raise InputError("the arXiv search is empty; give search words, a category or a date range")
    return " AND ".join(parts)


# --- the arxiv client with our HTTP ---------------------------------------------------------


def _check_atom(content: bytes, what: str, host: str) -> None:
    """Refuse anything that is not an Atom feed, and surface arXiv's own error entries."""
    from lxml import etree

    try:
        root = etree.fromstring(content, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as exc:
        raise FetchError(
            f"{host} answered {what} with a malformed feed (not Atom XML: {exc}); try again later or check arxiv_query_url"
        ) from exc
    if root is None or root.tag != f"{ATOM}feed":
        tag = getattr(root, "tag", None)
        raise FetchError(f"{host} answered {what} with <{tag}> instead of an Atom feed; check arxiv_query_url")
    for entry in root.iterfind(f"{ATOM}entry"):
        entry_id = entry.findtext(f"{ATOM}id") or ""
        if "/api/errors" in entry_id:
            summary = " ".join((entry.findtext(f"{ATOM}summary") or "unknown error").split())
            raise FetchError(f"arXiv rejected {what}: {summary}; check the id or query")


class _FeedSession:
    """Stands in for the ``requests.Session`` of ``arxiv.Client`` (its only use is ``get``)."""

    def __init__(self, settings: "Settings", what: str, not_found: str | None) -> None:
        self.settings = settings
        self.what = what
        self.not_found = not_found

    def get(self, url: str, headers: Any = None, **_: Any) -> "requests.Response":
        resp = http_get(url, self.settings, what=self.what, not_found=self.not_found)
        try:
            _check_atom(resp.content, self.what, host_of(url))
        finally:
            resp.close()
        return resp


def _run(search: Any, settings: "Settings", what: str, page_size: int, not_found: str | None = None) -> list[Any]:
    import arxiv

    client = arxiv.Client(page_size=page_size, delay_seconds=0, num_retries=0)
    client.query_url_format = settings.arxiv_query_url
    if not hasattr(client, "_session"):  # pragma: no cover - guards a future arxiv release
        raise FetchError(f"the installed arxiv {arxiv.__version__} is not supported; run 'make install'")
    client._session = _FeedSession(settings, what, not_found)
    try:
        return list(client.results(search))
    except arxiv.ArxivError as exc:
        raise FetchError(f"arXiv failed on {what}: {exc}; try again later") from exc
    except ValueError as exc:
        # Raised by the feed parser on entries with broken dates or fields.
        raise FetchError(f"arXiv answered {what} with a malformed feed ({exc}); try again later") from exc


def _https(url: str | None) -> str | None:
    if url and re.match(r"^http://(?:[\w-]+\.)?arxiv\.org/", url):
        return "https://" + url[len("http://"):]
    return url


def _to_entry(result: Any) -> ArxivEntry:
    short = result.get_short_id()
    parsed = parse_arxiv_ref(short)
    arxiv_id, version = parsed if parsed else (short, None)
    published = getattr(result, "published", None)
    cats = [result.primary_category] if getattr(result, "primary_category", "") else []
    cats += [c for c in result.categories if c not in cats]
    return ArxivEntry(
        arxiv_id=arxiv_id,
        version=version,
        title=" ".join((result.title or "").split()),
        authors=tuple(a.name for a in result.authors),
        abstract=" ".join((result.summary or "").split()),
        published=published.date().isoformat() if published and published.year > 1 else None,
        categories=tuple(cats),
        pdf_url=_https(result.pdf_url),
    )


# --- public API ------------------------------------------------------------------------------


def search_arxiv(
    query: str,
    settings: "Settings",
    *,
    max_results: int = 10,
    categories: Sequence[str] = (),
    date_from: date | None = None,
    date_to: date | None = None,
    sort: str = "relevance",
) -> list[ArxivEntry]:
    """Search arXiv; ``categories`` keeps papers in any of them, dates bound the submission date.

    ``query`` is plain words (all must match) or arXiv query syntax (``ti:lora AND au:hu``).
    ``sort`` is "relevance", "submitted" or "updated" (newest first).
    """
    import arxiv

    if max_results < 1:
        raise InputError(f"max_results must be at least 1 (got {max_results})")
    key = _SORTS.get(sort.strip().lower())
    if key is None:
        raise InputError(f"unknown sort '{sort}'; use relevance, submitted or updated")
    search_query = build_query(query, categories, date_from, date_to)
    search = arxiv.Search(
        query=search_query,
        max_results=max_results,
        sort_by=getattr(arxiv.SortCriterion, key),
        sort_order=arxiv.SortOrder.Descending,
    )
    results = _run(search, settings, f"the search '{search_query}'", min(settings.arxiv_page_size, max_results))
    return [_to_entry(r) for r in results]


def lookup_arxiv(arxiv_id: str, version: str | None, settings: "Settings") -> ArxivEntry:
    """Metadata of one paper (the latest version when ``version`` is None) by an id_list query."""
    import arxiv

    wanted = f"{arxiv_id}{version or ''}"
    not_found = f"arXiv has no paper {wanted}; check the id"
    # arXiv sporadically answers a valid id with an empty feed, so one empty answer gets a second try.
    tries = 1 + min(1, settings.arxiv_retries)
    for attempt in range(tries):
        search = arxiv.Search(id_list=[wanted], max_results=1)
        results = _run(search, settings, f"arXiv {wanted}", 1, not_found=not_found)
        if results:
            break
        if attempt + 1 < tries:
            time.sleep(settings.backoff_base)
    else:
        raise FetchError(f"arXiv has no paper {wanted} (empty feed); check the id")
    entry = _to_entry(results[0])
    if entry.arxiv_id != arxiv_id:
        raise FetchError(f"arXiv answered {entry.versioned_id} when asked for {wanted}; check the id")
    if version and entry.version != version:
        entry = replace(entry, version=version)
    return entry


def pdf_url_for(entry: ArxivEntry, settings: "Settings") -> str:
    """Where to download the entry's PDF: an explicitly configured arxiv_pdf_url wins (mirrors,
    tests), else the feed's pdf link, else the default URL pattern."""
    from synth.settings import Settings

    template = settings.arxiv_pdf_url
    explicit = template != Settings.model_fields["arxiv_pdf_url"].default
    if explicit or not entry.pdf_url:
        return template.format(id=entry.versioned_id)
    return entry.pdf_url


def _from_cache(settings: "Settings", arxiv_id: str, version: str | None, ref: str) -> FetchedPDF | None:
    hit = cache.read_cached(cache.arxiv_sidecar(settings, arxiv_id, version))
    if hit is None:
        return None
    try:
        entry = ArxivEntry.from_json(hit.meta["entry"])
    except (KeyError, TypeError, ValueError):
        return None
    return entry.to_fetched(hit.path, hit.sha256, source_ref=ref)


def fetch_arxiv(ref: str, settings: "Settings") -> FetchedPDF:
    """Download an arXiv paper (id, "arXiv:" id or arxiv.org URL; latest version unless given).

    Cached under ``settings.pdf_cache_dir``: a second call for the same reference makes no request.
    """
    ref = ref.strip()
    parsed = parse_arxiv_ref(ref)
    if parsed is None:
        raise InputError(f"'{ref}' is not an arXiv id; expected e.g. 2106.09685, arXiv:2106.09685v2 or an arxiv.org URL")
    arxiv_id, version = parsed
    hit = _from_cache(settings, arxiv_id, version, ref)
    if hit is not None:
        return hit
    entry = lookup_arxiv(arxiv_id, version, settings)
    sidecars = {cache.arxiv_sidecar(settings, arxiv_id, entry.version)}
    if version is None:
        versionless = cache.arxiv_sidecar(settings, arxiv_id, None)
        cached = cache.read_cached(cache.arxiv_sidecar(settings, arxiv_id, entry.version))
        if cached is not None:  # the latest version is cached under its versioned name already
            cache.write_sidecar(versionless, cached.path, cached.sha256, cached.size, entry=entry.to_json())
            return entry.to_fetched(cached.path, cached.sha256, source_ref=ref)
        sidecars.add(versionless)
    url = pdf_url_for(entry, settings)
    what = f"arXiv {entry.versioned_id} ({url})"
    dl = download_pdf(
        url,
        cache.arxiv_pdf_path(settings, entry),
        settings,
        what=what,
        not_found=f"arXiv has no PDF for {entry.versioned_id} at {url}; check the version",
    )
    for sidecar in sorted(sidecars):
        cache.write_sidecar(sidecar, dl.path, dl.sha256, dl.size, entry=entry.to_json(), url=url)
    return entry.to_fetched(dl.path, dl.sha256, source_ref=ref)

