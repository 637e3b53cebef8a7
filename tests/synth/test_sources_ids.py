"""arXiv reference parsing and search-query building (no network)."""

from __future__ import annotations

from datetime import date

import pytest

from synth.errors import InputError
from synth.sources import build_query, parse_arxiv_ref
from synth.sources.ids import is_http_url


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2106.09685", ("2106.09685", None)),
        ("2106.09685v2", ("2106.09685", "v2")),
        ("  2106.09685V3 ", ("2106.09685", "v3")),
        ("arXiv:2106.09685", ("2106.09685", None)),
        ("arxiv:2106.09685v1", ("2106.09685", "v1")),
        ("https://arxiv.org/abs/2106.09685v2", ("2106.09685", "v2")),
        ("http://arxiv.org/abs/2106.09685", ("2106.09685", None)),
        ("https://arxiv.org/pdf/2106.09685v2", ("2106.09685", "v2")),
        ("https://arxiv.org/pdf/2106.09685v2.pdf", ("2106.09685", "v2")),
        ("https://export.arxiv.org/abs/2106.09685/", ("2106.09685", None)),
        ("0704.0001", ("0704.0001", None)),
        ("cs/0112017", ("cs/0112017", None)),
        ("hep-th/9901001v3", ("hep-th/9901001", "v3")),
        ("math.GT/0309136", ("math.GT/0309136", None)),
        ("arXiv:cs/0112017v1", ("cs/0112017", "v1")),
        ("https://arxiv.org/abs/cs/0112017v2", ("cs/0112017", "v2")),
    ],
)
def test_parse_arxiv_ref_accepts(text: str, expected: tuple[str, str | None]) -> None:
    assert parse_arxiv_ref(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "lora",
        "2106.09685v",
        "2113.00001",  # month 13
        "12345.6789",
        "2106.096851",
        "https://example.com/abs/2106.09685",
        "https://arxiv.org/list/cs.CL/recent",
        "paper.pdf",
        "cs/01120",
    ],
)
def test_parse_arxiv_ref_rejects(text: str) -> None:
    assert parse_arxiv_ref(text) is None


def test_is_http_url() -> None:
    assert is_http_url("https://example.com/a.pdf")
    assert is_http_url("http://127.0.0.1:8000/x")
    assert not is_http_url("ftp://example.com/a.pdf")
    assert not is_http_url("example.com/a.pdf")


def test_build_query_free_text_categories_and_dates() -> None:
    q = build_query("low-rank adaptation of models", ["cs.CL", "cs.LG"], date(2021, 1, 1), date(2021, 12, 31))
    assert q == (
        "(all:low-rank AND all:adaptation AND all:models) AND (cat:cs.CL OR cat:cs.LG) "
        "AND submittedDate:[202101010000 TO 202112312359]"
    )


def test_build_query_quoted_phrases() -> None:
    assert build_query('"low-rank   adaptation" code generation') == 'all:"low-rank adaptation" AND all:code AND all:generation'
    assert build_query("the of") == "all:the AND all:of"


def test_build_query_passes_arxiv_syntax_through() -> None:
    assert build_query("ti:lora AND au:hu") == "ti:lora AND au:hu"
    assert build_query("ti:lora AND au:hu", ["cs.CL"]) == "(ti:lora AND au:hu) AND cat:cs.CL"


def test_build_query_filters_alone() -> None:
    assert build_query("", ["hep-th"]) == "cat:hep-th"
    assert build_query("", "cs.CL") == "cat:cs.CL"
    assert build_query("", (), date(2020, 5, 1), date(2020, 5, 2)) == "submittedDate:[202005010000 TO 202005022359]"
    open_start = build_query("", (), None, date(2020, 5, 2))
    assert open_start.startswith("submittedDate:[199101010000 TO 20200502")


@pytest.mark.parametrize(
    "args, fragment",
    [
        (("", (), None, None), "empty"),
        (("x", ["cs.CL) OR (cat:x"], None, None), "not an arXiv category"),
        (("x", (), date(2022, 1, 2), date(2022, 1, 1)), "swap"),
    ],
)
def test_build_query_rejects_bad_input(args: tuple, fragment: str) -> None:
    with pytest.raises(InputError, match=fragment.replace("(", r"\(").replace(")", r"\)")):
        build_query(*args)


def test_import_is_light() -> None:
    """Importing synth.sources must not pull in requests, lxml or arxiv (CLI start-up stays fast)."""
    import subprocess
    import sys

    code = "import sys, synth.sources; print(sorted(m for m in ('requests', 'lxml', 'arxiv') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
