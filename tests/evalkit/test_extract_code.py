"""Code extraction from realistic base- and instruct-model outputs."""

from __future__ import annotations

import ast

import pytest

from evalkit.extract_code import (
    code_from_answer,
    extract_completion,
    fenced_blocks,
    truncate_at_stops,
)
from evalkit.prompts import BASE_STOP_SEQUENCES

PROMPT = '''from typing import List


def has_close_elements(numbers: List[float], threshold: float) -> bool:
    """ Check if in given list of numbers, are any two numbers closer to each other than
    given threshold.
    >>> has_close_elements([1.0, 2.0, 3.0], 0.5)
    False
    """
'''
EP = "has_close_elements"

SOLUTION = '''def has_close_elements(numbers: List[float], threshold: float) -> bool:
    """ Check if in given list of numbers, are any two numbers closer to each other than
    given threshold.
    """
    for i, a in enumerate(numbers):
        for j, b in enumerate(numbers):
            if i != j and abs(a - b) < threshold:
                return True
    return False'''


def run_program(completion: str, prompt: str = PROMPT, entry_point: str = EP):
    """Execute prompt + completion (our own trusted strings) and return the entry point."""
    program = prompt + completion
    tree = ast.parse(program)
    defs = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == entry_point]
    ns: dict = {}
    exec(compile(program, "<test>", "exec"), ns)  # noqa: S102 - fixed test strings
    return ns[entry_point], len(defs)


def check_works(completion: str) -> None:
    fn, n_defs = run_program(completion)
    assert n_defs == 1, completion
    assert fn([1.0, 2.0, 3.0], 0.5) is False
    assert fn([1.0, 2.8, 3.0], 0.3) is True


def test_base_truncates_at_human_eval_stops():
    raw = "    return any(abs(a - b) < threshold for i, a in enumerate(numbers) for j, b in enumerate(numbers) if i != j)\n\n\ndef check():\n    pass\n"
    out = extract_completion(raw, PROMPT, EP, "base", BASE_STOP_SEQUENCES)
    assert "def check" not in out
    check_works(out)


@pytest.mark.parametrize("stop", ["\nif __name__", "\nprint(", "\n#", "\nclass "])
def test_each_base_stop(stop):
    raw = "    return False" + stop + "rest"
    assert truncate_at_stops(raw, BASE_STOP_SEQUENCES) == "    return False"


def test_truncate_picks_earliest_stop():
    assert truncate_at_stops("a\n#b\ndef c", ["\ndef ", "\n#"]) == "a"
    assert truncate_at_stops("abc", []) == "abc"


def test_fenced_answer_repeating_signature_returns_body_only():
    raw = f"Here is the implementation:\n\n```python\n{SOLUTION}\n```\n\nThis compares every pair of numbers."
    out = extract_completion(raw, PROMPT, EP, "instruct")
    assert "def has_close_elements" not in out
    assert out.startswith("    for i, a")
    check_works(out)


def test_fence_without_language_tag():
    raw = f"```\n{SOLUTION}\n```"
    check_works(extract_completion(raw, PROMPT, EP, "instruct"))


def test_several_fences_picks_the_one_defining_the_entry_point():
    raw = (
        "First, the imports:\n```python\nfrom typing import List\n```\n"
        f"Then the function:\n```python\n{SOLUTION}\n```\n"
        "Example usage:\n```python\nprint(has_close_elements([1.0, 2.0], 0.5))\n```\n"
    )
    out = extract_completion(raw, PROMPT, EP, "instruct")
    assert "print(" not in out
    check_works(out)


def test_unterminated_fence_is_still_code():
    raw = f"Sure!\n```python\n{SOLUTION}\n"
    check_works(extract_completion(raw, PROMPT, EP, "instruct"))


def test_chatty_answer_without_fences():
    raw = f"Here is the code:\n\n{SOLUTION}\n\nThe function checks each pair, so it runs in O(n^2) time."
    out = extract_completion(raw, PROMPT, EP, "instruct")
    assert "O(n^2)" not in out
    check_works(out)


def test_extra_imports_helpers_kept_and_main_block_and_tests_dropped():
    raw = """```python
import itertools
from typing import List


def _close(a, b, t):
    return abs(a - b) < t


def has_close_elements(numbers: List[float], threshold: float) -> bool:
    return any(_close(a, b, threshold) for a, b in itertools.combinations(numbers, 2))


if __name__ == "__main__":
    print(has_close_elements([1.0, 2.0, 3.0], 0.5))
    assert has_close_elements([1.0, 1.1], 0.5)
```"""
    out = extract_completion(raw, PROMPT, EP, "instruct")
    assert "__main__" not in out and "print(" not in out
    assert "import itertools" in out and "def _close" in out
    assert "from typing import List" not in out  # already in the prompt
    check_works(out)


def test_one_liner_definition():
    prompt = 'def add(x, y):\n    """Add two numbers."""\n'
    raw = "```python\ndef add(x, y): return x + y\n```"
    out = extract_completion(raw, prompt, "add", "instruct")
    fn, n = run_program(out, prompt, "add")
    assert n == 1 and fn(2, 3) == 5


def test_tab_indented_answer_is_reindented_to_prompt():
    raw = "```python\ndef has_close_elements(numbers, threshold):\n\tfor i in range(len(numbers)):\n\t\tfor j in range(i + 1, len(numbers)):\n\t\t\tif abs(numbers[i] - numbers[j]) < threshold:\n\t\t\t\treturn True\n\treturn False\n```"
    check_works(extract_completion(raw, PROMPT, EP, "instruct"))


def test_body_only_answer_is_kept():
    raw = "```python\n    return any(abs(a - b) < threshold for i, a in enumerate(numbers) for b in numbers[i + 1:])\n```"
    check_works(extract_completion(raw, PROMPT, EP, "instruct"))


def test_mbpp_style_prompt_without_signature_returns_module():
    prompt = '"""\nWrite a function to find the shared elements from the given two lists.\nassert set(similar_elements((3, 4, 5, 6),(5, 7, 4, 10))) == set((4, 5))\n"""\n'
    raw = (
        "Certainly! Here's a solution:\n\n```python\ndef similar_elements(a, b):\n    return tuple(set(a) & set(b))\n\n"
        "print(similar_elements((3, 4, 5, 6), (5, 7, 4, 10)))\n```\nLet me know if you need more help."
    )
    out = extract_completion(raw, prompt, "similar_elements", "instruct")
    assert "print(" not in out
    fn, n = run_program(out, prompt, "similar_elements")
    assert n == 1 and set(fn((3, 4, 5, 6), (5, 7, 4, 10))) == {4, 5}


def test_decorated_helper_and_async_kept():
    raw = "```py\nimport functools\n\n@functools.lru_cache(None)\ndef fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\n\ndef has_close_elements(numbers, threshold):\n    return fib(0) == 1\n```"
    out = extract_completion(raw, PROMPT, EP, "instruct")
    assert "@functools.lru_cache(None)" in out


def test_unparsable_code_passed_through():
    raw = "```python\ndef has_close_elements(numbers, threshold):\n    return (\n```"
    out = extract_completion(raw, PROMPT, EP, "instruct")
    assert "def has_close_elements" in out  # left for the sandbox to report as an error


def test_instruct_stop_applied_before_extraction():
    raw = f"```python\n{SOLUTION}\n```\n### Instruction:\nwrite another"
    out = extract_completion(raw, PROMPT, EP, "instruct", ("\n### Instruction:",))
    assert "Instruction" not in out
    check_works(out)


def test_fenced_blocks_and_non_python_fence_ignored():
    text = "```bash\npip install x\n```\n```python\nx = 1\n```"
    assert fenced_blocks(text) == [("bash", "pip install x\n"), ("python", "x = 1\n")]
    assert code_from_answer(text) == "x = 1\n"


def test_answer_with_no_code_returned_unchanged():
    assert code_from_answer("I cannot help with that.") == "I cannot help with that."


PRO_PROMPT = (
    "def add(a, b):\n    \"\"\"Add.\"\"\"\n\n\n"
    "# Sum a list of pairs using add.\ndef add_pairs(pairs):\n"
)


def test_self_contained_instruct_returns_whole_program():
    raw = ("```python\ndef add(a, b):\n    return a + b\n\n\ndef add_pairs(pairs):\n"
           "    return [add(a, b) for a, b in pairs]\n\nprint(add_pairs([(1, 2)]))\n```")
    out = extract_completion(raw, PRO_PROMPT, "add_pairs", "instruct", self_contained=True)
    assert "print(" not in out
    ns: dict = {}
    exec(compile(out, "<t>", "exec"), ns)  # noqa: S102 - fixed test string
    assert ns["add_pairs"]([(1, 2), (3, 4)]) == [3, 7]


def test_self_contained_base_prefixes_prompt():
    out = extract_completion("    return []\n\ndef other():\n", PRO_PROMPT, "add_pairs", "base",
                             BASE_STOP_SEQUENCES, self_contained=True)
    assert out == PRO_PROMPT + "    return []\n"


class _ChattyOracle:
    """A fake instruct backend answering with the reference solution wrapped in chat prose."""

    name, batch_size = "oracle", 16

    def __init__(self, problems, style):
        self.by, self.style = {p.task_id: p for p in problems}, style

    def render(self, prompt):
        return prompt.task_id, ()

    def generate(self, texts, **kw):
        out = []
        for t in texts:
            p = self.by[t]
            code = p.canonical_solution if p.extra.get("self_contained") else p.prompt + p.canonical_solution
            if self.style == "fence":
                raw = (f"Sure! Here is the implementation:\n\n```python\n{code}\n```\n\nExample:\n"
                       f"```python\nprint({p.entry_point})\n```\nIt runs in linear time.")
            else:
                raw = f"Here is the code:\n\n{code}\n\nThis function solves the task."
            out.append((raw, 1))
        return out


@pytest.mark.parametrize("style", ["fence", "prose"])
def test_wrapped_reference_solutions_still_pass(settings, tmp_path, style):
    """Extraction keeps real solutions intact: HumanEval, HumanEval Pro and MBPP Pro references
    wrapped as a chatty model would wrap them still pass their tests in the sandbox."""
    from evalkit.benchmarks import load_benchmark
    from evalkit.evaluate import evaluate_samples
    from evalkit.generation import generate_samples

    s = settings.model_copy(update={"allow_exec": True})
    for name, count in (("humaneval", 12), ("humaneval_pro", 6), ("mbpp_pro", 6)):
        bench = load_benchmark(name)
        problems = list(bench.problems[:count])
        out = tmp_path / f"{name}.jsonl"
        generate_samples("oracle", problems, out, prompt_format="instruct", settings=s,
                         backend_obj=_ChattyOracle(problems, style))
        report = evaluate_samples(out, bench, s, ks=(1,))
        statuses = {x["task_id"]: x["status"] for x in report.to_json()["samples"]}
        assert set(statuses.values()) == {"passed"}, (name, statuses)
