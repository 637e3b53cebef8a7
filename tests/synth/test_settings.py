from pathlib import Path

import pytest

from synth.errors import ConfigError
from synth.settings import load_settings


def test_layering_defaults_toml_env_flags(tmp_path: Path) -> None:
    (tmp_path / "litcheck.toml").write_text("search_k = 7\nchunk_words = 99\nworkers = 3\n")
    env = {"LITCHECK_HOME": str(tmp_path / "h"), "LITCHECK_CHUNK_WORDS": "120", "LITCHECK_WORKERS": "4"}
    s = load_settings({"workers": 1}, env=env)
    assert s.search_k == 7  # from the toml
    assert s.chunk_words == 120  # env beats toml
    assert s.workers == 1  # flag beats env
    assert s.home == tmp_path / "h"
    assert s.db_path == tmp_path / "h" / "litcheck.db"


def test_defaults_when_nothing_set(tmp_path: Path) -> None:
    s = load_settings(env={"LITCHECK_HOME": str(tmp_path)})
    assert s.arxiv_delay_seconds == 3.0
    assert s.embedder == "minilm"
    assert s.allow_exec is False


def test_bool_env_and_invalid_value(tmp_path: Path) -> None:
    assert load_settings(env={"LITCHECK_ALLOW_EXEC": "yes"}).allow_exec is True
    with pytest.raises(ConfigError, match="chunk_words"):
        load_settings(env={"LITCHECK_CHUNK_WORDS": "many"})


def test_unknown_key_in_toml_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "litcheck.toml").write_text("serch_k = 3\n")
    with pytest.raises(ConfigError, match="serch_k"):
        load_settings(env={})


def test_broken_toml_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "litcheck.toml").write_text("search_k = = 3\n")
    with pytest.raises(ConfigError, match="litcheck.toml"):
        load_settings(env={})
