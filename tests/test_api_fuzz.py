"""Schemathesis fuzzes every operation in the app's own /openapi.json: no input may cause a server error,
and every response must match the spec (status code, content type, body schema)."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi", reason="needs the serve extra: pip install 'crossings[serve]'")
schemathesis = pytest.importorskip("schemathesis")

import atexit  # noqa: E402
import shutil  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

import httpx  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.checks import positive_data_acceptance  # noqa: E402

from crossings.config import Settings  # noqa: E402
from crossings.serve import create_app  # noqa: E402
from crossings.serve.testing import demo_results, hostile_result  # noqa: E402
from crossings.store import open_store  # noqa: E402

TOKEN = "fuzz-token-0123456789"
PAGE = ("<html><body><article><p>About 2,500 people crossed from Belarus into Lithuania on Sunday, border "
        "guards said.</p></article></body></html>")


def _app():
    """The whole app over the hand-made corpus; URL fetches answered by a mock, never the network."""
    folder = tempfile.mkdtemp(prefix="crossings-fuzz-")  # the schema is loaded at import: no tmp_path yet
    atexit.register(shutil.rmtree, folder, True)
    url = f"sqlite:///{Path(folder) / 'fuzz.sqlite'}"
    store = open_store(url)
    for result in [*demo_results(), hostile_result()]:
        store.save(result)
    pages = httpx.MockTransport(lambda request: httpx.Response(200, html=PAGE))
    return create_app(Settings(db=url, token=TOKEN, max_body_bytes=20_000), store=store, transport=pages)


APP = _app()
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_fuzz_no_server_errors(case):
    """Every operation, with the token (so writes are exercised too, not only refused). Posted articles
    are exempt from "schema-valid means accepted": whether a text holds any article is for the text
    stage to say (422 with its reason), not something a JSON schema can express."""
    excluded = [positive_data_acceptance] if case.operation.method.upper() == "POST" else []
    case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"}, excluded_checks=excluded)
