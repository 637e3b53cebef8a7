"""vLLM backend: only where vllm is importable and a CUDA GPU is present."""

from __future__ import annotations

import importlib.util
from typing import Any, Sequence

from evalkit.generation.errors import BackendError
from evalkit.prompts import Prompt, render_prompt


def vllm_unavailable_reason() -> str | None:
    """Why vLLM cannot run here (None when it can)."""
    if importlib.util.find_spec("vllm") is None:
        return "the 'vllm' package is not installed (pip install 'litcheck[vllm]' on a CUDA machine)"
    import torch

    if not torch.cuda.is_available():
        return "vLLM needs a CUDA GPU and torch sees none"
    return None


class VLLMBackend:
    """Generation with ``vllm.LLM``; LoRA adapters through ``LoRARequest``."""

    name = "vllm"

    def __init__(self, model: str, *, adapter: str | None = None, quantize: str | None = None,
                 device: str = "auto", batch_size: int = 64) -> None:
        reason = vllm_unavailable_reason()
        if reason:
            raise BackendError(f"backend 'vllm' is unavailable: {reason}; use --backend transformers")
        from vllm import LLM

        kwargs: dict[str, Any] = {"model": model, "enable_lora": bool(adapter)}
        if quantize == "4bit":
            kwargs["quantization"] = "bitsandbytes"
        elif quantize:
            raise BackendError(f"backend 'vllm' supports --quantize 4bit only, not '{quantize}'")
        self.llm = LLM(**kwargs)
        self.tokenizer = self.llm.get_tokenizer()
        self.adapter = adapter
        self.batch_size = batch_size

    def render(self, prompt: Prompt) -> tuple[str, tuple[str, ...]]:
        return render_prompt(self.tokenizer, prompt)

    def generate(self, texts: Sequence[str], *, temperature: float, top_p: float, max_new_tokens: int,
                 stop: Sequence[str], seed: int, add_special_tokens: bool = True) -> list[tuple[str, int]]:
        from vllm import SamplingParams

        params = SamplingParams(
            temperature=temperature, top_p=top_p if temperature > 0 else 1.0,
            max_tokens=max_new_tokens, stop=list(stop) or None, seed=seed,
        )
        lora = None
        if self.adapter:
            from vllm.lora.request import LoRARequest

            lora = LoRARequest("adapter", 1, self.adapter)
        outs = self.llm.generate(list(texts), params, lora_request=lora, use_tqdm=False)
        return [(o.outputs[0].text, len(o.outputs[0].token_ids)) for o in outs]
