"""A fake arXiv on 127.0.0.1 for tests: Atom feeds, generated PDFs, switchable failures.

Serves ``/api/query?search_query=...&id_list=...&start=&max_results=&sortBy=`` in the Atom
format the real ``arxiv`` client parses, and PDFs at ``/pdf/<id>[vN][.pdf]`` (also under
``/mirror/``), generated with tests/helpers/pdfgen.py. Every request is recorded.

Use the ``fake_arxiv`` fixture (``from tests.helpers.fake_arxiv import fake_arxiv  # noqa: F401``)::

    def test_x(fake_arxiv):
        fake_arxiv.add_paper("2101.00001", title="Tiny Coders", categories=("cs.LG",))
        fetched = fetch_arxiv("2101.00001", fake_arxiv.settings)
        fake_arxiv.fail("429", times=2, retry_after=0)
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape, quoteattr

import pytest

API_MODES = {"403", "404", "429", "500", "503", "malformed", "empty", "slow", "rate_exceeded"}
PDF_ONLY_MODES = {"oversized", "oversized_stream", "html", "truncated"}
MIB = 1024 * 1024


@dataclass
class FakePaper:
    arxiv_id: str
    title: str
    authors: tuple[str, ...]
    abstract: str
    categories: tuple[str, ...]  # primary first
    published: str  # YYYY-MM-DD
    versions: int = 1
    pdfs: dict[int, bytes] = field(default_factory=dict)  # version -> bytes, generated lazily


@dataclass
class Failure:
    mode: str
    target: str  # "api" | "pdf"
    times: int | None  # None: every request
    retry_after: float | None = None
    delay: float = 1.0
    size_mb: float = 2.0


@dataclass(frozen=True)
class RecordedRequest:
    path: str  # URL path, e.g. "/api/query" or "/pdf/2101.00001v1"
    query: dict[str, str]  # decoded query parameters (first value of each)
    time: float  # time.monotonic() when the request arrived
    kind: str  # "api" | "pdf" | "other"


# --- a tiny evaluator for arXiv search_query syntax ------------------------------------------

_TOKEN = re.compile(r'\(|\)|[A-Za-z]+:\[[^\]]*\]|[A-Za-z]+:"[^"]*"|[^\s()]+')


def _field_text(paper: FakePaper, fld: str) -> str:
    parts = {
        "ti": [paper.title],
        "abs": [paper.abstract],
        "au": list(paper.authors),
        "all": [paper.title, paper.abstract, *paper.authors],
    }.get(fld, [paper.title, paper.abstract])
    return " ".join(parts).lower()


def _term_matches(paper: FakePaper, token: str) -> bool:
    fld, sep, value = token.partition(":")
    if not sep:
        fld, value = "all", token
    value = value.strip('"')
    if fld == "cat":
        return value in paper.categories
    if fld in ("submittedDate", "lastUpdatedDate"):
        m = re.match(r"\[(\d{8})\d*\s+TO\s+(\d{8})\d*\]", value)
        day = paper.published.replace("-", "")
        return bool(m) and m.group(1) <= day <= m.group(2)
    return value.lower() in _field_text(paper, fld)


def _evaluate(paper: FakePaper, tokens: list[str]) -> bool:
    pos = 0

    def term() -> bool:
        nonlocal pos
        tok = tokens[pos]
        pos += 1
        if tok == "(":
            value = expr()
            pos += 1  # ")"
            return value
        return _term_matches(paper, tok)

    def expr() -> bool:
        nonlocal pos
        value = term()
        while pos < len(tokens) and tokens[pos] != ")":
            op = tokens[pos]
            if op in ("AND", "OR", "ANDNOT"):
                pos += 1
            else:
                op = "OR"  # juxtaposed words
            right = term()
            value = value and right if op == "AND" else value and not right if op == "ANDNOT" else value or right
        return value

    return expr() if tokens else True


# --- the server ----------------------------------------------------------------------------------


class FakeArxiv:
    """Registry of fake papers + the HTTP server that serves them."""

    def __init__(self, workdir: Path, base_settings: Any = None) -> None:
        self.workdir = Path(workdir)
        self.papers: dict[str, FakePaper] = {}
        self.failures: dict[str, Failure] = {}
        self.requests: list[RecordedRequest] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _make_handler(self))
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        self.settings = self.make_settings(base_settings) if base_settings is not None else None

    # registry -----------------------------------------------------------------------------
    def add_paper(
        self,
        arxiv_id: str,
        *,
        title: str = "Tiny Coders: Small Models for Code",
        authors: tuple[str, ...] = ("Ada Lovelace", "Alan Turing"),
        abstract: str = "We train TinyCoder, a family of small code models, and report pass@1 on HumanEval.",
        categories: tuple[str, ...] = ("cs.LG",),
        published: str = "2021-01-05",
        versions: int = 1,
        pdf: bytes | None = None,
    ) -> FakePaper:
        """Register a paper; its PDF is generated on first download unless ``pdf`` is given."""
        paper = FakePaper(arxiv_id, title, tuple(authors), abstract, tuple(categories), published, versions)
        if pdf is not None:
            paper.pdfs = {v: pdf for v in range(1, versions + 1)}
        self.papers[arxiv_id] = paper
        return paper

    def fail(
        self,
        mode: str,
        *,
        target: str | None = None,
        times: int | None = None,
        retry_after: float | None = None,
        delay: float = 1.0,
        size_mb: float = 2.0,
    ) -> None:
        """Switch on a failure for the API ("api") or PDF ("pdf") endpoint.

        Modes: "403", "404", "429", "500", "503", "rate_exceeded" (200 with "Rate exceeded."),
        "malformed" (broken XML), "empty" (feed with no entries), "slow" (wait ``delay`` s first), "oversized" (``size_mb`` MiB with
        Content-Length), "oversized_stream" (same without Content-Length), "html" (an HTML
        page instead of the PDF), "truncated" (the connection closes halfway through the PDF). ``times`` limits it to the next N requests; None means always.
        """
        if mode not in API_MODES | PDF_ONLY_MODES:
            raise ValueError(f"unknown failure mode {mode!r}")
        target = target or ("pdf" if mode in PDF_ONLY_MODES else "api")
        with self._lock:
            self.failures[target] = Failure(mode, target, times, retry_after, delay, size_mb)

    def clear_failures(self) -> None:
        with self._lock:
            self.failures.clear()

    def requests_of(self, kind: str) -> list[RecordedRequest]:
        """Recorded requests of one kind ("api" or "pdf")."""
        with self._lock:
            return [r for r in self.requests if r.kind == kind]

    def make_settings(self, base: Any, **overrides: Any) -> Any:
        """``base`` settings pointed at this server: no delay, no backoff, short timeouts."""
        values = {
            "arxiv_query_url": f"{self.url}/api/query?{{}}",
            "arxiv_pdf_url": f"{self.url}/pdf/{{id}}",
            "arxiv_delay_seconds": 0.0,
            "backoff_base": 0.0,
            "arxiv_retries": 2,
            "http_timeout": 2.0,
        }
        values.update(overrides)
        return base.model_copy(update=values)

    def close(self) -> None:
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=2)

    # internals -------------------------------------------------------------------------------
    def _take_failure(self, target: str) -> Failure | None:
        with self._lock:
            f = self.failures.get(target)
            if f is None:
                return None
            if f.times is not None:
                f.times -= 1
                if f.times <= 0:
                    del self.failures[target]
            return f

    def _record(self, req: RecordedRequest) -> None:
        with self._lock:
            self.requests.append(req)

    def pdf_bytes(self, paper: FakePaper, version: int) -> bytes:
        """The PDF of one version, generated with pdfgen on first use."""
        with self._lock:
            cached = paper.pdfs.get(version)
        if cached is not None:
            return cached
        from tests.helpers.pdfgen import make_paper_pdf, sample_spec

        spec = sample_spec(arxiv_stamp=f"{paper.arxiv_id}v{version}", title=paper.title)
        spec.authors = list(paper.authors)
        spec.abstract = paper.abstract
        out = self.workdir / f"{paper.arxiv_id.replace('/', '_')}v{version}.pdf"
        make_paper_pdf(out, spec)
        data = out.read_bytes()
        with self._lock:
            paper.pdfs[version] = data
        return data

    def feed(self, papers: list[tuple[FakePaper, int]], total: int, start: int) -> bytes:
        entries = "".join(self._entry(p, v) for p, v in papers)
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" '
            'xmlns:arxiv="http://arxiv.org/schemas/atom">\n'
            f"  <id>{escape(self.url)}/api/fake</id>\n  <title>arXiv Query</title>\n"
            "  <updated>2024-01-01T00:00:00Z</updated>\n"
            f"  <opensearch:totalResults>{total}</opensearch:totalResults>\n"
            f"  <opensearch:startIndex>{start}</opensearch:startIndex>\n"
            f"  <opensearch:itemsPerPage>{len(papers)}</opensearch:itemsPerPage>\n"
            f"{entries}</feed>\n"
        ).encode("utf-8")

    def _entry(self, p: FakePaper, version: int) -> str:
        vid = f"{p.arxiv_id}v{version}"
        stamp = f"{p.published}T00:00:00Z"
        cats = "".join(f'    <category term={quoteattr(c)} scheme="http://arxiv.org/schemas/atom"/>\n' for c in p.categories)
        authors = "".join(f"    <author>\n      <name>{escape(a)}</name>\n    </author>\n" for a in p.authors)
        return (
            "  <entry>\n"
            f"    <id>http://arxiv.org/abs/{vid}</id>\n"
            f"    <updated>{stamp}</updated>\n"
            f"    <published>{stamp}</published>\n"
            f"    <title>{escape(p.title)}</title>\n"
            f"    <summary>  {escape(p.abstract)}\n  </summary>\n"
            f"{authors}"
            f'    <link href="http://arxiv.org/abs/{vid}" rel="alternate" type="text/html"/>\n'
            f'    <link title="pdf" href="{self.url}/pdf/{vid}" rel="related" type="application/pdf"/>\n'
            f'    <arxiv:primary_category term={quoteattr(p.categories[0] if p.categories else "cs.LG")} '
            'scheme="http://arxiv.org/schemas/atom"/>\n'
            f"{cats}  </entry>\n"
        )

    def query(self, params: dict[str, str]) -> bytes:
        """Answer an API query the way arXiv does (id_list, search_query, paging, sorting)."""
        matches: list[tuple[FakePaper, int]] = []
        ids = [i for i in params.get("id_list", "").split(",") if i]
        if ids:
            for raw in ids:
                m = re.match(r"^(.*?)(?:v(\d+))?$", raw)
                paper = self.papers.get(m.group(1)) if m else None
                if paper is None:
                    continue
                version = int(m.group(2)) if m.group(2) else paper.versions
                if 1 <= version <= paper.versions:
                    matches.append((paper, version))
        else:
            matches = [(p, p.versions) for p in self.papers.values()]
        tokens = _TOKEN.findall(params.get("search_query", ""))
        matches = [(p, v) for p, v in matches if _evaluate(p, tokens)]
        if params.get("sortBy") in ("submittedDate", "lastUpdatedDate"):
            matches.sort(key=lambda pv: pv[0].published, reverse=params.get("sortOrder") != "ascending")
        start = int(params.get("start", "0") or 0)
        size = int(params.get("max_results", "10") or 10)
        return self.feed(matches[start : start + size], len(matches), start)


def _make_handler(fake: FakeArxiv) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"  # one request per connection; the body ends at close

        def log_message(self, *args: Any) -> None:  # keep pytest output clean
            pass

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            arrived = time.monotonic()
            parts = urlsplit(self.path)
            params = {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
            pdf = re.match(r"^/(?:pdf|mirror)/(.+?)(?:\.pdf)?$", parts.path)
            kind = "api" if parts.path == "/api/query" else "pdf" if pdf else "other"
            fake._record(RecordedRequest(parts.path, params, arrived, kind))
            try:
                self._answer(kind, params, pdf.group(1) if pdf else None)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (timeout, size cap): nothing to do

        def _send(self, status: int, body: bytes, ctype: str, headers: dict[str, str] | None = None,
                  length: bool = True) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            if length:
                self.send_header("Content-Length", str(len(body)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)

        def _answer(self, kind: str, params: dict[str, str], pdf_id: str | None) -> None:
            if kind == "other":
                return self._send(404, b"not found", "text/plain")
            failure = fake._take_failure(kind)
            if failure is not None:
                if failure.mode == "slow":
                    if fake._stopping.wait(failure.delay):
                        return
                elif self._fail(failure):
                    return
            if kind == "api":
                return self._send(200, fake.query(params), "application/atom+xml; charset=utf-8")
            m = re.match(r"^(.*?)(?:v(\d+))?$", pdf_id or "")
            paper = fake.papers.get(m.group(1)) if m else None
            version = (int(m.group(2)) if m.group(2) else paper.versions) if (m and paper) else 0
            if paper is None or not 1 <= version <= paper.versions:
                return self._send(404, b"<html>No such paper</html>", "text/html")
            self._send(200, fake.pdf_bytes(paper, version), "application/pdf")

        def _fail(self, f: Failure) -> bool:
            """Answer with the failure; False when the mode does not apply (e.g. "empty" on a PDF)."""
            headers = {"Retry-After": f"{f.retry_after:g}"} if f.retry_after is not None else {}
            if f.mode in ("403", "404", "429", "500", "503"):
                self._send(int(f.mode), f"fake failure {f.mode}".encode(), "text/plain", headers)
            elif f.mode == "malformed":
                body = b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><entry><title>oops</entry>"
                self._send(200, body, "application/atom+xml")
            elif f.mode == "rate_exceeded":  # arXiv's throttling answer: 200 with a bare text body
                self._send(200, b"Rate exceeded.", "text/plain")
            elif f.mode == "empty":
                self._send(200, fake.feed([], 0, 0), "application/atom+xml")
            elif f.mode == "html":
                self._send(200, b"<!DOCTYPE html><html><body>Please verify you are human</body></html>", "text/html")
            elif f.mode in ("oversized", "oversized_stream"):
                size = int(f.size_mb * MIB)
                self.send_response(200)
                self.send_header("Content-Type", "application/pdf")
                if f.mode == "oversized":
                    self.send_header("Content-Length", str(size))
                self.end_headers()
                block = b"%PDF-1.7\n" + b"0" * (64 * 1024 - 9)
                sent = 0
                while sent < size:
                    self.wfile.write(block)
                    sent += len(block)
            elif f.mode == "truncated":
                self.send_response(200)
                self.send_header("Content-Type", "application/pdf")
                self.send_header("Content-Length", str(100_000))
                self.end_headers()
                self.wfile.write(b"%PDF-1.7\n" + b"0" * 40_000)
            else:
                return False
            return True

    return Handler


@pytest.fixture
def fake_arxiv(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[FakeArxiv]:
    """A running fake arXiv; ``.settings`` points litcheck at it (no delay, no backoff)."""
    from synth.sources.http import ARXIV_LIMITER

    fake = FakeArxiv(tmp_path_factory.mktemp("fake-arxiv"), base_settings=settings)
    ARXIV_LIMITER.reset()
    try:
        yield fake
    finally:
        fake.close()
        ARXIV_LIMITER.reset()
