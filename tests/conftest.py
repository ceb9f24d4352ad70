"""Fixtures every test module may use. Each issue's own fixtures live in its section below."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "seed" / "article.txt").is_file():
        pytest.skip(f"../shared/ is not beside this checkout ({SHARED}); the seed tests need it")
    return SHARED


@pytest.fixture(scope="session")
def seed(shared_dir: Path) -> dict:
    expected = json.loads((shared_dir / "seed" / "expected.json").read_text(encoding="utf-8"))
    expected["text"] = (shared_dir / "seed" / "article.txt").read_text(encoding="utf-8")
    return expected


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'crossings.sqlite'}"
