"""Prompt formats: base completion, instruct via chat template (and fallback), k-shot."""

from __future__ import annotations

import pytest

from evalkit.prompts import (
    BASE_STOP_SEQUENCES,
    FALLBACK_STOP_SEQUENCES,
    build_prompt,
    check_format,
    default_stop,
    render_prompt,
    select_shots,
)
from synth.errors import InputError
from tests.evalkit.tiny_helpers import tiny_model_dir, toy_problems  # noqa: F401 - fixture


def test_base_prompt_is_the_problem_prompt_with_human_eval_stops():
    p = toy_problems(1)[0]
    prompt = build_prompt(p, "base")
    assert prompt.text == p.prompt and prompt.messages is None
    assert prompt.stop == BASE_STOP_SEQUENCES == ("\ndef ", "\nclass ", "\nif __name__", "\nprint(", "\n#")


def test_kshot_base_prepends_solved_examples_never_the_task_itself():
    problems = toy_problems(6)
    target = problems[2]
    prompt = build_prompt(target, "base", shots=3, pool=problems, seed=1)
    assert len(prompt.shot_ids) == 3 and target.task_id not in prompt.shot_ids
    assert prompt.text.endswith(target.prompt)
    for sid in prompt.shot_ids:
        ex = next(p for p in problems if p.task_id == sid)
        assert ex.prompt + ex.canonical_solution.rstrip("\n") in prompt.text
    assert prompt.text.count(f"def {target.entry_point}(") == 1


def test_shots_seeded_per_task():
    problems = toy_problems(6)
    a = [p.task_id for p in select_shots(problems[0], problems, 2, seed=7)]
    b = [p.task_id for p in select_shots(problems[0], list(reversed(problems)), 2, seed=7)]
    assert a == b  # same pool, same choice whatever its order
    assert a == [p.task_id for p in select_shots(problems[0], problems, 2, seed=7)]
    draws = {tuple(p.task_id for p in select_shots(problems[0], problems, 2, seed=s)) for s in range(10)}
    assert len(draws) > 1  # the seed matters


def test_shots_skip_problems_without_solutions_and_small_pool_is_an_error():
    from dataclasses import replace

    problems = [replace(p, canonical_solution="") if i % 2 else p for i, p in enumerate(toy_problems(6))]
    chosen = select_shots(problems[0], problems, 2, seed=0)
    assert all(p.canonical_solution for p in chosen)
    with pytest.raises(InputError, match="lower --shots"):
        select_shots(problems[0], problems, 3, seed=0)


def test_instruct_messages_with_shots():
    problems = toy_problems(4)
    prompt = build_prompt(problems[0], "instruct", shots=2, pool=problems, seed=0, system="You write Python.")
    roles = [m["role"] for m in prompt.messages]
    assert roles == ["system", "user", "assistant", "user", "assistant", "user"]
    assert problems[0].prompt.strip() in prompt.messages[-1]["content"]
    assert prompt.messages[2]["content"].startswith("```python\n")
    assert prompt.stop == ()


def test_chat_alias_and_unknown_format():
    assert check_format("chat") == "instruct"
    assert build_prompt(toy_problems(1)[0], "chat").format == "instruct"
    with pytest.raises(InputError, match="unknown prompt format"):
        check_format("fim")
    assert default_stop("instruct") == ()


def test_render_with_tokenizer_template_and_fallback(tiny_model_dir):
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(tiny_model_dir)
    prompt = build_prompt(toy_problems(1)[0], "instruct")
    text, stops = render_prompt(tok, prompt)
    assert text.startswith("<|im_start|>user\n") and text.endswith("<|im_start|>assistant\n")
    assert stops == ()
    tok.chat_template = None
    text, stops = render_prompt(tok, prompt)
    assert "### Instruction:" in text and text.endswith("### Response:\n")
    assert stops == FALLBACK_STOP_SEQUENCES


def test_self_contained_examples_are_used_whole():
    from dataclasses import replace

    problems = [replace(p, canonical_solution=p.prompt + p.canonical_solution, extra={"self_contained": True})
                for p in toy_problems(3)]
    prompt = build_prompt(problems[0], "base", shots=1, pool=problems, seed=0)
    ex = next(p for p in problems if p.task_id == prompt.shot_ids[0])
    assert prompt.text.count(f"def {ex.entry_point}(") == 1
