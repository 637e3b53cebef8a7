"""Table reasoning: comparisons and superlatives between table entities.

"X outperforms Y on Z", "X obtains the highest Z", "X does not reach the best Z": the entities X
and Y must each name table rows (or columns, for tables laid out the other way round) and Z, when
given, the other axis. The verdict is read from the cells; anything that does not line up clearly
(no entity, an entity matching rows on both sides of the comparison, cells that disagree across
the aspect's columns) stays not_found, so the value path's caution is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from verifier.index import SourceIndex
from verifier.normalize import RANKED, STOPWORDS, fmt, name_key, stem, values_match, words
from verifier.types import Claim, Evidence, Mention, Quantity, Verdict

# Words that name no entity in a row/column label ("Our model (full)").
_FILLER = STOPWORDS | {"ours", "al", "et", "table", "bold", "italic", "empty", "ref", "id", "bib", "system",
                       "baseline", "baselines", "proposed", "full", "base", "standard", "setting", "data", "test",
                       "dev", "train", "set", "task", "score", "accuracy"}
# Metrics where a smaller number is the better one: "better"/"best" flip for them.
_LOWER_BETTER = re.compile(r"\b(err\w*|loss|perplexity|ppl|wer|cer|ser|ter|mr|rank|time|latency|miss\w*|wrong|"
                           r"hallucinat\w*|distance|mae|mse|rmse|fpr|eer|cost|length|size|#\s*param\w*)\b", re.I)
_PIVOT = re.compile(r"\b(outperform\w*|than|over|vs\.?|versus|beats?|surpass\w*|exceed\w*|compared (?:to|with)|"
                    r"underperform\w*|inferior to|superior to)\b", re.I)
_QUALITY_UP = re.compile(r"\b(outperform\w*|better|beats?|surpass\w*|superior|improv\w*|exceed\w*)\b", re.I)
_QUALITY_DOWN = re.compile(r"\b(worse|underperform\w*|inferior|hurts?|degrad\w*)\b", re.I)
_LITERAL_UP = re.compile(r"\b(higher|more|greater|larger|above|increas\w*)\b", re.I)
_LITERAL_DOWN = re.compile(r"\b(lower|less|fewer|smaller|below|decreas\w*|drops?|reduc\w*)\b", re.I)
_BEST = re.compile(r"\b(best|outperforms? all|beats? all)\b", re.I)
_WORST = re.compile(r"\bworst\b", re.I)
_BELOW_THE_BEST = re.compile(r"\b(?:below|behind|short of|worse than|lower than|relative to|compared (?:to|with)|"
                             r"from)\s+(?:the|its|their)\s+(?:[\w-]+\s+)?best\b", re.I)
# "the most" ranks; "most of", "in most cases", "at least" only count.
_MAX = re.compile(r"\b(highest|largest|greatest|maximum)\b|\bthe most\b(?! of)", re.I)
_MIN = re.compile(r"\b(lowest|smallest|fewest|minimum)\b|\bthe least\b(?! of)", re.I)
_DELTA_ROW = re.compile(r"\b(cmp|diff|delta|gain)\b|\u0394", re.I)
_NUMERIC = re.compile(r"[-+]?\d+(?:\.\d+)?%?")
_HEDGED = re.compile(r"\b(except|apart from|other than|but not|expect\w*|might|may|could|suggest\w*|"
                     r"hypothes\w*)\b", re.I)
_ALL_OTHERS = re.compile(r"\b(outperform\w*|better than|beats?|surpass\w*|exceed\w*|higher than|lower than)\s+"
                         r"(all|every|each|the other|other|the rest|any)\b", re.I)
_CLAUSE = re.compile(r"[;:]|,\s*(?=(?:but|while|whereas|although|though|and|which)\b)|"
                     r"\s(?=(?:but|whereas|while)\b)", re.I)
# Labels that name a measure, not a competitor: entities of that axis are not compared to each other.
_MEASURE = re.compile(r"acc\w*|prec\w*|recall|f1|f-?score|f-?measure|bleu|rouge\S*|meteor|cider|nist|ser|wer|em|"
                      r"auc|mrr|ppl|perplexity|loss|diversity|inform|match|success|time|speed|score|r@\d+|p@\d+|"
                      r"mean|avg|average|total|\(?%\)?|invalid%?|[prf]\s*\(%\)", re.I)
_CHANGE = re.compile(r"\b(improv\w*|help\w*|boost\w*|benefit\w*|increas\w*|gain\w*|hurt\w*|drops?|dropp\w*|"
                     r"decreas\w*|degrad\w*|reduc\w*|los(?:es|s)|lower\w*|rais\w*)\b", re.I)
_CHANGE_DOWN = re.compile(r"\b(hurt\w*|drops?|dropp\w*|decreas\w*|degrad\w*|reduc\w*|los(?:es|s)|lower\w*)\b", re.I)
_QUALITY_CHANGE = re.compile(r"\b(improv\w*|help\w*|boost\w*|benefit\w*|hurt\w*|degrad\w*)\b", re.I)
_ADDED = re.compile(r"^\s*(\+|w/(?!o)|with\b)", re.I)
_REMOVED = re.compile(r"^\s*([-\u2013\u2212]|w/o\b|without\b|no\b)", re.I)
_REMOVAL_WORDS = re.compile(r"\b(remov\w*|without|w/o|ablat\w*|exclud\w*|drop(?:ping)? the)\b", re.I)
# "The best system is not X": a denial right after the superlative.
_NEGATED_AFTER = re.compile(r"\W*(?:\w+\W+){0,3}?(?:(?:is|are|was|were)\s+not\b|isn't|aren't)", re.I)
# Measure names tables abbreviate: a claim's "precision" meets a "P" column.
_SHORT = {"precision": "p", "recall": "r", "fmeasure": "f", "fscore": "f", "english": "en", "portuguese": "pt",
          "german": "de", "french": "fr", "chinese": "zh", "spanish": "es", "accuracy": "acc"}
# "than the two others", "over previous models": the comparator is every other entity.
_OTHERS = re.compile(r"\W*(?:(?:both|all|most of)\s+)?(?:the\s+)?(?:(?:others?|rest|baselines)\b|(?:two|three|other|"
                     r"remaining|previous|prior|recent|existing)\s+(?:\w+\s+)?(?:models|systems|methods|approaches|"
                     r"work|ones|baselines|others)\b)", re.I)
# Measures specific enough that a claim naming one is about that column only.
_NAMED_MEASURE = re.compile(r"bleu|meteor|rouge\w*|cider|nist|f1|auc|wer|ser|mrr|perplexity")
_MAJORITY = 0.75  # share of compared cells that must agree before the table decides
_NEGATED = re.compile(r"\b(not|never|no longer|fails? to|cannot)\b|n't\b", re.I)
# Rows that are a reference, not a competitor, when a superlative ranks the systems.
_REFERENCE = re.compile(r"\b(human|oracle|upper bound|gold|reference)\b", re.I)


@dataclass
class TableVerdict:
    """A table-reasoning outcome with its evidence and the features confidence is computed from."""

    verdict: Verdict
    evidence: Evidence | None = None
    reason: str = ""
    features: dict[str, float] = field(default_factory=dict)


@dataclass
class _Grid:
    block: int
    cells: dict[tuple[int, int], Mention]
    rows: dict[int, str]
    cols: dict[int, str]


def _grids(idx: SourceIndex) -> list[_Grid]:
    """The index's tables as grids, built once per index (claims about one paper share them)."""
    return idx.cached("grids", lambda: _build_grids(idx))


def _build_grids(idx: SourceIndex) -> list[_Grid]:
    by_block: dict[int, _Grid] = {}
    for m in idx.mentions:
        if m.kind != "cell" or _DELTA_ROW.search(m.row) or _clean(m.text).startswith("+"):
            continue  # differences to another row are not scores of their own
        g = by_block.setdefault(m.block, _Grid(m.block, {}, {}, {}))
        g.cells[(m.row_id, m.col_id)] = m
        g.rows.setdefault(m.row_id, m.row)
        g.cols.setdefault(m.col_id, m.column)
    # A lone value column headed by a bare number is a data row read as a header ("Total cues | 2921").
    return [g for g in by_block.values() if not (len(g.cols) == 1 and _NUMERIC.fullmatch(next(iter(g.cols.values()))
                                                                                         .strip()))]


@lru_cache(maxsize=20_000)
def _label_keys(label: str, drop: frozenset[str] = frozenset()) -> tuple[str, ...]:
    label = re.sub(r"<[^>]+>|\[(BOLD|ITALIC|EMPTY)\]", " ", label)
    label = re.sub(r"\bet\s*al\.?|\(\s*\d{4}\w?\s*\)", " ", label)
    keys = []
    for w, _, _ in words(label):
        k = name_key(w)
        if k and not k.isdigit() and k not in _FILLER and len(k) > 1:
            keys.append(k)
    # A word the other axis uses ("R-L" in a row label when R-L is also a column) names no entity.
    return tuple(k for k in keys if k not in drop) or tuple(keys)


def _lower_better(label: str) -> bool:
    """Judged by the measure's own name (its last word), not by a group header above it."""
    ws = re.sub(r"\([^)]*\)|[()%]", " ", _clean(label)).split()
    return bool(ws) and bool(_LOWER_BETTER.fullmatch(ws[-1]) or len(ws) > 1 and ws[-1].lower() == "rate"
                             and _LOWER_BETTER.fullmatch(ws[-2]))


def _is_measure(label: str) -> bool:
    """"BLEU", "Agenda Inform", "WER (%)": a column of measures, whose values are not comparable."""
    ws = _clean(label).split()
    if ws and ws[0].startswith("#"):
        return True  # "# of heads": a setting, not a competitor
    return bool(ws) and len(ws) <= 3 and bool(_MEASURE.fullmatch(ws[-1]) or _MEASURE.fullmatch(" ".join(ws[-2:])))


@lru_cache(maxsize=50_000)
def _clean(label: str) -> str:
    return " ".join(re.sub(r"<[^>]+>|\[(BOLD|ITALIC|EMPTY)\]", " ", label).split())


def _claim_tokens(text: str) -> list[tuple[str, int]]:
    toks = [(name_key(w), s) for w, s, _ in words(text)]
    out = [(k, s) for k, s in toks if k]
    # Adjacent pairs let "Cluster KCP" meet "Cluster+KCP".
    out += [(a + b, s) for (a, s), (b, _) in zip(out, out[1:])]
    return out


def _positions(tokens: list[tuple[str, int]]) -> dict[str, int]:
    """First claim offset of each token key and of its stem (one lookup per label word)."""
    out: dict[str, int] = {}
    for k, p in tokens:
        out.setdefault(k, p)
        out.setdefault("~" + stem(k), p)
    return out


def _match(label: str, pos: dict[str, int], drop: frozenset[str]) -> tuple[float, list[int]]:
    """Share of the label's name words found in the claim, and where they are."""
    keys = _label_keys(label, drop)
    if not keys:
        return 0.0, []
    whole = "".join(keys)
    if whole in pos:
        return 1.0, [pos[whole]]
    hit: list[int] = []
    n = 0.0
    for k, head in _keys_heads(label, drop):
        p = pos.get(k, pos.get("~" + stem(k)))
        if p is not None:
            n += 1
            hit.append(p)
        elif head and len(head) >= 3 and "~" + head in pos:
            # "G2S models" names G2S-GGNN and G2S-GAT: the head of a compound name counts half.
            n += 0.5
            hit.append(pos["~" + head])
    return n / len(keys), hit


@lru_cache(maxsize=20_000)
def _keys_heads(label: str, drop: frozenset[str]) -> tuple[tuple[str, str], ...]:
    """Each name word of a label with the first part of its compound ("G2S-GGNN" -> "g2s")."""
    out = []
    for k in _label_keys(label, drop):
        w = next((w for w, _, _ in words(label) if name_key(w) == k), "")
        parts = re.split(r"[-_/+\s]", w)
        head = name_key(parts[0]) if len(parts) > 1 else ""
        out.append((k, stem(head) if head != k else ""))
    return tuple(out)


def _mentioned(labels: dict[int, str], tokens: list[tuple[str, int]], other: dict[int, str] | None = None
               ) -> dict[int, tuple[float, list[int]]]:
    drop = frozenset(k for lab in (other or {}).values() for k in _label_keys(lab))
    where = _positions(tokens)
    out = {}
    for i, lab in labels.items():
        frac, pos = _match(lab, where, drop)
        if frac >= 0.5 and pos:
            out[i] = (frac, pos)
    # Keep only the best-matching labels for each claim position ("BoC (GloVe)" vs "BoC").
    best: dict[int, float] = {}
    for frac, pos in out.values():
        for p in pos:
            best[p] = max(best.get(p, 0.0), frac)
    return {i: (f, p) for i, (f, p) in out.items() if all(f >= best[q] - 1e-9 for q in p)}


def _polarity(text: str) -> int:
    """The claimed direction of the first entity against the second: ±2 for quality words ("better",
    flipped on error-like measures), ±1 for literal ones ("higher"), 0 when unclear or conflicting."""
    q = (1 if _QUALITY_UP.search(text) else 0) - (1 if _QUALITY_DOWN.search(text) else 0)
    lit = (1 if _LITERAL_UP.search(text) else 0) - (1 if _LITERAL_DOWN.search(text) else 0)
    if q and lit and q != lit:
        return 0  # "outperforms ... with a lower WER": which number is meant depends on the measure
    return 2 * q if q else lit


def _evidence(idx: SourceIndex, m: Mention) -> Evidence:
    # The caption says what the compared numbers measure; the row shows them.
    quote = f"{_clean(m.caption)} | {_clean(m.quote)}" if m.caption else _clean(m.quote)
    return Evidence(paper=idx.label, page=m.page, quote=quote, table=m.table, row=m.row or None,
                    column=m.column or None)


def _orient(g: _Grid, transpose: bool) -> tuple[dict[int, str], dict[int, str], dict[tuple[int, int], Mention]]:
    # A row or column without a label can be neither an entity nor an aspect.
    rows = {i: _clean(t) for i, t in g.rows.items() if _clean(t)}
    cols = {i: _clean(t) for i, t in g.cols.items() if _clean(t)}
    if not transpose:
        return rows, cols, {k: m for k, m in g.cells.items() if k[0] in rows and k[1] in cols}
    return cols, rows, {(c, r): m for (r, c), m in g.cells.items() if r in rows and c in cols}


def _aspects(aspects: dict[int, str], tokens: list[tuple[str, int]], used: set[int]) -> list[int]:
    free = [t for t in tokens if t[1] not in used]
    hit = _mentioned(aspects, free + [(_SHORT[k], p) for k, p in free if k in _SHORT])
    return sorted(hit) if hit else []


def _clause(text: str, at: int) -> tuple[int, int]:
    """The clause around offset ``at``: "X beats Y, but does not Z" keeps its negation to itself."""
    cuts = [0] + [m.start() for m in _CLAUSE.finditer(text)] + [len(text)]
    lo = max(c for c in cuts if c <= at)
    hi = min(c for c in cuts if c > at) if any(c > at for c in cuts) else len(text)
    return lo, hi


def reason_over_tables(claim: Claim, idx: SourceIndex) -> TableVerdict:
    """Decide a comparison or superlative claim from the table cells of ``idx`` (else not_found)."""
    text = claim.text
    if _HEDGED.search(text):
        return TableVerdict(Verdict.NOT_FOUND, reason="an exception or a hedge is beyond a table comparison")
    others = _ALL_OTHERS.search(text)
    pivot = None if others else _PIVOT.search(text)
    sup = others or _BEST.search(text) or _WORST.search(text) or _MAX.search(text) or _MIN.search(text)
    anchor = pivot or sup or _CHANGE.search(text)
    if anchor is None:
        return TableVerdict(Verdict.NOT_FOUND, reason="no comparison or superlative to read from a table")
    lo, hi = _clause(text, anchor.start())
    # Only a negation just before the comparison word denies it ("does not obtain the most"), not
    # one elsewhere in the clause ("... until it cannot converge").
    lead = text[lo:anchor.start()].split()[-5:]
    negated = bool(_NEGATED.search(" ".join(lead)) or _NEGATED_AFTER.match(text[anchor.end():]))
    tokens = [(k, p) for k, p in _claim_tokens(text) if lo <= p < hi]
    diffs = [q for q in claim.quantities if q.role == "diff" and lo <= q.start < hi]
    named = [k for k, _ in tokens if _NAMED_MEASURE.fullmatch(k)]
    for g in _grids(idx):
        for transpose in (False, True):
            ents, aspects, cells = _orient(g, transpose)
            if len(ents) < 2:
                continue
            hits = _mentioned(ents, tokens, aspects)
            if not hits or any(_is_measure(ents[i]) for i in hits):
                continue
            used = {p for _, ps in hits.values() for p in ps}
            cols = _aspects(aspects, tokens, used)
            if not cols and named:
                continue  # the claim's measure (BLEU, F1, ...) is none of this table's
            # No aspect named: the claim is about all of them, and must hold for most.
            cols = cols or sorted(aspects)
            if pivot is not None:
                tv = _compare(text, pivot, hits, cols, ents, aspects, cells, idx, diffs)
            elif sup is not None:
                subject = _subject(hits, sup)
                tv = None if subject is None else _superlative(text, subject, cols, ents, aspects, cells, idx,
                                                               bool(others))
            else:
                tv = _ablation(text, hits, cols, ents, aspects, cells, idx)
            if tv is None:
                continue
            if negated:
                tv.verdict = Verdict.CONTRADICTED if tv.verdict == Verdict.SUPPORTED else Verdict.SUPPORTED
                tv.reason = ("the claim denies it, but " if tv.verdict == Verdict.CONTRADICTED
                             else "as the claim says, it does not hold: ") + tv.reason
                tv.features["negated"] = 1.0
            return tv
    return TableVerdict(Verdict.NOT_FOUND, reason="the table does not line up with the claim's entities")


def _sides(hits: dict[int, tuple[float, list[int]]], pivot: re.Match) -> tuple[list[int], list[int]] | None:
    """Entities before and after the comparison word. Positions several entities share are frame words
    (a group label such as the dataset), not the entity itself; failing that, a label's last word
    names it ("symmetric AME": AME), as group labels come first."""
    count: dict[int, int] = {}
    for _, ps in hits.values():
        for p in set(ps):
            count[p] = count.get(p, 0) + 1
    left, right = [], []
    for i, (_, ps) in hits.items():
        own = [p for p in ps if count[p] == 1] or ps
        if min(own) < pivot.start() <= max(own):
            own = ps[-1:]
        if all(p < pivot.start() for p in own):
            left.append(i)
        elif all(p >= pivot.end() for p in own):
            right.append(i)
        else:
            return None
    return (left, right) if left else None


def _compare(text: str, pivot: re.Match, hits: dict[int, tuple[float, list[int]]], cols: list[int],
             ents: dict[int, str], aspects: dict[int, str], cells: dict[tuple[int, int], Mention],
             idx: SourceIndex, diffs: list[Quantity]) -> TableVerdict | None:
    sides = _sides(hits, pivot)
    if sides is not None and not sides[1] and _OTHERS.match(text[pivot.end():]):
        # "X is lower than the two others", "... over the baselines": X against every other entity.
        sides = (sides[0], [i for i in ents if i not in sides[0] and not _REFERENCE.search(ents[i])])
    pol = _polarity(text)
    if sides is None or pol == 0 or abs(pol) == 1 and not re.search(r"\b(than|over|compared|vs)\b", text, re.I):
        return None
    left, right = sides
    if not right:
        return None
    names = [_clean(ents[i]) for i in left + right]
    if len(set(names)) < len(names) or len(left) > 1 and len(right) > 1:
        # The same entities repeat per block (one block per setting): compare within a block only.
        match = [(a, min(right, key=lambda b: abs(a - b))) for a in left]
    else:
        match = [(a, b) for a in left for b in right]
    pairs: list[tuple[Mention, Mention, bool]] = []
    for c in cols:
        sign = pol
        if abs(pol) >= 2 and _lower_better(aspects[c]):
            sign = -pol  # "better" on an error rate means smaller
        for a, b in match:
            ma, mb = cells.get((a, c)), cells.get((b, c))
            if ma is not None and mb is not None and ma.value != mb.value:
                pairs.append((ma, mb, (ma.value > mb.value) == (sign > 0)))
    share = sum(ok for _, _, ok in pairs) / len(pairs) if pairs else 0.5
    if 1 - _MAJORITY < share < _MAJORITY:
        return None  # mixed across columns or entities: the table does not settle it
    holds = share >= _MAJORITY
    ma, mb, _ = next(p for p in pairs if p[2] == holds)
    feats = {"table_reasoning": 1.0, "table_compare": 1.0, "table_agree": max(share, 1 - share)}
    gap = ""
    if len(diffs) == 1 and len(pairs) == 1:
        # "X beats Y by 2.3 points": the gap must match too.
        d, dec = abs(ma.value - mb.value), max(ma.decimals, mb.decimals)
        q = diffs[0]
        same = values_match(abs(q.value), q.decimals, "", d, dec, "") or values_match(
            abs(q.value), q.decimals, "%", d, dec, "%")
        if not same and abs(abs(q.value) - d) <= 0.15 * max(abs(q.value), d):
            return None  # near miss: an average or another rounding, not a wrong number
        gap = f", a gap of {fmt(d, dec)}" + ("" if same else f", not {q.text}")
        holds = holds and bool(same)
        feats["arithmetic"] = 1.0
    rel = "above" if ma.value > mb.value else "below"
    reason = (f"{ma.table or 'the table'}: {ents[_key_of(cells, ma)]} has {_clean(ma.text)} and "
              f"{ents[_key_of(cells, mb)]} {_clean(mb.text)} in {aspects[_col_of(cells, ma)]} ({rel}{gap})")
    return TableVerdict(Verdict.SUPPORTED if holds else Verdict.CONTRADICTED, _evidence(idx, ma), reason, feats)


def _superlative(text: str, ent: int, cols: list[int], ents: dict[int, str], aspects: dict[int, str],
                 cells: dict[tuple[int, int], Mention], idx: SourceIndex, versus_all: bool) -> TableVerdict | None:
    if RANKED.search(text):
        return None  # "the second-best model" names a rank, which no top or bottom of a column decides
    if _BELOW_THE_BEST.search(text):
        return None  # "scores 0.9 BLEU below the best multi-head setting": the best is what it is compared with
    quality = 1 if _BEST.search(text) or versus_all and _QUALITY_UP.search(text) else -1 if _WORST.search(text) else 0
    literal = 1 if _MAX.search(text) else -1 if _MIN.search(text) else 0
    if versus_all and not quality:
        literal = 1 if re.search(r"\bhigher than\b", text, re.I) else -1 if re.search(r"\blower than\b", text,
                                                                                       re.I) else 0
    if (quality == 0) == (literal == 0):
        return None
    results: list[tuple[Mention, Mention, bool]] = []
    for c in cols:
        want = quality or literal
        if quality and _lower_better(aspects[c]):
            want = -want
        col = {r: m for (r, cc), m in cells.items() if cc == c and not _REFERENCE.search(ents.get(r, ""))}
        own = col.get(ent)
        if own is None or len(col) < 3:
            continue
        top = max(m.value * want for m in col.values())
        winner = next(m for m in col.values() if m.value * want >= top)
        results.append((own, winner, own.value * want >= top))
    share = sum(ok for _, _, ok in results) / len(results) if results else 0.5
    if 1 - _MAJORITY < share < _MAJORITY:
        return None
    holds = share >= _MAJORITY
    own, winner, _ = next(r for r in results if r[2] == holds)
    c = _col_of(cells, own)
    word = "top" if quality else "highest" if literal > 0 else "lowest"
    reason = (f"{own.table or 'the table'}: {ents[ent]} has {_clean(own.text)} in {aspects[c]}; the {word} "
              f"there is {_clean(winner.text)} ({ents[_key_of(cells, winner)]})")
    return TableVerdict(Verdict.SUPPORTED if holds else Verdict.CONTRADICTED, _evidence(idx, own), reason,
                        {"table_reasoning": 1.0, "table_superlative": 1.0, "table_agree": max(share, 1 - share)})


def _subject(hits: dict[int, tuple[float, list[int]]], anchor: re.Match) -> int | None:
    """The one entity a superlative is about: the only one before it, else the only one after it."""
    before = [i for i, (_, ps) in hits.items() if max(ps) < anchor.start()]
    after = [i for i, (_, ps) in hits.items() if min(ps) >= anchor.end()]
    for side in (before, after):
        if len(side) == 1 and len(before) + len(after) == len(hits):
            return side[0]
    return None


def _ablation(text: str, hits: dict[int, tuple[float, list[int]]], cols: list[int], ents: dict[int, str],
              aspects: dict[int, str], cells: dict[tuple[int, int], Mention], idx: SourceIndex
              ) -> TableVerdict | None:
    """"Adding X improves ...", "removing X drops ...": a "+X" / "- X" row against the row it modifies."""
    labels = {i: _clean(ents[i]) for i in ents}
    kinds = {(bool(_ADDED.search(labels[i])), bool(_REMOVED.search(labels[i]))) for i in hits}
    if len(kinds) != 1 or len(set(next(iter(kinds)))) != 2:
        return None  # every entity must be the same kind of variant: "+X" rows, or "- X" rows
    removed = next(iter(kinds))[1]
    plain = [i for i in sorted(ents) if not _ADDED.search(labels[i]) and not _REMOVED.search(labels[i])]
    claim_up = -1 if _CHANGE_DOWN.search(text) else 1
    # "X helps" states X's effect; "removing X drops" states the change to the ablated row.
    effect = removed and not _REMOVAL_WORDS.search(text)
    pairs: list[tuple[Mention, Mention, bool]] = []
    for ent in sorted(hits):
        above = [i for i in plain if i < ent]
        if not above:
            return None
        for c in cols:
            mv, mb = cells.get((ent, c)), cells.get((above[-1], c))
            if mv is None or mb is None or mv.value == mb.value:
                continue
            want = claim_up
            if _QUALITY_CHANGE.search(text) and _lower_better(aspects[c]):
                want = -want
            change = mv.value - mb.value
            pairs.append((mv, mb, ((-change if effect else change) > 0) == (want > 0)))
    share = sum(ok for _, _, ok in pairs) / len(pairs) if pairs else 0.5
    if 1 - _MAJORITY < share < _MAJORITY:
        return None
    holds = share >= _MAJORITY
    mv, mb, _ = next(p for p in pairs if p[2] == holds)
    label, base = labels[_key_of(cells, mv)], labels[_key_of(cells, mb)]
    reason = (f"{mv.table or 'the table'}: {label} has {_clean(mv.text)} against {_clean(mb.text)} for {base} "
              f"in {aspects[_col_of(cells, mv)]}")
    return TableVerdict(Verdict.SUPPORTED if holds else Verdict.CONTRADICTED, _evidence(idx, mv), reason,
                        {"table_reasoning": 1.0, "table_change": 1.0, "table_agree": max(share, 1 - share)})


def _key_of(cells: dict[tuple[int, int], Mention], m: Mention) -> int:
    return next(k[0] for k, v in cells.items() if v is m)


def _col_of(cells: dict[tuple[int, int], Mention], m: Mention) -> int:
    return next(k[1] for k, v in cells.items() if v is m)


__all__ = ["TableVerdict", "reason_over_tables"]
