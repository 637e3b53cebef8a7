from synth.report.plan import norm, plan_queries, term_hits

Q = "How does LoRA or QLoRA fine-tuning compare with full fine-tuning in quality and memory?"


def test_plan_groups_synonyms_and_facets() -> None:
    plan = plan_queries(Q)
    terms = [g.term for g in plan.groups]
    assert terms[0] == "LoRA or QLoRA"  # "or" joins alternatives into one group
    lora = plan.groups[0]
    assert lora.specific and "low-rank adaptation" in lora.variants and "quantized low-rank" in lora.variants
    assert "fine-tuning" in terms and not plan.groups[terms.index("fine-tuning")].specific
    assert [f.name for f in plan.facets] == ["Quality", "Memory"]
    for word in ("how", "compare", "full", "quality", "memory"):
        assert word not in [t.lower() for t in terms]


def test_plan_queries_are_few_distinct_and_name_the_methods() -> None:
    plan = plan_queries(Q)
    assert 2 <= len(plan.queries) <= 5
    assert len({q.lower() for q in plan.queries}) == len(plan.queries)
    assert any("QLoRA" in q for q in plan.queries) and any("LoRA fine-tuning" == q for q in plan.queries)
    assert any('"low-rank adaptation"' in q for q in plan.queries)


def test_spelled_out_method_maps_back_to_its_acronym() -> None:
    plan = plan_queries("Does low-rank adaptation reduce GPU memory?")
    assert any("lora" in g.variants for g in plan.groups)


def test_question_without_named_methods_still_plans() -> None:
    plan = plan_queries("Does chain-of-thought prompting improve arithmetic reasoning?")
    assert [g.term for g in plan.groups][:2] == ["chain-of-thought", "prompting"]
    assert plan.queries[0] == "chain-of-thought prompting arithmetic reasoning"


def test_term_matching_ignores_punctuation_and_hyphens() -> None:
    plan = plan_queries(Q)
    assert term_hits("QLoRA: Efficient Finetuning of Quantized LLMs", plan.groups) == ["LoRA or QLoRA", "fine-tuning"]
    assert term_hits("Low Rank Adaptation.", plan.groups) == ["LoRA or QLoRA"]
    assert term_hits("Sourdough fermentation in rye bread", plan.groups) == []
    assert norm("pass@1, (LoRA).") == "pass@1 lora"
