"""evalplus-format benchmarks (HumanEval+, MBPP+, and their base variants).

evalplus rows carry ``base_input`` / ``plus_input`` (lists of argument lists) instead of
assert-based tests; expected outputs come from running the canonical solution on the same
inputs. We generate a test script that does exactly that inside the sandbox, so nothing of
the benchmark runs in the harness process.

Supported, following evalplus's checker: exact ``==`` comparison on deep copies of the
inputs; floats (or lists/tuples of floats) compared with the row's ``atol`` (1e-6 when the
row says 0), relative tolerance 1e-7; the special oracles for ``find_zero`` (HumanEval/32),
``are_equivalent`` (Mbpp/164), ``sum_div`` (Mbpp/295) and the "output is not None" tasks
(``check_str``, ``text_match_three``, ``text_starta_endb``); and evalplus's conversion of
MBPP+ inputs from JSON lists back to tuples/sets/complex for the tasks that need it.
Not replicated: evalplus's per-input time limits derived from the reference's run time (we
apply one wall-clock limit per program) and its input contracts (only used to generate inputs).
"""

from __future__ import annotations

from typing import Any

# MBPP+ task numbers whose JSON inputs evalplus turns back into tuples (and friends):
# the same grouping as evalplus.data.mbpp.mbpp_deserialize_inputs.
_MBPP_CONVERSIONS: dict[str, tuple[int, ...]] = {
    "args_to_tuples": (2, 116, 132, 143, 222, 261, 273, 394, 399, 421, 424, 429, 470, 560, 579, 596, 616,
                       630, 726, 740, 744, 809),
    "nested_to_tuples": (63, 64, 70, 94, 120, 237, 272, 299, 400, 409, 417, 438, 473, 614, 780),
    "first_items_to_tuples": (75, 413, 444, 753),
    "second_to_tuple": (106, 750),
    "first_to_tuple": (250, 405, 446, 617, 720, 763, 808),
    "nested_then_args_to_tuples": (259, 401, 445),
    "all_to_tuples": (580, 615, 791),
}


def mbpp_conversion(task_id: str) -> str | None:
    """Which input conversion evalplus applies to an MBPP+ task (None: inputs as JSON gives them)."""
    try:
        num = int(task_id.rsplit("/", 1)[-1])
    except ValueError:
        return None
    if not task_id.lower().startswith("mbpp"):
        return None
    for name, nums in _MBPP_CONVERSIONS.items():
        if num in nums:
            return name
    return {115: "t115", 124: "t124", 252: "t252", 278: "t278", 307: "t307", 722: "t722"}.get(num)


# The checker that runs inside the sandbox after the candidate's code. Placeholders are
# filled with Python literals by make_test(). Pure Python: importing numpy would cost
# ~100 ms per program.
_CHECKER = r'''
def __litcheck_evalplus_check():
    import copy, json, math
    entry, conversion, atol = __ENTRY__, __CONVERSION__, __ATOL__
    inputs = json.loads(__INPUTS__)
    reference = {}
    exec(__REFERENCE__, reference)

    def tup(x):
        return tuple(tup(i) for i in x) if isinstance(x, list) else x

    def convert(inp):
        c = conversion
        if c == "args_to_tuples": return [tuple(a) for a in inp]
        if c == "nested_to_tuples": return [[tuple(x) for x in a] for a in inp]
        if c == "first_items_to_tuples": return [[tuple(x) for x in inp[0]]] + [inp[1]]
        if c == "second_to_tuple": return [inp[0], tuple(inp[1])]
        if c == "first_to_tuple": return [tuple(inp[0])] + inp[1:]
        if c == "nested_then_args_to_tuples": return [tuple(tuple(x) for x in a) for a in inp]
        if c == "all_to_tuples": return tup(inp)
        if c == "t115": return [[set(i) if isinstance(i, list) and len(i) else {} for i in inp[0]]]
        if c == "t124": return (float(inp[0]), complex(inp[1]))
        if c == "t252": return [complex(inp[0])]
        if c == "t278": return [tuple(tuple(i) if isinstance(i, list) else i for i in inp[0])]
        if c == "t307": return [tuple(inp[0]), inp[1], inp[2]]
        if c == "t722": return [{k: tuple(v) for k, v in inp[0].items()}] + inp[1:]
        return inp

    def is_floats(x):
        if isinstance(x, float): return True
        if isinstance(x, (list, tuple)): return all(isinstance(i, float) for i in x)
        return False

    def close(out, exp, tol):
        if isinstance(exp, (list, tuple)):
            return type(out) is type(exp) and len(out) == len(exp) and all(close(o, e, tol) for o, e in zip(out, exp))
        try:
            return abs(out - exp) <= tol + 1e-7 * abs(exp) or (math.isnan(out) and math.isnan(exp))
        except TypeError:
            return False

    def poly(xs, x):
        return sum(c * math.pow(x, i) for i, c in enumerate(xs))

    inputs = [convert(i) for i in inputs]
    ref_fn, fn = reference[entry], globals()[entry]
    always_true = always_zero = True
    original_ok = True
    for i, inp in enumerate(inputs):
        exp = ref_fn(*copy.deepcopy(inp))
        out = fn(*copy.deepcopy(inp))
        if entry in ("check_str", "text_match_three", "text_starta_endb"):
            # evalplus's MBPP "output not None" tasks: only whether a match was found counts.
            exp = exp is not None
            out = out if isinstance(out, bool) else out is not None
        ok = out == exp
        tol = atol
        if entry == "find_zero":
            assert abs(poly(*inp, out)) <= max(tol, 1e-6), f"input #{i}: find_zero root check failed"
            continue
        if entry in ("are_equivalent", "sum_div"):
            # evalplus accepts a function that always returns True (resp. 0) for these ill-posed tasks.
            original_ok = original_ok and ok
            always_true = always_true and out is True
            always_zero = always_zero and out == 0
            ok = original_ok or (always_true if entry == "are_equivalent" else always_zero)
        if tol == 0 and is_floats(exp):
            tol = 1e-6
        if not ok and tol != 0:
            ok = close(out, exp, tol)
        assert ok, f"input #{i} {str(inp)[:120]}: expected {str(exp)[:120]}, got {str(out)[:120]}"

__litcheck_evalplus_check()
'''


def make_test(row: dict[str, Any], inputs: list[Any], task_id: str) -> str:
    """Test source for an evalplus row: run reference and candidate on ``inputs`` and compare."""
    import json

    reference = row["prompt"] + row["canonical_solution"]
    atol = float(row.get("atol") or 0)
    import re

    values = {"ENTRY": repr(row["entry_point"]), "CONVERSION": repr(mbpp_conversion(task_id)),
              "ATOL": repr(atol), "INPUTS": repr(json.dumps(inputs)), "REFERENCE": repr(reference)}
    # One pass, so that text inside the inputs can never be taken for a placeholder.
    return re.sub(r"__(ENTRY|CONVERSION|ATOL|INPUTS|REFERENCE)__", lambda m: values[m.group(1)], _CHECKER)
