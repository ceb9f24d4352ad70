"""`crossings extract` as a user runs it: a real subprocess, files, stdin, batch, bad input."""

import json
import subprocess
import sys

import pytest

SEED_DATE = "2022-09-27"


def crossings(*args, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "crossings", *args], input=stdin, capture_output=True,
                          timeout=120)


def test_extract_cli_json_is_valid_against_the_schema(shared_dir):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((shared_dir / "schema" / "figure.schema.json").read_text())
    out = crossings("extract", str(shared_dir / "seed" / "article.txt"), "--published", SEED_DATE,
                    "--format", "json")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert doc["article"]["published"] == SEED_DATE
    assert len(doc["figures"]) == 8
    for fig in doc["figures"]:
        jsonschema.validate(fig, schema, format_checker=jsonschema.FormatChecker())
        assert doc["article"]["text"][fig["evidence"]["start"]:fig["evidence"]["end"]] == fig["evidence"]["text"]


def test_extract_cli_reads_stdin_and_prints_a_table():
    text = b"About 3,000 Sudanese refugees crossed into Chad on Monday, UNHCR said."
    out = crossings("extract", "-", "--published", "2023-05-10", stdin=text)
    assert out.returncode == 0, out.stderr
    assert "SD → TD" in out.stdout.decode() and "3,000" in out.stdout.decode()


@pytest.mark.parametrize(("make", "needle"), [
    (lambda p: p.write_bytes(b"\x00\x01\x02binary" * 50), "binary"),
    (lambda p: p.write_bytes(b""), "empty"),
    (lambda p: None, "No such file"),
])
def test_extract_cli_bad_input_is_one_line_and_nonzero(tmp_path, make, needle):
    path = tmp_path / "input.txt"
    make(path)
    out = crossings("extract", str(path))
    assert out.returncode != 0
    err = out.stderr.decode()
    assert needle.lower() in err.lower() and str(path) in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_extract_cli_unreachable_url_is_one_line_error():
    out = crossings("extract", "http://127.0.0.1:9/nothing-listens-here")
    assert out.returncode != 0
    assert "127.0.0.1:9" in out.stderr.decode() and "Traceback" not in out.stderr.decode()


def test_extract_cli_bad_published_date_is_refused(shared_dir):
    out = crossings("extract", str(shared_dir / "seed" / "article.txt"), "--published", "27/09/2022")
    assert out.returncode != 0 and "YYYY-MM-DD" in out.stderr.decode()


def test_extract_cli_batch_one_line_per_input_and_bad_lines_isolated(tmp_path):
    lines = [
        {"id": "a", "text": "Some 2,000 Afghans returned from Pakistan last week, the IOM said.",
         "published": "2023-11-08"},
        "this is not json",
        {"id": "c", "text": ""},
        {"id": "d", "html": "<html><body><p>About 500 Venezuelans entered Peru on Friday, officials said.</p>"
                            "</body></html>", "published": "2023-06-10"},
    ]
    batch = tmp_path / "in.jsonl"
    batch.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n")
    out = crossings("extract", "--batch", str(batch))
    rows = [json.loads(line) for line in out.stdout.decode().splitlines()]
    assert len(rows) == 4
    assert rows[0]["id"] == "a" and rows[0]["figures"][0]["destination"] == "AF"
    assert "error" in rows[1] and "error" in rows[2]
    assert rows[3]["id"] == "d" and rows[3]["figures"][0]["origin"] == "VE"
    assert out.returncode == 1  # some lines failed
