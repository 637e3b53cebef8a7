"""Parse pass@k claims: "Qwen2.5-Coder-3B-Instruct achieves 84.1% pass@1 on HumanEval".

A focused parser (not the verifier's general claim extractor): it finds the benchmark (with
its aliases), the metric pass@k, the claimed value (percent or fraction, always returned in
percent), the model name when the sentence names one, and settings stated in the text
(n-shot, temperature / greedy, number of samples).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from evalkit.generation.errors import ClaimParseError

# Longest aliases first so that "HumanEval+" is not read as "HumanEval".
BENCHMARK_ALIASES: list[tuple[str, str]] = [
    (r"human[\s_-]?eval[\s_-]?pro\b", "humaneval_pro"),
    (r"human[\s_-]?eval[\s_-]?(?:\+|plus\b)", "humaneval+"),
    (r"human[\s_-]?eval\b", "humaneval"),
    (r"mbpp[\s_-]?pro\b", "mbpp_pro"),
    (r"mbpp[\s_-]?(?:\+|plus\b)", "mbpp+"),
    (r"mbpp\b", "mbpp"),
]
DISPLAY = {"humaneval": "HumanEval", "humaneval+": "HumanEval+", "humaneval_pro": "HumanEval Pro",
           "mbpp": "MBPP", "mbpp+": "MBPP+", "mbpp_pro": "MBPP Pro"}

_PASS_RE = re.compile(r"pass\s*@\s*(\d+)", re.I)
_PERCENT_RE = re.compile(r"(?<![\w.])(\d{1,3}(?:\.\d+)?)\s*(?:%|percent\b|pct\b)", re.I)
_FRACTION_RE = re.compile(r"(?<![\w.@])(0?\.\d+|1\.0+|0|1)(?![\w.%]|\s*%)")
_SHOT_RE = re.compile(r"\b(\d+|zero|one|few)[\s-]?shot\b", re.I)
_TEMP_RE = re.compile(r"\b(?:temperature|temp|T)\s*(?:=|of|:)?\s*(\d*\.?\d+)", re.I)
_SAMPLES_RE = re.compile(r"\b(?:n\s*=\s*(\d+)|(\d+)\s+samples?\b)", re.I)
_VERB_RE = re.compile(
    r"(?:\s+(?:achieves|achieved|achieving|attains|attained|gets|got|scores|scored|reaches|reached|obtains|"
    r"obtained|has|had|hits|yields|records|reports|is at|with)\b|\s*:)", re.I)
_WORD_NUM = {"zero": 0, "one": 1}


@dataclass(frozen=True)
class ClaimSpec:
    """A parsed pass@k claim; ``value`` is in percent (84.1 for "84.1%" and for "0.841")."""

    text: str
    benchmark: str  # canonical key: humaneval, humaneval+, humaneval_pro, mbpp, mbpp+, mbpp_pro
    k: int
    value: float
    model: str | None = None
    shots: int | None = None
    temperature: float | None = None
    n_samples: int | None = None
    notes: tuple[str, ...] = field(default=())

    @property
    def benchmark_display(self) -> str:
        return DISPLAY.get(self.benchmark, self.benchmark)

    @property
    def metric(self) -> str:
        return f"pass@{self.k}"


def find_benchmark(text: str) -> tuple[str, int, int] | None:
    """(canonical key, start, end) of the first benchmark mention."""
    best = None
    for pattern, key in BENCHMARK_ALIASES:
        m = re.search(pattern, text, re.I)
        if m and (best is None or m.start() < best[1] or (m.start() == best[1] and m.end() > best[2])):
            best = (key, m.start(), m.end())
    return best


def _value(text: str, pass_span: tuple[int, int], excluded: list[tuple[int, int]]) -> float:
    def free(m: re.Match[str]) -> bool:
        return not any(a <= m.start() < b for a, b in excluded)

    percents = [m for m in _PERCENT_RE.finditer(text) if free(m)]
    if percents:
        m = min(percents, key=lambda m: abs(m.start() - pass_span[0]))
        value = float(m.group(1))
    else:
        fracs = [m for m in _FRACTION_RE.finditer(text) if free(m)]
        if not fracs:
            raise ClaimParseError(
                f"no claimed value in '{text}'; write it as a percentage (84.1%) or a fraction (0.841)")
        m = min(fracs, key=lambda m: abs(m.start() - pass_span[0]))
        value = float(m.group(1)) * 100.0
    if not 0.0 <= value <= 100.0:
        raise ClaimParseError(f"claimed value {value} in '{text}' is not a percentage between 0 and 100")
    return round(value, 6)


def parse_claim(text: str) -> ClaimSpec:
    """Parse one pass@k claim; a one-line ClaimParseError says what is missing."""
    text = " ".join(str(text).split())
    if not text:
        raise ClaimParseError("empty claim; write e.g. 'Model-X achieves 84.1% pass@1 on HumanEval'")
    pm = _PASS_RE.search(text)
    if not pm:
        raise ClaimParseError(f"no pass@k metric in '{text}'; only pass@k claims (e.g. 'pass@1') can be reproduced")
    k = int(pm.group(1))
    if k < 1:
        raise ClaimParseError(f"pass@{k} is meaningless; k must be at least 1")
    bench = find_benchmark(text)
    if not bench:
        raise ClaimParseError(
            f"no benchmark in '{text}'; name one of HumanEval, HumanEval+, HumanEval Pro, MBPP, MBPP+, MBPP Pro")
    excluded = [pm.span(), (bench[1], bench[2])]
    notes: list[str] = []
    shots = temperature = n_samples = None
    sm = _SHOT_RE.search(text)
    if sm:
        word = sm.group(1).lower()
        shots = _WORD_NUM.get(word, int(word) if word.isdigit() else None)
        excluded.append(sm.span())
    tm = _TEMP_RE.search(text)
    if tm:
        temperature = float(tm.group(1))
        excluded.append(tm.span())
    elif re.search(r"\bgreedy\b", text, re.I):
        temperature = 0.0
    nm = _SAMPLES_RE.search(text)
    if nm:
        n_samples = int(nm.group(1) or nm.group(2))
        excluded.append(nm.span())
    model = None
    vm = _VERB_RE.search(text)
    head = text[: vm.start()] if vm else ""
    # "On HumanEval+ (greedy), StarCoder2-15B scores ...": the name follows the last comma.
    name = head.rsplit(",", 1)[-1].strip(" ,;:") if head else ""
    if name and not _PASS_RE.search(name) and not find_benchmark(name):
        model = name
    # Numbers inside the model name (Qwen2.5-Coder-3B) are not the claimed value.
    if model:
        excluded.append((0, len(head)))
    value = _value(text, pm.span(), excluded)
    if model is None:
        notes.append("no model named in the claim")
    return ClaimSpec(text=text, benchmark=bench[0], k=k, value=value, model=model, shots=shots,
                     temperature=temperature, n_samples=n_samples, notes=tuple(notes))
