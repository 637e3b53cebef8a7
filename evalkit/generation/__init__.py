"""Generate code completions for benchmark problems into a resumable samples JSONL.

Backends sit behind a small protocol and a lazy registry: ``transformers`` (default) and
``vllm`` (only where vllm is importable and a CUDA GPU is present). Importing this package
does not import torch; the backend does, when it is created.
"""

from __future__ import annotations

import difflib
import hashlib
import importlib
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Protocol, Sequence

from evalkit.extract_code import extract_completion
from evalkit.generation.errors import BackendError, GenerationError
from evalkit.generation.samples_file import append_samples, check_or_write_sidecar, scan_samples, sidecar_path
from evalkit.prompts import Prompt, build_prompt, check_format

__all__ = [
    "BACKENDS",
    "GenerationBackend",
    "GenerationSummary",
    "generate_samples",
    "load_backend",
]


class GenerationBackend(Protocol):
    """What generate_samples needs from a backend."""

    name: str
    batch_size: int

    def render(self, prompt: Prompt) -> tuple[str, tuple[str, ...]]:
        """Model input text and stop sequences for a prompt."""

    def generate(self, texts: Sequence[str], *, temperature: float, top_p: float, max_new_tokens: int,
                 stop: Sequence[str], seed: int, add_special_tokens: bool = True) -> list[tuple[str, int]]:
        """One (new text, new-token count) per input text."""


# name -> "module:class"; imported on first use.
BACKENDS: dict[str, str] = {
    "transformers": "evalkit.generation.hf:TransformersBackend",
    "vllm": "evalkit.generation.vllm_backend:VLLMBackend",
}


def load_backend(name: str, model: str, **kwargs: Any) -> GenerationBackend:
    """Create backend ``name`` for ``model`` (kwargs: adapter, quantize, device, batch_size)."""
    if name not in BACKENDS:
        close = difflib.get_close_matches(name, list(BACKENDS), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise BackendError(f"unknown generation backend '{name}'{hint}; use one of: {', '.join(BACKENDS)}")
    if name == "vllm":
        from evalkit.generation.vllm_backend import vllm_unavailable_reason

        reason = vllm_unavailable_reason()
        if reason:
            raise BackendError(f"backend 'vllm' is unavailable: {reason}; use --backend transformers")
    module, attr = BACKENDS[name].split(":")
    cls = getattr(importlib.import_module(module), attr)
    return cls(model, **kwargs)


@dataclass(frozen=True)
class GenerationSummary:
    """What a generate_samples call did."""

    out_path: Path
    meta_path: Path
    n_tasks: int
    n_per_task: int
    existing: int  # samples already in the file for these tasks (kept, not regenerated)
    generated: int  # samples written by this call
    new_tokens: int
    seconds: float
    backend: str
    model: str

    @property
    def tokens_per_s(self) -> float:
        return self.new_tokens / self.seconds if self.seconds > 0 else 0.0


def _batch_seed(seed: int, task_id: str, index: int) -> int:
    """A seed that depends on the run seed and the batch's first sample only."""
    digest = hashlib.sha256(f"{seed}:{task_id}:{index}".encode()).digest()
    return int.from_bytes(digest[:4], "big") & 0x7FFFFFFF


def _check_decoding(n: int, temperature: float, top_p: float, max_new_tokens: int, shots: int) -> None:
    from synth.errors import InputError

    if n < 1:
        raise InputError(f"--n must be at least 1 (got {n})")
    if temperature < 0:
        raise InputError(f"--temperature must be >= 0 (got {temperature}); 0 means greedy decoding")
    if not 0 < top_p <= 1:
        raise InputError(f"--top-p must be in (0, 1] (got {top_p})")
    if max_new_tokens < 1:
        raise InputError(f"--max-new-tokens must be at least 1 (got {max_new_tokens})")
    if shots < 0:
        raise InputError(f"--shots must be >= 0 (got {shots})")


def generate_samples(
    model: str,
    problems: Sequence[Any],
    out_path: Path,
    *,
    n: int = 1,
    temperature: float = 0.0,
    top_p: float = 0.95,
    max_new_tokens: int = 512,
    seed: int = 0,
    adapter: str | None = None,
    quantize: str | None = None,
    prompt_format: str = "base",
    shots: int = 0,
    stop: Sequence[str] | None = None,
    backend: str = "transformers",
    settings: Any = None,
    device: str = "auto",
    batch_size: int = 8,
    pool: Sequence[Any] | None = None,
    on_progress: Callable[[int], None] | None = None,
    backend_obj: GenerationBackend | None = None,
) -> GenerationSummary:
    """Generate ``n`` samples per problem into ``out_path`` (append-only JSONL), resuming.

    Samples already in the file count toward ``n`` per task; only the rest are generated (a
    torn last line from a kill is dropped first). Decoding settings go to the sidecar
    ``<out>.meta.json``; resuming with different settings is refused. ``pool`` is where
    k-shot examples come from (default: ``problems``). ``on_progress(k)`` is called as k
    samples are written. ``backend_obj`` reuses an already loaded backend (e.g. in a sweep).
    ``settings`` is accepted for symmetry with the rest of evalkit; nothing here reads it yet.
    """
    prompt_format = check_format(prompt_format)  # 'chat' is accepted for 'instruct'
    _check_decoding(n, temperature, top_p, max_new_tokens, shots)
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    meta = {
        "model": model, "adapter": adapter, "quantize": quantize, "backend": backend,
        "temperature": temperature, "top_p": top_p, "max_new_tokens": max_new_tokens, "n": n,
        "seed": seed, "prompt_format": prompt_format, "shots": shots,
        "stop": list(stop) if stop is not None else None, "device": device,
    }
    counts = scan_samples(out_path)  # validates the file and repairs a torn last line
    check_or_write_sidecar(out_path, meta)
    todo = [(p, i) for p in problems for i in range(counts.get(p.task_id, 0), n)]
    existing = sum(min(counts.get(p.task_id, 0), n) for p in problems)
    start = time.perf_counter()
    if not todo:
        return GenerationSummary(out_path, sidecar_path(out_path), len(problems), n, existing, 0, 0, 0.0, backend, model)
    be = backend_obj or load_backend(backend, model, adapter=adapter, quantize=quantize, device=device,
                                     batch_size=batch_size)
    shot_pool = list(pool) if pool is not None else list(problems)
    rendered: dict[str, tuple[str, tuple[str, ...]]] = {}
    for p in {p.task_id: p for p, _ in todo}.values():
        prompt = build_prompt(p, prompt_format, shots=shots, pool=shot_pool, seed=seed, stop=stop)
        rendered[p.task_id] = be.render(prompt)
    # Provenance beyond the decoding settings: what the model was actually given.
    first = next(iter(rendered.values()))
    tokenizer = getattr(be, "tokenizer", None)
    check_or_write_sidecar(out_path, {
        **meta,
        "prompt_example": first[0][:4000],
        "stop_sequences_used": list(first[1]),
        "chat_template": None if prompt_format == "base" else
        ("tokenizer" if getattr(tokenizer, "chat_template", None) else "fallback"),
        "versions": _versions(),
    })
    generated = tokens = 0
    size = max(1, int(getattr(be, "batch_size", batch_size)))
    start = time.perf_counter()  # model loading is not generation time
    for b in range(0, len(todo), size):
        batch = todo[b : b + size]
        texts = [rendered[p.task_id][0] for p, _ in batch]
        stops = sorted({s for p, _ in batch for s in rendered[p.task_id][1]})
        outs = be.generate(
            texts, temperature=temperature, top_p=top_p, max_new_tokens=max_new_tokens, stop=stops,
            seed=_batch_seed(seed, batch[0][0].task_id, batch[0][1]), add_special_tokens=prompt_format == "base",
        )
        if len(outs) != len(batch):
            raise GenerationError(f"backend '{be.name}' returned {len(outs)} outputs for {len(batch)} prompts")
        rows = []
        for (p, idx), (raw, k) in zip(batch, outs):
            own_stops = rendered[p.task_id][1]
            completion = extract_completion(raw, p.prompt, p.entry_point, prompt_format, own_stops,
                                            self_contained=bool(p.extra.get("self_contained")))
            rows.append({"task_id": p.task_id, "completion": completion, "raw": raw, "index": idx})
            tokens += k
        append_samples(out_path, rows)
        generated += len(rows)
        if on_progress:
            on_progress(len(rows))
    seconds = time.perf_counter() - start
    return GenerationSummary(out_path, sidecar_path(out_path), len(problems), n, existing, generated, tokens,
                             seconds, be.name, model)


def _versions() -> dict[str, str | None]:
    from evalkit.provenance import package_versions

    return package_versions()
