"""arXiv search and fetch against the fake arXiv on 127.0.0.1: happy paths, cache, etiquette, errors."""

from __future__ import annotations

import hashlib
import socket
import time
from datetime import date
from pathlib import Path

import pytest

from synth.errors import FetchError, InputError, OfflineError
from synth.sources import ArxivEntry, fetch_arxiv, lookup_arxiv, search_arxiv
from synth.sources.arxiv_api import _check_atom
from tests.helpers.fake_arxiv import FakeArxiv, fake_arxiv  # noqa: F401

pytestmark = pytest.mark.network


def _cache_files(settings) -> list[str]:  # noqa: ANN001
    root = settings.pdf_cache_dir
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def _gaps(times: list[float]) -> list[float]:
    return [b - a for a, b in zip(times, times[1:])]


def _closed_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


# --- search ----------------------------------------------------------------------------------


def test_search_sends_category_and_date_filters(fake_arxiv: FakeArxiv) -> None:
    fake_arxiv.add_paper("2101.00001", title="Tiny Coders", categories=("cs.CL",), published="2021-01-05")
    fake_arxiv.add_paper("2102.00002", title="Tiny Coders Again", categories=("cs.LG",), published="2021-02-05")
    fake_arxiv.add_paper("2203.00003", title="Tiny Coders Later", categories=("cs.CL", "cs.SE"), published="2022-03-05")
    fake_arxiv.add_paper("2104.00004", title="Unrelated Physics", categories=("cs.CL",), published="2021-04-05")

    got = search_arxiv("tiny coders", fake_arxiv.settings, categories=["cs.CL"],
                       date_from=date(2021, 1, 1), date_to=date(2021, 12, 31), sort="submitted")

    assert [e.arxiv_id for e in got] == ["2101.00001"]
    (req,) = fake_arxiv.requests_of("api")
    assert req.query["search_query"] == (
        "(all:tiny AND all:coders) AND cat:cs.CL AND submittedDate:[202101010000 TO 202112312359]"
    )
    assert req.query["sortBy"] == "submittedDate"
    assert req.query["sortOrder"] == "descending"


def test_search_returns_typed_entries(fake_arxiv: FakeArxiv) -> None:
    fake_arxiv.add_paper("2101.00001", title="Tiny   Coders:\n Small Models", authors=("Ada Lovelace", "Alan Turing"),
                         abstract="We train\n  TinyCoder.", categories=("cs.SE", "cs.LG"), versions=3)
    (entry,) = search_arxiv("tiny", fake_arxiv.settings)
    assert entry == ArxivEntry(
        arxiv_id="2101.00001",
        version="v3",
        title="Tiny Coders: Small Models",
        authors=("Ada Lovelace", "Alan Turing"),
        abstract="We train TinyCoder.",
        published="2021-01-05",
        categories=("cs.SE", "cs.LG"),
        pdf_url=f"{fake_arxiv.url}/pdf/2101.00001v3",
    )
    assert entry.versioned_id == "2101.00001v3"


def test_search_pages_through_results(fake_arxiv: FakeArxiv) -> None:
    for i in range(1, 6):
        fake_arxiv.add_paper(f"2101.0000{i}", title=f"Paper {i} on lora")
    settings = fake_arxiv.make_settings(fake_arxiv.settings, arxiv_page_size=2)
    got = search_arxiv("lora", settings, max_results=4)
    assert [e.arxiv_id for e in got] == [f"2101.0000{i}" for i in range(1, 5)]
    starts = [r.query["start"] for r in fake_arxiv.requests_of("api")]
    assert starts == ["0", "2"]


def test_search_phrases_and_words_must_all_match(fake_arxiv: FakeArxiv) -> None:
    fake_arxiv.add_paper("2101.00001", title="Tiny Coders: Small Models for Code")
    fake_arxiv.add_paper("2101.00002", title="Small Coders for Tiny Models")
    got = search_arxiv('"small models" coders', fake_arxiv.settings)
    assert [e.arxiv_id for e in got] == ["2101.00001"]
    assert fake_arxiv.requests[0].query["search_query"] == 'all:"small models" AND all:coders'


def test_search_with_no_match_is_empty(fake_arxiv: FakeArxiv) -> None:
    fake_arxiv.add_paper("2101.00001", title="Tiny Coders")
    assert search_arxiv("quantum gravity", fake_arxiv.settings) == []


@pytest.mark.parametrize("kwargs", [{"max_results": 0}, {"sort": "popularity"}, {"categories": ["cs CL"]}])
def test_search_rejects_bad_arguments_before_any_request(fake_arxiv: FakeArxiv, kwargs: dict) -> None:
    with pytest.raises(InputError):
        search_arxiv("lora", fake_arxiv.settings, **kwargs)
    assert fake_arxiv.requests == []


# --- fetch -------------------------------------------------------------------------------------


def test_fetch_latest_version(fake_arxiv: FakeArxiv) -> None:
    fake_arxiv.add_paper("2101.00001", title="Tiny Coders", versions=2)
    got = fetch_arxiv("2101.00001", fake_arxiv.settings)
    data = Path(got.path).read_bytes()
    assert data.startswith(b"%PDF-")
    assert got.sha256 == hashlib.sha256(data).hexdigest()
    assert (got.source, got.source_ref, got.arxiv_id, got.arxiv_version) == ("arxiv", "2101.00001", "2101.00001", "v2")
    assert got.title == "Tiny Coders" and got.authors == ("Ada Lovelace", "Alan Turing")
    assert Path(got.path).parent == fake_arxiv.settings.pdf_cache_dir / "arxiv"
    assert [r.path for r in fake_arxiv.requests] == ["/api/query", "/pdf/2101.00001v2"]
    assert fake_arxiv.requests[0].query["id_list"] == "2101.00001"


def test_fetch_explicit_version_and_url_forms(fake_arxiv: FakeArxiv) -> None:
    fake_arxiv.add_paper("2101.00001", versions=3)
    got = fetch_arxiv("https://arxiv.org/abs/2101.00001v1", fake_arxiv.settings)
    assert got.arxiv_version == "v1"
    assert got.source_ref == "https://arxiv.org/abs/2101.00001v1"
    assert fake_arxiv.requests[0].query["id_list"] == "2101.00001v1"
    assert fake_arxiv.requests[1].path == "/pdf/2101.00001v1"
    other = fetch_arxiv("arXiv:2101.00001v2", fake_arxiv.settings)
    assert other.arxiv_version == "v2" and other.sha256 != got.sha256


def test_fetch_old_style_id(fake_arxiv: FakeArxiv) -> None:
    fake_arxiv.add_paper("cs/0112017", title="Old Paper", published="2001-12-10")
    got = fetch_arxiv("cs/0112017", fake_arxiv.settings)
    assert got.arxiv_id == "cs/0112017" and got.arxiv_version == "v1"
    assert Path(got.path).name == "cs_0112017v1.pdf"


def test_second_fetch_is_served_from_cache_without_requests(fake_arxiv: FakeArxiv) -> None:
    fake_arxiv.add_paper("2101.00001", versions=2)
    first = fetch_arxiv("2101.00001", fake_arxiv.settings)
    n = len(fake_arxiv.requests)
    fake_arxiv.fail("503")  # any request from now on would fail
    again = fetch_arxiv("2101.00001", fake_arxiv.settings)
    versioned = fetch_arxiv("2101.00001v2", fake_arxiv.settings)
    assert len(fake_arxiv.requests) == n
    assert again.path == versioned.path == first.path
    assert again.sha256 == first.sha256 and again.title == first.title and again.arxiv_version == "v2"
    assert versioned.source_ref == "2101.00001v2"


def test_versionless_fetch_reuses_a_cached_version(fake_arxiv: FakeArxiv) -> None:
    fake_arxiv.add_paper("2101.00001", versions=2)
    fetch_arxiv("2101.00001v2", fake_arxiv.settings)
    fetch_arxiv("2101.00001", fake_arxiv.settings)
    # The metadata lookup is needed to learn the latest version, but the PDF is not downloaded twice.
    assert [r.kind for r in fake_arxiv.requests] == ["api", "pdf", "api"]


def test_cache_with_missing_pdf_is_a_miss(fake_arxiv: FakeArxiv) -> None:
    fake_arxiv.add_paper("2101.00001")
    got = fetch_arxiv("2101.00001", fake_arxiv.settings)
    Path(got.path).unlink()
    again = fetch_arxiv("2101.00001", fake_arxiv.settings)
    assert Path(again.path).is_file() and again.sha256 == got.sha256
    assert len(fake_arxiv.requests_of("pdf")) == 2


def test_configured_pdf_url_wins_over_feed_link(fake_arxiv: FakeArxiv) -> None:
    fake_arxiv.add_paper("2101.00001")
    settings = fake_arxiv.make_settings(fake_arxiv.settings, arxiv_pdf_url=f"{fake_arxiv.url}/mirror/{{id}}.pdf")
    fetch_arxiv("2101.00001", settings)
    assert fake_arxiv.requests_of("pdf")[0].path == "/mirror/2101.00001v1.pdf"


def test_not_an_arxiv_id(fake_arxiv: FakeArxiv) -> None:
    with pytest.raises(InputError, match="not an arXiv id"):
        fetch_arxiv("lora paper", fake_arxiv.settings)


# --- etiquette -----------------------------------------------------------------------------


def test_rate_limiter_spaces_api_and_pdf_requests(fake_arxiv: FakeArxiv) -> None:
    fake_arxiv.add_paper("2101.00001")
    fake_arxiv.add_paper("2101.00002")
    settings = fake_arxiv.make_settings(fake_arxiv.settings, arxiv_delay_seconds=0.2)
    search_arxiv("tiny", settings)
    fetch_arxiv("2101.00001", settings)
    times = [r.time for r in fake_arxiv.requests]
    assert [r.kind for r in fake_arxiv.requests] == ["api", "api", "pdf"]
    assert min(_gaps(times)) >= 0.19


def test_no_delay_means_no_spacing(fake_arxiv: FakeArxiv) -> None:
    fake_arxiv.add_paper("2101.00001")
    start = time.monotonic()
    for _ in range(3):
        search_arxiv("tiny", fake_arxiv.settings)
    assert time.monotonic() - start < 1.0


def test_retries_on_429_then_succeeds(fake_arxiv: FakeArxiv) -> None:
    fake_arxiv.add_paper("2101.00001")
    fake_arxiv.fail("429", times=2, retry_after=0)
    got = search_arxiv("tiny", fake_arxiv.settings)
    assert [e.arxiv_id for e in got] == ["2101.00001"]
    assert len(fake_arxiv.requests_of("api")) == 3


def test_retry_after_is_honoured(fake_arxiv: FakeArxiv) -> None:
    fake_arxiv.add_paper("2101.00001")
    fake_arxiv.fail("429", times=1, retry_after=0.3)
    search_arxiv("tiny", fake_arxiv.settings)
    (gap,) = _gaps([r.time for r in fake_arxiv.requests])
    assert gap >= 0.28


def test_backoff_doubles(fake_arxiv: FakeArxiv) -> None:
    fake_arxiv.add_paper("2101.00001")
    fake_arxiv.fail("503", times=2)
    settings = fake_arxiv.make_settings(fake_arxiv.settings, backoff_base=0.1)
    search_arxiv("tiny", settings)
    gaps = _gaps([r.time for r in fake_arxiv.requests])
    assert len(gaps) == 2
    assert gaps[0] >= 0.09 and gaps[1] >= 0.19


def test_503_always_gives_fetch_error_after_retries(fake_arxiv: FakeArxiv) -> None:
    fake_arxiv.add_paper("2101.00001")
    fake_arxiv.fail("503")
    with pytest.raises(FetchError, match=r"HTTP 503 for arXiv 2101.00001 after 2 retries.*try again later"):
        fetch_arxiv("2101.00001", fake_arxiv.settings)
    assert len(fake_arxiv.requests) == 3  # one try + arxiv_retries


def test_429_forever_names_the_fix(fake_arxiv: FakeArxiv) -> None:
    fake_arxiv.fail("429", retry_after=0)
    with pytest.raises(FetchError, match="rate-limiting.*raise arxiv_delay_seconds"):
        search_arxiv("tiny", fake_arxiv.settings)


def test_huge_retry_after_fails_instead_of_hanging(fake_arxiv: FakeArxiv) -> None:
    fake_arxiv.fail("429", retry_after=3600)
    start = time.monotonic()
    with pytest.raises(FetchError, match="wait 3600 s"):
        search_arxiv("tiny", fake_arxiv.settings)
    assert time.monotonic() - start < 1.0


# --- errors --------------------------------------------------------------------------------


def test_404_names_the_paper_without_retrying(fake_arxiv: FakeArxiv) -> None:
    fake_arxiv.fail("404")
    with pytest.raises(FetchError, match="arXiv has no paper 2101.99999"):
        fetch_arxiv("2101.99999", fake_arxiv.settings)
    assert len(fake_arxiv.requests) == 1


def test_empty_feed_for_an_id(fake_arxiv: FakeArxiv) -> None:
    fake_arxiv.add_paper("2101.00001")
    with pytest.raises(FetchError, match=r"arXiv has no paper 2101.99999 \(empty feed\)"):
        fetch_arxiv("2101.99999", fake_arxiv.settings)
    assert len(fake_arxiv.requests) == 2  # one second try: arXiv sometimes answers valid ids with nothing
    fake_arxiv.fail("empty")
    with pytest.raises(FetchError, match="no paper 2101.00001"):
        lookup_arxiv("2101.00001", None, fake_arxiv.settings)


def test_one_spurious_empty_feed_is_retried(fake_arxiv: FakeArxiv) -> None:
    fake_arxiv.add_paper("2101.00001")
    fake_arxiv.fail("empty", times=1)
    assert fetch_arxiv("2101.00001", fake_arxiv.settings).arxiv_id == "2101.00001"
    assert [r.kind for r in fake_arxiv.requests] == ["api", "api", "pdf"]


def test_rate_exceeded_body_is_treated_as_429(fake_arxiv: FakeArxiv) -> None:
    fake_arxiv.add_paper("2101.00001")
    fake_arxiv.fail("rate_exceeded", times=1)
    assert [e.arxiv_id for e in search_arxiv("tiny", fake_arxiv.settings)] == ["2101.00001"]
    fake_arxiv.fail("rate_exceeded")
    with pytest.raises(FetchError, match="rate-limiting"):
        search_arxiv("tiny", fake_arxiv.settings)


def test_403_suggests_slowing_down(fake_arxiv: FakeArxiv) -> None:
    fake_arxiv.fail("403")
    with pytest.raises(FetchError, match="HTTP 403.*raise arxiv_delay_seconds"):
        search_arxiv("tiny", fake_arxiv.settings)
    assert len(fake_arxiv.requests) == 1


def test_malformed_feed(fake_arxiv: FakeArxiv) -> None:
    fake_arxiv.add_paper("2101.00001")
    fake_arxiv.fail("malformed")
    with pytest.raises(FetchError, match="malformed feed"):
        fetch_arxiv("2101.00001", fake_arxiv.settings)
    with pytest.raises(FetchError, match="malformed feed"):
        search_arxiv("tiny", fake_arxiv.settings)
    assert _cache_files(fake_arxiv.settings) == []


def test_arxiv_error_entry_becomes_fetch_error() -> None:
    feed = (
        b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry>'
        b"<id>http://arxiv.org/api/errors#incorrect_id_format_for_1234</id><title>Error</title>"
        b"<summary>incorrect id format for 1234</summary></entry></feed>"
    )
    with pytest.raises(FetchError, match="incorrect id format for 1234"):
        _check_atom(feed, "arXiv 1234", "export.arxiv.org")
    with pytest.raises(FetchError, match="instead of an Atom feed"):
        _check_atom(b"<html><body>hi</body></html>", "arXiv 1234", "export.arxiv.org")


def test_timeout(fake_arxiv: FakeArxiv) -> None:
    fake_arxiv.add_paper("2101.00001")
    fake_arxiv.fail("slow", delay=2.0)
    settings = fake_arxiv.make_settings(fake_arxiv.settings, http_timeout=0.2, arxiv_retries=1)
    start = time.monotonic()
    with pytest.raises(FetchError, match=r"did not answer within 0.2 s.*raise http_timeout"):
        fetch_arxiv("2101.00001", settings)
    assert time.monotonic() - start < 1.5
    assert len(fake_arxiv.requests) == 2


def test_slow_but_in_time_succeeds(fake_arxiv: FakeArxiv) -> None:
    fake_arxiv.add_paper("2101.00001")
    fake_arxiv.fail("slow", delay=0.1, times=1)
    assert fetch_arxiv("2101.00001", fake_arxiv.settings).arxiv_version == "v1"


@pytest.mark.parametrize(
    "mode, message",
    [
        ("oversized", r"is 2.0 MiB, over the 0.5 MiB cap; raise max_pdf_mb"),
        ("oversized_stream", r"is at least 0.\d MiB, over the 0.5 MiB cap; raise max_pdf_mb"),
        ("html", r"is not a PDF \(got text/html"),
        ("truncated", r"was interrupted"),
    ],
)
def test_bad_pdf_downloads_leave_nothing_in_cache(fake_arxiv: FakeArxiv, mode: str, message: str) -> None:
    fake_arxiv.add_paper("2101.00001")
    fake_arxiv.fail(mode, size_mb=2.0)
    settings = fake_arxiv.make_settings(fake_arxiv.settings, max_pdf_mb=0.5)
    with pytest.raises(FetchError, match=message) as info:
        fetch_arxiv("2101.00001", settings)
    assert "2101.00001v1" in str(info.value)
    assert "\n" not in str(info.value)
    assert _cache_files(settings) == []
    # The next try (server healthy again) works and is not confused by the failed one.
    fake_arxiv.clear_failures()
    assert Path(fetch_arxiv("2101.00001", settings).path).read_bytes().startswith(b"%PDF-")


def test_missing_pdf_version(fake_arxiv: FakeArxiv) -> None:
    fake_arxiv.add_paper("2101.00001")
    fake_arxiv.fail("404", target="pdf")
    with pytest.raises(FetchError, match="arXiv has no PDF for 2101.00001v1"):
        fetch_arxiv("2101.00001", fake_arxiv.settings)
    assert _cache_files(fake_arxiv.settings) == []


def test_connection_refused_is_offline_error(settings) -> None:  # noqa: ANN001
    port = _closed_port()
    dead = settings.model_copy(update={
        "arxiv_query_url": f"http://127.0.0.1:{port}/api/query?{{}}",
        "arxiv_pdf_url": f"http://127.0.0.1:{port}/pdf/{{id}}",
        "arxiv_delay_seconds": 0.0, "backoff_base": 0.0, "http_timeout": 1.0,
    })
    with pytest.raises(OfflineError, match=f"cannot reach 127.0.0.1:{port}: offline\\? point --source at local PDFs"):
        fetch_arxiv("2101.00001", dead)
    with pytest.raises(OfflineError):
        search_arxiv("lora", dead)


def test_leftovers_of_a_killed_download_are_ignored_and_cleaned(fake_arxiv: FakeArxiv) -> None:
    import os

    fake_arxiv.add_paper("2101.00001")
    cache_dir = fake_arxiv.settings.pdf_cache_dir / "arxiv"
    cache_dir.mkdir(parents=True, exist_ok=True)
    stale = cache_dir / ".2101.00001v1.pdf.abc123.part"
    stale.write_bytes(b"%PDF-1.7 half a file")
    os.utime(stale, (time.time() - 7200, time.time() - 7200))
    fresh = cache_dir / ".2101.00001v1.pdf.live99.part"  # maybe another process downloading right now
    fresh.write_bytes(b"%PDF-")
    got = fetch_arxiv("2101.00001", fake_arxiv.settings)
    assert len(fake_arxiv.requests_of("pdf")) == 1  # a .part file is never mistaken for a cached PDF
    assert Path(got.path).stat().st_size > 1000
    assert not stale.exists() and fresh.exists()
