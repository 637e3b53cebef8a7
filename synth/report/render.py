"""Render report/digest data (the JSON form) with the jinja2 templates in settings.templates_dir.

HTML templates are autoescaped (everything from papers is hostile text); Markdown templates
use the ``md`` filter, which neutralises HTML and Markdown syntax in paper text.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Iterable

from synth.errors import ConfigError

FORMATS = ("md", "html", "json")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<|#])")
_ENTITY = re.compile(r"&(?=#?\w+;)")


def md_escape(value: Any) -> str:
    """Paper text made inert in Markdown: no HTML tags, links, emphasis or table breaks.

    Only what Markdown would act on is escaped, so the raw file stays readable: '<' (tags,
    autolinks) and '&' before an entity name; '>' and a lone '&' are literal mid-line, and
    every value is rendered mid-line.
    """
    text = " ".join(str(value if value is not None else "").split())
    text = _ENTITY.sub("&amp;", text)
    return _MD_SPECIAL.sub(lambda m: "&lt;" if m.group(1) == "<" else "\\" + m.group(1), text)


def parse_formats(spec: str | Iterable[str]) -> list[str]:
    """"md,html" -> ["md", "html"], with a clear error for unknown names."""
    items = spec.split(",") if isinstance(spec, str) else list(spec)
    out = [f.strip().lower() for f in items if f.strip()]
    bad = [f for f in out if f not in FORMATS]
    if bad or not out:
        raise ConfigError(f"unknown format(s) {', '.join(bad) or '(none)'}: use a comma list of {', '.join(FORMATS)}")
    return list(dict.fromkeys(out))


def environment(templates_dir: Path):  # noqa: ANN201 - jinja2.Environment
    import jinja2

    if not Path(templates_dir).is_dir():
        raise ConfigError(f"templates directory {templates_dir} is missing; set templates_dir to the repo's templates/")
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        autoescape=lambda name: bool(name) and name.endswith((".html.j2", ".html")),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_escape
    env.filters["pct"] = lambda v: "n/a" if v is None else f"{100 * float(v):.0f}%"
    env.filters["num"] = lambda v, d=2: "n/a" if v is None else f"{float(v):.{d}f}"
    return env


def write_outputs(data: dict[str, Any], kind: str, out_dir: Path, formats: list[str], templates_dir: Path,
                  bibtex: str | None = None) -> dict[str, str]:
    """Write <kind>.md / .html / .json (and references.bib) into ``out_dir``; returns format -> path.

    Files are written to a temp name and renamed, so a killed run never leaves half a report.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    env = environment(templates_dir)
    written: dict[str, str] = {}
    for fmt in formats:
        if fmt == "json":
            text = json.dumps(data, ensure_ascii=False, indent=2)
        else:
            text = env.get_template(f"{kind}.{fmt}.j2").render(data=data)
        path = out_dir / f"{kind}.{fmt}"
        _atomic_write(path, text)
        written[fmt] = str(path)
    if bibtex is not None:
        path = out_dir / "references.bib"
        _atomic_write(path, bibtex)
        written["bib"] = str(path)
    return written


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
