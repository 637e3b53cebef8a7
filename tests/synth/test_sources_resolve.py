"""Local PDFs, plain URL downloads and mixed input batches (fake arXiv on 127.0.0.1)."""

from __future__ import annotations

import hashlib
import socket
from pathlib import Path

import pytest

from synth.errors import FetchError, InputError
from synth.sources import SourceFailure, download_url, local_pdfs, resolve_inputs
from synth.types import FetchedPDF
from tests.helpers.fake_arxiv import FakeArxiv, fake_arxiv  # noqa: F401

PDF = b"%PDF-1.4\n% tiny test file\n%%EOF\n"


def _write(path: Path, data: bytes = PDF) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    _write(root / "b.pdf", PDF + b"b")
    _write(root / "a.PDF", PDF + b"a")
    _write(root / "sub" / "c.pdf", PDF + b"c")
    _write(root / "notes.txt", b"not a pdf")
    _write(root / "sub" / "d.pdf.bak", PDF)
    return root


# --- local_pdfs ------------------------------------------------------------------------------


def test_local_pdfs_walks_directories_sorted_and_case_insensitive(corpus: Path) -> None:
    got = local_pdfs([corpus])
    assert [Path(f.path).relative_to(corpus.resolve()).as_posix() for f in got] == ["a.PDF", "b.pdf", "sub/c.pdf"]
    assert all(f.source == "local" for f in got)
    assert got[0].sha256 == hashlib.sha256(PDF + b"a").hexdigest()


def test_local_pdfs_files_and_dirs_without_duplicates(corpus: Path) -> None:
    got = local_pdfs([corpus / "sub" / "c.pdf", str(corpus)])
    names = [Path(f.path).name for f in got]
    assert names == ["c.pdf", "a.PDF", "b.pdf"]
    assert got[0].source_ref == str(corpus / "sub" / "c.pdf")


def test_local_pdfs_missing_path(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        local_pdfs([tmp_path / "nope.pdf"])


# --- download_url --------------------------------------------------------------------------------


def test_download_url_caches_by_url(fake_arxiv: FakeArxiv) -> None:
    fake_arxiv.add_paper("2101.00001")
    url = f"{fake_arxiv.url}/pdf/2101.00001v1.pdf"
    got = download_url(url, fake_arxiv.settings)
    assert (got.source, got.source_ref, got.arxiv_id) == ("url", url, None)
    data = Path(got.path).read_bytes()
    assert data.startswith(b"%PDF-") and got.sha256 == hashlib.sha256(data).hexdigest()
    assert Path(got.path).parent == fake_arxiv.settings.pdf_cache_dir / "url"
    again = download_url(url, fake_arxiv.settings)
    assert again == got
    assert len(fake_arxiv.requests) == 1


@pytest.mark.parametrize(
    "path, fail, message",
    [
        ("/pdf/2101.00001", "html", "is not a PDF"),
        ("/pdf/2199.00001", None, r"does not exist \(HTTP 404\)"),
        ("/elsewhere/paper.pdf", None, "HTTP 404"),
    ],
)
def test_download_url_errors(fake_arxiv: FakeArxiv, path: str, fail: str | None, message: str) -> None:
    fake_arxiv.add_paper("2101.00001")
    if fail:
        fake_arxiv.fail(fail)
    with pytest.raises(FetchError, match=message):
        download_url(f"{fake_arxiv.url}{path}", fake_arxiv.settings)
    assert not any(fake_arxiv.settings.pdf_cache_dir.rglob("*.pdf"))


def test_download_url_rejects_non_http(settings) -> None:  # noqa: ANN001
    with pytest.raises(InputError, match="not an http"):
        download_url("ftp://example.com/a.pdf", settings)


# --- resolve_inputs --------------------------------------------------------------------------------


def test_resolve_inputs_mixed_batch_survives_failures(fake_arxiv: FakeArxiv, corpus: Path) -> None:
    fake_arxiv.add_paper("2101.00001")
    fake_arxiv.add_paper("2101.00002", title="Second")
    single = _write(corpus.parent / "single.pdf", PDF + b"single")
    url = f"{fake_arxiv.url}/pdf/2101.00002v1"
    inputs = [
        str(single),
        "2101.99999",  # unknown to the fake: empty feed
        str(corpus),
        "no such thing",
        "arXiv:2101.00001",
        url,
        str(corpus / "missing.pdf"),
    ]
    got = list(resolve_inputs(inputs, fake_arxiv.settings))

    kinds = [g.source if isinstance(g, FetchedPDF) else "FAIL" for g in got]
    assert kinds == ["local", "FAIL", "local", "local", "local", "FAIL", "arxiv", "url", "FAIL"]
    failures = [g for g in got if isinstance(g, SourceFailure)]
    assert [f.source_ref for f in failures] == ["2101.99999", "no such thing", str(corpus / "missing.pdf")]
    assert "arXiv has no paper 2101.99999" in failures[0].error
    assert failures[1].error == "'no such thing' is not a file, a directory, a URL or an arXiv id"
    assert failures[2].error.endswith("is not a file, a directory, a URL or an arXiv id (no such path)")
    arxiv_pdf = got[6]
    assert arxiv_pdf.arxiv_id == "2101.00001" and arxiv_pdf.source_ref == "arXiv:2101.00001"
    assert got[7].source_ref == url


def test_resolve_inputs_reports_empty_directory(tmp_path: Path, settings) -> None:  # noqa: ANN001
    (tmp_path / "empty").mkdir()
    (got,) = list(resolve_inputs([str(tmp_path / "empty")], settings))
    assert isinstance(got, SourceFailure) and "holds no PDF files" in got.error


def test_resolve_inputs_offline_arxiv_does_not_stop_local_files(corpus: Path, settings) -> None:  # noqa: ANN001
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    dead = settings.model_copy(update={"arxiv_query_url": f"http://127.0.0.1:{port}/api/query?{{}}"})
    got = list(resolve_inputs(["2101.00001", str(corpus / "b.pdf")], dead))
    assert isinstance(got[0], SourceFailure) and "offline?" in got[0].error
    assert isinstance(got[1], FetchedPDF) and got[1].source == "local"


def test_resolve_inputs_is_lazy(fake_arxiv: FakeArxiv, corpus: Path) -> None:
    fake_arxiv.add_paper("2101.00001")
    it = resolve_inputs([str(corpus / "a.PDF"), "2101.00001"], fake_arxiv.settings)
    first = next(it)
    assert first.source == "local" and fake_arxiv.requests == []
    assert next(it).source == "arxiv"
