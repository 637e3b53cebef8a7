"""Query planning: key terms, synonyms and facets from a research question.

Rule based on purpose: the plan must be explainable in the report ("queries sent") and
deterministic across runs, and ML questions name methods and benchmarks that a small
synonym table covers well (LoRA -> low-rank adaptation).
"""

from __future__ import annotations

import re

from synth.report.types import Facet, QueryPlan, TermGroup

# Spellings that mean the same method (keys and values lower-case; hyphens and spaces interchangeable).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "lora": ("low-rank adaptation", "low rank adaptation", "low-rank adapters"),
    "qlora": ("quantized low-rank", "quantized lora", "4-bit finetuning", "4-bit fine-tuning"),
    "fine-tuning": ("finetuning", "fine-tune", "finetune", "fine-tuned", "finetuned"),
    "peft": ("parameter-efficient fine-tuning", "parameter-efficient", "parameter efficient"),
    "rag": ("retrieval-augmented generation", "retrieval augmentation", "retrieval-augmented"),
    "moe": ("mixture-of-experts", "mixture of experts"),
    "cot": ("chain-of-thought", "chain of thought"),
    "chain-of-thought": ("cot",),
    "gqa": ("grouped-query attention", "grouped query attention"),
    "mqa": ("multi-query attention",),
    "rlhf": ("reinforcement learning from human feedback", "human feedback"),
    "quantization": ("quantized", "quantisation", "4-bit", "8-bit"),
    "distillation": ("distilling", "distil", "distill"),
    "humaneval": ("human-eval", "humaneval+"),
    "mbpp": ("mostly basic python problems",),
    "llm": ("large language model", "language model"),
    "llms": ("large language models", "language models"),
    "pruning": ("prune", "pruned", "layer pruning"),
    "prompting": ("prompt", "prompts"),
}
_REVERSE = {v: k for k, vs in SYNONYMS.items() for v in vs if len(v.split()) > 1 or "-" in v}

# Aspects a question can ask about; they organise the synthesis into themes.
FACETS: dict[str, tuple[str, ...]] = {
    "Quality": ("quality", "accuracy", "performance", "score", "scores", "results", "perplexity", "pass@1",
                "outperform", "outperforms", "matches", "match", "bleu", "rouge", "win rate", "benchmark"),
    "Memory": ("memory", "gpu memory", "vram", "footprint", "gb", "storage", "checkpoint size", "trainable parameters"),
    "Speed and cost": ("speed", "latency", "throughput", "faster", "slower", "cost", "compute", "flops", "time",
                       "efficiency", "efficient"),
    "Scaling": ("scale", "scaling", "size", "sizes", "larger", "smaller", "parameters", "billion"),
    "Robustness": ("robust", "robustness", "stability", "variance", "sensitivity", "initialization"),
    "Data": ("data", "dataset", "datasets", "examples", "tokens", "samples"),
}
_FACET_TRIGGERS: dict[str, str] = {
    "quality": "Quality", "accuracy": "Quality", "performance": "Quality", "perform": "Quality",
    "better": "Quality", "worse": "Quality",
    "memory": "Memory", "vram": "Memory", "footprint": "Memory",
    "speed": "Speed and cost", "latency": "Speed and cost", "throughput": "Speed and cost", "cost": "Speed and cost",
    "efficiency": "Speed and cost", "efficient": "Speed and cost", "compute": "Speed and cost",
    "scale": "Scaling", "scaling": "Scaling", "size": "Scaling", "sizes": "Scaling", "sized": "Scaling",
    "robust": "Robustness", "robustness": "Robustness",
    "data": "Data", "dataset": "Data",
}

STOPWORDS = frozenset("""
a an and are as at be been being but by can could did do does doing for from has have how however if in into is it
its of on or than that the their them these this those to under using via was were what when where whether which
while who whom why will with within would versus vs compare compared comparison comparing affect affects effect
effects impact impacts influence vary varies change changes different various across between among about over
evaluated evaluate evaluating when measured measure relative respect terms full other same each such more less most
least much many does do use used uses method methods approach approaches model models paper papers study studies
improve improves improved improving help helps work works affect good well new known
""".split())

_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9@.+\-]*[A-Za-z0-9+]|[A-Za-z0-9]")


def norm(text: str) -> str:
    """Lower-case, hyphens and underscores as spaces, single spaces: the form terms are matched in."""
    text = re.sub(r"[^\w@+.%]", " ", text.lower().replace("_", " "))
    return " ".join(re.sub(r"\.(?=\s|$)", " ", text).split())


def _is_specific(word: str) -> bool:
    """Acronyms and names (LoRA, GPT-3, HumanEval) are decisive; plain lower-case words are not."""
    inner_caps = any(ch.isupper() for ch in word[1:])
    has_digit = any(ch.isdigit() for ch in word)
    return inner_caps or has_digit or (word.isupper() and len(word) > 1)


def plan_queries(question: str, max_queries: int = 5) -> QueryPlan:
    """Key-term groups, facets and arXiv queries for ``question``.

    Terms joined by "or" form one group (a paper on either answers that part); facet words
    (quality, memory, ...) organise themes rather than decide relevance.
    """
    text = " ".join(question.split())
    words = _TOKEN.findall(text)
    groups: list[list[str]] = []  # each a list of question words
    facets: list[str] = []
    join_next = False
    for i, word in enumerate(words):
        low = word.lower().strip(".")
        if low == "or" and groups:
            join_next = True
            continue
        facet = _FACET_TRIGGERS.get(low)
        if facet:
            if facet not in facets:
                facets.append(facet)
            join_next = False
            continue
        if low in STOPWORDS or len(low) < 2 or low.isdigit():
            join_next = False
            continue
        if join_next and groups:
            groups[-1].append(word)
        else:
            groups.append([word])
        join_next = False
    # Multi-word phrases from the synonym table ("low-rank adaptation") map back to their acronym.
    normed_q = norm(text)
    for phrase, key in _REVERSE.items():
        if norm(phrase) in normed_q and not any(key in [w.lower() for w in g] for g in groups):
            groups.append([key])
    term_groups = []
    seen: set[str] = set()
    for g in groups:
        variants: list[str] = []
        for word in g:
            low = word.lower()
            for v in (low, *SYNONYMS.get(low, ())):
                if norm(v) not in seen:
                    variants.append(v)
                    seen.add(norm(v))
        if variants:
            term_groups.append(TermGroup(term=" or ".join(g), variants=tuple(variants),
                                         specific=any(_is_specific(w) for w in g)))
    facet_objs = tuple(Facet(name=f, terms=FACETS[f]) for f in facets)
    return QueryPlan(question=text, groups=tuple(term_groups), facets=facet_objs,
                     queries=tuple(_queries(term_groups, facet_objs, max_queries)))


def _queries(groups: list[TermGroup], facets: tuple[Facet, ...], limit: int) -> list[str]:
    """A few arXiv queries: the specific terms with the context words, then each synonym spelled out."""
    specific = [g for g in groups if g.specific]
    generic = [g for g in groups if not g.specific]
    context = " ".join(g.term for g in generic[:2])
    out: list[str] = []
    if not specific:
        out.append(" ".join(g.term for g in groups[:4]))
        out.append(" ".join(g.term for g in groups[:2]))
    for g in specific:
        for word in g.term.split(" or "):
            out.append(f"{word} {context}".strip())
    for g in specific:
        for v in g.variants:
            if " " in v:
                out.append(f'"{v}"' + (f" {context}" if context else ""))
                break
    if not out and groups:
        out.append(" ".join(g.term for g in groups))
    deduped: list[str] = []
    for q in out:
        if q and q.lower() not in (d.lower() for d in deduped):
            deduped.append(q)
    return deduped[:limit]


def term_hits(text: str, groups: tuple[TermGroup, ...]) -> list[str]:
    """The group terms whose variants occur in ``text`` (word-bounded, hyphen/space insensitive)."""
    normed = f" {norm(text)} "
    hits = []
    for g in groups:
        if any(f" {norm(v)} " in normed for v in g.variants):
            hits.append(g.term)
    return hits


def mention_count(text: str, group: TermGroup) -> int:
    """How many times ``text`` mentions ``group`` (word-bounded). Spellings within three words
    of each other count once: "Low Rank Adapters (QLoRA)" is one mention, not two."""
    tokens = norm(text).split()
    starts: list[int] = []
    for v in group.variants:
        vt = norm(v).split()
        if not vt:
            continue
        starts.extend(i for i in range(len(tokens) - len(vt) + 1) if tokens[i:i + len(vt)] == vt)
    count, last = 0, -10
    for i in sorted(starts):
        if i - last > 3:
            count += 1
        last = i
    return count


def facet_hits(text: str, facet: Facet) -> int:
    """How many of the facet's terms occur in ``text``."""
    normed = f" {norm(text)} "
    return sum(1 for t in facet.terms if f" {norm(t)} " in normed)
