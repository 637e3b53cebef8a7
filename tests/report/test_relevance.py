from synth.index.embedders import HashEmbedder
from synth.report.plan import plan_queries
from synth.report.relevance import rank_candidates, threshold_for
from synth.report.types import Candidate
from tests.report.corpus import LORA, OFF_TOPIC, QLORA, QUESTION


def _cand(spec, key):  # noqa: ANN001, ANN202
    return Candidate(key=key, title=spec.title, abstract=spec.abstract,
                     headings=tuple(s.heading for s in spec.sections), authors=tuple(spec.authors))


def test_keeps_on_topic_and_drops_off_topic_with_reason() -> None:
    plan = plan_queries(QUESTION)
    cands = [_cand(OFF_TOPIC, "bread"), _cand(LORA, "lora"), _cand(QLORA, "qlora")]
    decisions = rank_candidates(plan, cands, HashEmbedder())
    by_key = {d.candidate.key: d for d in decisions}
    assert by_key["lora"].kept and by_key["qlora"].kept
    bread = by_key["bread"]
    assert not bread.kept
    assert bread.reason.startswith(f"relevance {bread.score:.2f} < {threshold_for('hash-256-v1'):.2f}")
    assert "none of LoRA or QLoRA" in bread.reason and "Sourdough" in bread.reason
    assert "mentions LoRA or QLoRA" in by_key["lora"].reason
    assert decisions[-1].candidate.key == "bread"  # best first
    assert all(0 <= d.score <= 1 for d in decisions)


def test_max_papers_drops_the_rest_with_that_reason() -> None:
    plan = plan_queries(QUESTION)
    decisions = rank_candidates(plan, [_cand(LORA, "lora"), _cand(QLORA, "qlora")], HashEmbedder(), max_papers=1)
    assert sum(d.kept for d in decisions) == 1
    assert "beyond --max-papers 1" in [d for d in decisions if not d.kept][0].reason


def test_explicit_threshold_applies() -> None:
    plan = plan_queries(QUESTION)
    decisions = rank_candidates(plan, [_cand(LORA, "lora")], HashEmbedder(), threshold=0.99)
    assert not decisions[0].kept and "< 0.99" in decisions[0].reason
    assert rank_candidates(plan, [], HashEmbedder()) == []
