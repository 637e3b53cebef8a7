"""Prompt formats for code generation: base completion, instruct (chat template), k-shot.

A ``Prompt`` is either plain text (base models continue it) or a list of chat messages
(instruct models; the generation backend renders them with the tokenizer's chat template,
or :data:`FALLBACK_CHAT_TEMPLATE` when the tokenizer has none). Stop sequences belong to the
format: base completions stop where human-eval/evalplus stop them, instruct answers stop at
the end-of-turn token and are cleaned up afterwards by :mod:`evalkit.extract_code`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any, Sequence

from synth.errors import InputError

PROMPT_FORMATS = ("base", "instruct")
FORMAT_ALIASES = {"chat": "instruct", "completion": "base"}

# human-eval / evalplus stop a base-model completion where a new top-level block begins.
BASE_STOP_SEQUENCES: tuple[str, ...] = ("\ndef ", "\nclass ", "\nif __name__", "\nprint(", "\n#")

INSTRUCTION = (
    "Complete the following Python function. Return the whole function in a single "
    "```python code block, without explanations or tests."
)

# Used when a tokenizer ships no chat template (e.g. an instruct fine-tune of a base model).
FALLBACK_CHAT_TEMPLATE = (
    "{% for message in messages %}"
    "{% if message['role'] == 'system' %}{{ message['content'] }}\n\n"
    "{% elif message['role'] == 'user' %}### Instruction:\n{{ message['content'] }}\n\n"
    "{% else %}### Response:\n{{ message['content'] }}\n\n{% endif %}"
    "{% endfor %}"
    "{% if add_generation_prompt %}### Response:\n{% endif %}"
)
FALLBACK_STOP_SEQUENCES: tuple[str, ...] = ("\n### Instruction:",)


@dataclass(frozen=True)
class Prompt:
    """What the model is given for one task.

    ``text`` is set for the base format; ``messages`` for instruct. ``stop`` lists the stop
    sequences of the format; ``shot_ids`` the task ids used as in-context examples.
    """

    task_id: str
    format: str
    text: str | None
    messages: tuple[dict[str, str], ...] | None
    stop: tuple[str, ...]
    shot_ids: tuple[str, ...] = ()


def check_format(prompt_format: str) -> str:
    """The canonical name of a prompt format ('chat' -> 'instruct'); InputError if unknown."""
    name = FORMAT_ALIASES.get(prompt_format, prompt_format)
    if name not in PROMPT_FORMATS:
        known = ", ".join(PROMPT_FORMATS + tuple(FORMAT_ALIASES))
        raise InputError(f"unknown prompt format '{prompt_format}'; use one of: {known}")
    return name


def default_stop(prompt_format: str) -> tuple[str, ...]:
    """Stop sequences of a format (base: the human-eval set; instruct: none beyond EOS)."""
    return BASE_STOP_SEQUENCES if check_format(prompt_format) == "base" else ()


def select_shots(problem: Any, pool: Sequence[Any], shots: int, seed: int) -> list[Any]:
    """Pick ``shots`` in-context examples for ``problem`` from ``pool``, seeded per task.

    Never the task itself, only problems that have a reference solution. The choice depends
    on (seed, task_id) alone, so a resumed run or a different task order sees the same shots.
    """
    if shots <= 0:
        return []
    candidates = [p for p in pool if p.task_id != problem.task_id and (p.canonical_solution or "").strip()]
    if len(candidates) < shots:
        raise InputError(
            f"{shots}-shot prompts need {shots} other problems with reference solutions, "
            f"but the pool has {len(candidates)}; lower --shots"
        )
    candidates.sort(key=lambda p: p.task_id)  # the pool's order must not change the choice
    rng = random.Random(f"{seed}:{problem.task_id}")
    return rng.sample(candidates, shots)


def _solution_code(example: Any) -> str:
    """Prompt + reference solution: a complete, runnable definition."""
    if getattr(example, "extra", {}).get("self_contained"):
        return example.canonical_solution.strip("\n")  # already the whole program
    return (example.prompt + example.canonical_solution).strip("\n")


def _user_message(problem: Any) -> str:
    return f"{INSTRUCTION}\n\n```python\n{problem.prompt.strip()}\n```"


def build_prompt(
    problem: Any,
    prompt_format: str = "base",
    *,
    shots: int = 0,
    pool: Sequence[Any] = (),
    seed: int = 0,
    stop: Sequence[str] | None = None,
    system: str | None = None,
) -> Prompt:
    """Render the prompt for one problem (an ``evalkit.types.Problem``).

    base: the k examples (prompt + reference solution) separated by blank lines, then the
    problem prompt as is. instruct: one user turn per example answered by a fenced solution,
    then the problem as the last user turn. ``stop`` overrides the format's stop sequences.
    """
    prompt_format = check_format(prompt_format)
    examples = select_shots(problem, pool, shots, seed)
    stops = tuple(stop) if stop is not None else default_stop(prompt_format)
    ids = tuple(e.task_id for e in examples)
    if prompt_format == "base":
        parts = [_solution_code(e) for e in examples]
        prefix = "\n\n\n".join(parts) + "\n\n\n" if parts else ""
        return Prompt(problem.task_id, "base", prefix + problem.prompt, None, stops, ids)
    messages: list[dict[str, str]] = []
    if system:
        messages.append({"role": "system", "content": system})
    for e in examples:
        messages.append({"role": "user", "content": _user_message(e)})
        messages.append({"role": "assistant", "content": f"```python\n{_solution_code(e)}\n```"})
    messages.append({"role": "user", "content": _user_message(problem)})
    return Prompt(problem.task_id, "instruct", None, tuple(messages), stops, ids)


def render_chat(tokenizer: Any, messages: Sequence[dict[str, str]]) -> tuple[str, tuple[str, ...]]:
    """Render chat messages with the tokenizer's template (or the fallback).

    Returns the text to feed the model and extra stop sequences the fallback template needs
    (a model without a chat template may otherwise start the next "### Instruction:" turn).
    """
    template = getattr(tokenizer, "chat_template", None)
    extra: tuple[str, ...] = ()
    kwargs: dict[str, Any] = {}
    if not template:
        kwargs["chat_template"] = FALLBACK_CHAT_TEMPLATE
        extra = FALLBACK_STOP_SEQUENCES
    text = tokenizer.apply_chat_template(list(messages), tokenize=False, add_generation_prompt=True, **kwargs)
    return text, extra


def render_prompt(tokenizer: Any, prompt: Prompt) -> tuple[str, tuple[str, ...]]:
    """The model input text of ``prompt`` and all stop sequences that apply to it."""
    if prompt.text is not None:
        return prompt.text, prompt.stop
    text, extra = render_chat(tokenizer, prompt.messages or ())
    return text, prompt.stop + extra
