import numpy as np

from synth.index.embedders import HashEmbedder, resolve_model_path
from synth.index.lexical import BM25, rrf_fuse, tokenize


def test_tokens_keep_exact_ml_terms() -> None:
    toks = tokenize("Codex-12B reaches 28.81% pass@1 (72.3±0.4) on HumanEval.")
    for t in ("codex-12b", "codex", "12b", "28.81", "pass@1", "72.3±0.4", "humaneval"):
        assert t in toks, t
    assert "on" not in toks


def test_bm25_prefers_exact_number_match() -> None:
    bm = BM25([(1, "Codex-12B gets 28.81 pass@1"), (2, "Codex-300M gets 13.17 pass@1"), (3, "unrelated text")])
    ranked = bm.search("Codex-12B 28.81")
    assert ranked[0][0] == 1
    assert all(doc != 3 for doc, _ in ranked)
    assert bm.search("28.81", allowed={2}) == []


def test_rrf_fusion_rewards_agreement() -> None:
    fused = rrf_fuse([([1, 2, 3], 1.0), ([3, 1, 4], 1.0)], k=4)
    assert [d for d, _, _ in fused][:2] == [1, 3]
    assert fused[0][2] == [1, 2]


def test_hash_embedder_is_deterministic_and_normalised() -> None:
    e = HashEmbedder()
    a, b = e.embed(["low-rank adaptation of language models", "low-rank adaptation of language models"])
    assert np.allclose(a, b) and abs(np.linalg.norm(a) - 1) < 1e-5
    c = e.embed(["a recipe for sourdough bread"])[0]
    assert float(a @ b) > float(a @ c)


def test_model_resolution_prefers_explicit_then_package() -> None:
    assert resolve_model_path("/models/x") == ("/models/x", "/models/x")
    path, identity = resolve_model_path(None)
    assert identity == "sentence-transformers/all-MiniLM-L6-v2"
    assert path.endswith("model") or path == identity
