"""Render a report's HTML in a real headless Chromium and inspect the page it builds."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (apt-get install -y chromium)")
def test_report_page_renders_in_headless_chromium(built, tmp_path: Path) -> None:  # noqa: ANN001
    _, _, data, paths, _ = built
    cmd = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
        f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=2000", "--dump-dom",
        Path(paths["html"]).as_uri(),
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=90)
    dom = proc.stdout
    assert proc.returncode == 0 and "<html" in dom, proc.stderr[-2000:]
    from html.parser import HTMLParser

    class Inspect(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.ids: set[str] = set()
            self.claim_rows = 0
            self.rects = 0
            self.scripts = 0
            self.stack: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            a = dict(attrs)
            if a.get("id"):
                self.ids.add(a["id"])
            if tag == "tr" and "claim-row" in (a.get("class") or ""):
                self.claim_rows += 1
            if tag == "rect" and "bar" in (a.get("class") or ""):
                self.rects += 1
            if tag == "script":
                self.scripts += 1

    page = Inspect()
    page.feed(dom)
    assert {"question", "claims", "chart-verdicts", "chart-relevance", "score-components", "references"} <= page.ids
    assert page.claim_rows == len(data["claims"]) > 0
    assert page.rects == 3  # one bar per verdict in the claims-by-verdict chart
    assert page.scripts == 0  # the hostile <script> title stayed text
    assert "LoRA &lt;script&gt;alert(1)&lt;/script&gt;" in dom
