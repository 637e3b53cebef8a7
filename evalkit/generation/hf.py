"""transformers backend: load a causal LM (hub id or local path, 4/8-bit, LoRA adapter) and
generate in left-padded batches with stop sequences and seeded sampling.

``load_causal_lm`` is shared with the fine-tuning kit so that training and evaluation load
models the same way.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any, Sequence

from synth.errors import MissingDependencyError

from evalkit.generation.errors import DeviceError, ModelLoadError
from evalkit.prompts import Prompt, render_prompt

QUANTIZE_CHOICES = ("4bit", "8bit")


def resolve_device(device: str | None) -> str:
    """'auto' -> 'cuda' when torch sees a GPU, else 'cpu'; 'cuda' without a GPU is an error."""
    import torch

    device = (device or "auto").lower()
    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if device.startswith("cuda"):
        if not torch.cuda.is_available():
            built = "with" if torch.version.cuda else "without"
            raise DeviceError(
                f"device '{device}' was asked for but torch {torch.__version__} (built {built} CUDA) sees no CUDA GPU; "
                "use --device cpu (or auto)"
            )
        return device
    if device == "cpu":
        return device
    raise DeviceError(f"unknown device '{device}'; use auto, cpu or cuda[:N]")


def quantization_config(quantize: str | None, device: str):
    """A BitsAndBytesConfig for '4bit' (NF4, double quantisation) or '8bit', else None."""
    if quantize in (None, "", "none"):
        return None
    if quantize not in QUANTIZE_CHOICES:
        raise DeviceError(f"unknown quantisation '{quantize}'; use one of: {', '.join(QUANTIZE_CHOICES)}")
    try:
        import bitsandbytes  # noqa: F401 - checked for a clear error before transformers tries
    except ImportError as exc:
        raise MissingDependencyError("bitsandbytes", f"{quantize} loading") from exc
    import torch
    from transformers import BitsAndBytesConfig

    if quantize == "4bit":
        compute = torch.bfloat16 if device.startswith("cuda") and torch.cuda.is_bf16_supported() else torch.float32
        return BitsAndBytesConfig(
            load_in_4bit=True,
            bnb_4bit_quant_type="nf4",
            bnb_4bit_use_double_quant=True,
            bnb_4bit_compute_dtype=compute,
        )
    return BitsAndBytesConfig(load_in_8bit=True)


def load_tokenizer(model: str):
    """The model's tokenizer, left-padded, with a pad token (eos when it has none)."""
    from transformers import AutoTokenizer

    try:
        tok = AutoTokenizer.from_pretrained(model)
    except Exception as exc:  # noqa: BLE001 - transformers raises OSError/ValueError/HF errors alike
        raise ModelLoadError(_load_message("tokenizer", model, exc)) from exc
    tok.padding_side = "left"  # decoder-only: new tokens must follow the prompt directly
    if tok.pad_token is None:
        tok.pad_token = tok.eos_token
    return tok


def _load_message(what: str, model: str, exc: Exception) -> str:
    first = " ".join(str(exc).split())[:200]
    where = "local directory" if Path(model).exists() else "not a local directory and not available from the Hugging Face hub"
    return (
        f"cannot load {what} '{model}' ({where}): {type(exc).__name__}: {first}; "
        "give a directory saved with save_pretrained or a hub id that is cached (HF_HUB_OFFLINE) or reachable"
    )


def load_causal_lm(
    model: str,
    *,
    quantize: str | None = None,
    device: str = "auto",
    adapter: str | None = None,
    dtype: str = "auto",
    trainable_adapter: bool = False,
):
    """Load (model, tokenizer, device): a causal LM from a path or hub id.

    ``quantize`` '4bit'/'8bit' loads through bitsandbytes; ``adapter`` puts a saved PEFT
    (LoRA) adapter on top. Every failure becomes a one-line ModelLoadError/DeviceError.
    """
    import torch
    from transformers import AutoModelForCausalLM
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # per-shard bars on stderr would clutter --json runs
    dev = resolve_device(device)
    qcfg = quantization_config(quantize, dev)
    tokenizer = load_tokenizer(model)
    if dtype == "auto":
        torch_dtype = torch.bfloat16 if dev.startswith("cuda") and torch.cuda.is_bf16_supported() else torch.float32
    else:
        torch_dtype = getattr(torch, dtype)
    kwargs: dict[str, Any] = {"dtype": torch_dtype}
    if qcfg is not None:
        kwargs["quantization_config"] = qcfg
        kwargs["device_map"] = {"": dev}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            lm = AutoModelForCausalLM.from_pretrained(model, **kwargs)
    except Exception as exc:  # noqa: BLE001
        if qcfg is not None and Path(model).exists():
            raise DeviceError(
                f"cannot load '{model}' in {quantize}: {type(exc).__name__}: {' '.join(str(exc).split())[:200]}; "
                "this machine's bitsandbytes may not support it, try without --quantize"
            ) from exc
        raise ModelLoadError(_load_message("model", model, exc)) from exc
    if qcfg is None:
        lm.to(dev)
    if adapter:
        lm = attach_adapter(lm, adapter, trainable=trainable_adapter)
    if lm.generation_config.pad_token_id is None:
        lm.generation_config.pad_token_id = tokenizer.pad_token_id
    return lm, tokenizer, dev


def keep_4bit_trainable(lm: Any) -> int:
    """Stop bitsandbytes repacking 4-bit weights for CPU inference while we train.

    On CPUs with AVX512-BF16, bitsandbytes (0.50) repacks a Linear4bit's weights the first
    time it runs in eval mode without gradients (our eval-loss pass), and the repacked layer
    no longer passes gradients to the LoRA adapter on top: the loss then stays flat for the
    rest of training. Returns how many layers were pinned.
    """
    count = 0
    for module in lm.modules():
        if hasattr(module, "support_avx512bf16_for_cpu"):
            module.support_avx512bf16_for_cpu = False
            count += 1
    return count


def attach_adapter(lm: Any, adapter: str, trainable: bool = False):
    """Put a saved PEFT adapter (e.g. from ``litcheck finetune``) on top of a base model."""
    try:
        from peft import PeftModel
    except ImportError as exc:
        raise MissingDependencyError("peft", "loading a LoRA adapter") from exc
    if not (Path(adapter) / "adapter_config.json").is_file() and Path(adapter).exists():
        raise ModelLoadError(f"'{adapter}' holds no adapter_config.json; give the directory 'litcheck finetune' wrote")
    try:
        return PeftModel.from_pretrained(lm, adapter, is_trainable=trainable)
    except Exception as exc:  # noqa: BLE001
        raise ModelLoadError(_load_message("adapter", adapter, exc)) from exc


class _StopOnStrings:
    """Stopping criterion: a row is finished once its new text contains a stop sequence."""

    def __init__(self, tokenizer: Any, prompt_len: int, stops: Sequence[str]) -> None:
        self.tokenizer, self.prompt_len, self.stops = tokenizer, prompt_len, [s for s in stops if s]

    def __call__(self, input_ids, scores, **kwargs):  # noqa: ANN001 - transformers' signature
        import torch

        new = input_ids[:, self.prompt_len:]
        # Decoding only the tail keeps this cheap; stop strings are short.
        tail = new[:, -16:]
        texts = self.tokenizer.batch_decode(tail, skip_special_tokens=True)
        return torch.tensor([any(s in t for s in self.stops) for t in texts], dtype=torch.bool, device=input_ids.device)


class TransformersBackend:
    """Generation with ``model.generate`` on CPU or CUDA."""

    name = "transformers"

    def __init__(self, model: str, *, adapter: str | None = None, quantize: str | None = None,
                 device: str = "auto", batch_size: int = 8) -> None:
        self.model_id = model
        self.model, self.tokenizer, self.device = load_causal_lm(model, quantize=quantize, device=device, adapter=adapter)
        self.model.eval()
        self.batch_size = batch_size

    def render(self, prompt: Prompt) -> tuple[str, tuple[str, ...]]:
        """Model input text and stop sequences for one prompt."""
        return render_prompt(self.tokenizer, prompt)

    def generate(self, texts: Sequence[str], *, temperature: float, top_p: float, max_new_tokens: int,
                 stop: Sequence[str], seed: int, add_special_tokens: bool = True) -> list[tuple[str, int]]:
        """One (decoded new text, new-token count) per input text; sampling is seeded per call."""
        import torch
        from transformers import StoppingCriteriaList

        enc = self.tokenizer(list(texts), return_tensors="pt", padding=True, add_special_tokens=add_special_tokens)
        enc = {k: v.to(self.device) for k, v in enc.items()}
        prompt_len = enc["input_ids"].shape[1]
        gen_kwargs: dict[str, Any] = {"max_new_tokens": max_new_tokens, "pad_token_id": self.tokenizer.pad_token_id}
        if temperature > 0:
            gen_kwargs.update(do_sample=True, temperature=temperature, top_p=top_p)
        else:
            gen_kwargs.update(do_sample=False, temperature=None, top_p=None, top_k=None)
        if stop:
            gen_kwargs["stopping_criteria"] = StoppingCriteriaList([_StopOnStrings(self.tokenizer, prompt_len, stop)])
        torch.manual_seed(seed)
        with torch.inference_mode(), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            out = self.model.generate(**enc, **gen_kwargs)
        new = out[:, prompt_len:]
        pad = self.tokenizer.pad_token_id
        counts = [int((row != pad).sum()) for row in new]
        return list(zip(self.tokenizer.batch_decode(new, skip_special_tokens=True), counts))
