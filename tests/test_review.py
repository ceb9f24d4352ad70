"""Review: decisions and their append-only log, two reviewers on one figure, re-extraction that keeps
reviewed figures, sharing decisions as JSON lines, the CLI walk, `eval --from-reviews`, and the API's
permission boundary over a real loopback server. Store-level tests run on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import threading

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from crossings import accounts, review
from crossings.aggregate import series as series_mod
from crossings.cli import app
from crossings.config import Settings
from crossings.errors import StoreError
from crossings.pipeline import analyse
from crossings.serve.testing import demo_results
from crossings.store import FigureQuery, open_store
from crossings.store.reviews import review_log

runner = CliRunner()
TOKEN = "review-token-0123456789"
# The hand-made corpus (crossings.serve.testing.DEMO): figure ids in save order.
KZ_98000, KZ_RATE, GE_10000, GE_RANGE, GE_VEHICLES, FI_8572, KZ_50000, MN_3000 = range(1, 9)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'review.sqlite'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def store(db_url):
    with open_store(db_url) as opened:
        for result in demo_results():
            opened.save(result)
        yield opened


@pytest.fixture
def sqlite_store(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'review.sqlite'}") as opened:
        for result in demo_results():
            opened.save(result)
        yield opened


def _state(store, figure_id):
    row = store.figure(figure_id)
    return row["review_state"], row["recommended"]


# -- decisions and the log ---------------------------------------------------------------------------


def test_review_accept_sets_state_and_logs_who_when_what_why(store):
    entry = review.accept(store, KZ_98000, "ann", "matches the ministry's release")
    assert _state(store, KZ_98000) == ("accepted", False)
    [logged] = review.history(store, KZ_98000)
    assert logged["uid"] == entry["uid"] and logged["reviewer"] == "ann" and logged["action"] == "accept"
    assert logged["reason"] == "matches the ministry's release" and logged["at"].startswith("20")
    assert logged["before"] == {"review_state": "unreviewed", "recommended": False}
    assert logged["after"] == {"review_state": "accepted", "recommended": False}


def test_review_correct_keeps_the_machine_values_beside_the_analysts(store):
    review.correct(store, GE_RANGE, {"low": "5,500", "period_start": "2022-09-20"}, "ann")
    review.correct(store, GE_RANGE, {"high": 6500}, "bob")
    row = store.figure(GE_RANGE)
    assert (row["review_state"], row["low"], row["high"], row["period_start"]) == ("corrected", 5500, 6500,
                                                                                    "2022-09-20")
    assert row["machine_values"]["low"] == 5000 and row["machine_values"]["high"] == 6000  # the first reading
    first, second = review.history(store, GE_RANGE)
    assert first["before"]["low"] == 5000 and first["after"]["low"] == 5500 and "high" not in first["after"]
    assert second["before"]["high"] == 6000 and second["after"]["high"] == 6500


def test_review_accepting_a_corrected_figure_keeps_it_corrected(store):
    review.correct(store, KZ_98000, {"low": 97000}, "ann")
    review.accept(store, KZ_98000, "bob")
    assert store.figure(KZ_98000)["review_state"] == "corrected"


@pytest.mark.parametrize("fields", [{"low": 7000}, {"origin": "XX"}, {"period_end": "27/09/2022"},
                                    {"kind": "total"}, {"unit": "tonnes"}, {"id": 3}, {}])
def test_review_bad_correction_changes_nothing(store, fields):
    before = store.figure(GE_RANGE)
    with pytest.raises(review.ReviewError):
        review.correct(store, GE_RANGE, fields, "ann")
    assert store.figure(GE_RANGE) == before and review.history(store, GE_RANGE) == []


def test_review_reject_leaves_the_figure_out_of_the_series(store):
    before = series_mod.build(store.figures(FigureQuery(origin="RU", destination="GE")), "RU", "GE")
    review.reject(store, GE_10000, "ann", "a forecast, not a count")
    after = series_mod.build(store.figures(FigureQuery(origin="RU", destination="GE")), "RU", "GE")
    assert GE_10000 in [i for p in before.points for i in p.figure_ids]
    assert GE_10000 not in [i for p in after.points for i in p.figure_ids]


def test_review_unknown_figure_is_not_found(store):
    with pytest.raises(review.ReviewError) as caught:
        review.reject(store, 999, "ann")
    assert caught.value.reason == "not_found"


def test_review_recommend_takes_the_mark_from_an_overlapping_figure(store):
    review.correct(store, GE_RANGE, {"period_end": "2022-09-28"}, "ann")  # now overlaps GE_10000
    review.recommend(store, GE_RANGE, "ann")
    review.recommend(store, GE_10000, "bob")
    assert _state(store, GE_10000) == ("accepted", True)
    assert _state(store, GE_RANGE) == ("corrected", False)
    assert [e["action"] for e in review.history(store, GE_RANGE)] == ["correct", "recommend", "unrecommend"]
    assert review.history(store, GE_RANGE)[-1]["reason"] == f"figure {GE_10000} recommended instead"


def test_review_store_honours_the_review_set(store):
    review.accept(store, KZ_98000, "ann")
    review.correct(store, KZ_RATE, {"low": 9000}, "ann")
    review.reject(store, KZ_50000, "ann")
    review.recommend(store, FI_8572, "ann")
    reviewed = {r["id"] for r in store.figures(FigureQuery(review="reviewed"))}
    assert reviewed == {KZ_98000, KZ_RATE, FI_8572}
    assert [r["id"] for r in store.figures(FigureQuery(review="recommended"))] == [FI_8572]
    assert store.count_figures(FigureQuery(review="all")) == 8


def test_review_two_reviewers_later_wins_and_both_are_logged(store):
    review.correct(store, KZ_RATE, {"low": 9000}, "ann", "the ministry said 9,000")
    review.correct(store, KZ_RATE, {"low": 11000, "high": 11000}, "bob", "the ministry said 11,000")
    row = store.figure(KZ_RATE)
    assert (row["low"], row["high"]) == (11000, 11000)
    ann, bob = review.history(store, KZ_RATE)
    assert (ann["reviewer"], bob["reviewer"]) == ("ann", "bob")
    assert bob["before"]["low"] == ann["after"]["low"] == 9000  # bob changed what ann had left


def test_review_concurrent_reviewers_serialise_and_the_last_commit_wins(sqlite_store):
    start = threading.Barrier(6)

    def work(n: int) -> None:
        start.wait()
        review.correct(sqlite_store, KZ_98000, {"low": 90000 + n}, f"reviewer-{n}")

    threads = [threading.Thread(target=work, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    log = review.history(sqlite_store, KZ_98000)
    assert len(log) == 6 and len({e["reviewer"] for e in log}) == 6
    for earlier, later in zip(log, log[1:], strict=False):
        assert later["before"]["low"] == earlier["after"]["low"]  # each saw the one before it
    assert sqlite_store.figure(KZ_98000)["low"] == log[-1]["after"]["low"]


def test_review_log_is_append_only(store):
    review.accept(store, KZ_98000, "ann")
    for statement in (review_log.update().values(reviewer="mallory"), review_log.delete()):
        with pytest.raises((sa.exc.SQLAlchemyError, StoreError)), store.engine.begin() as conn:
            conn.execute(statement)
    assert review.history(store, KZ_98000)[0]["reviewer"] == "ann"


# -- re-extraction -----------------------------------------------------------------------------------


def test_review_reextraction_leaves_reviewed_figures_alone(store):
    article = demo_results()[0].article
    review.correct(store, KZ_98000, {"low": 97000}, "ann")
    review.reject(store, KZ_RATE, "ann", "not a count of Russians")
    fresh = analyse(article, Settings(triage=False)).figures
    assert len(fresh) >= 2  # the extractor finds both again
    store.replace_figures(1, fresh)
    rows = store.figures(FigureQuery(article_id=1))
    assert sorted(r["review_state"] for r in rows) == ["corrected", "rejected"]  # no unreviewed copies
    assert store.figure(KZ_98000)["low"] == 97000 and store.figure(KZ_RATE)["review_state"] == "rejected"


def test_review_reextraction_replaces_unreviewed_figures(store):
    review.accept(store, GE_10000, "ann")
    store.replace_figures(2, [])
    assert [r["id"] for r in store.figures(FigureQuery(article_id=2))] == [GE_10000]


# -- sharing decisions -------------------------------------------------------------------------------


def _reversed_corpus(url: str):
    """The same articles saved in the other order: every figure gets another id."""
    other = open_store(url)
    for result in reversed(demo_results()):
        other.save(result)
    return other


def test_review_decisions_round_trip_between_databases(store, tmp_path):
    review.correct(store, GE_RANGE, {"low": 5500}, "ann", "typo")
    review.reject(store, KZ_50000, "bob")
    review.recommend(store, FI_8572, "ann")
    path = tmp_path / "decisions.jsonl"
    assert review.export_decisions(store, path) == 3
    assert all(json.loads(line)["format"] == review.FORMAT for line in path.read_text().splitlines())
    with _reversed_corpus(f"sqlite:///{tmp_path / 'other.sqlite'}") as other:
        first = review.import_decisions(other, path)
        again = review.import_decisions(other, path)
        mine = {(r["evidence"]["text"], r["review_state"], r["recommended"], r["low"]) for r in store.figures()}
        theirs = {(r["evidence"]["text"], r["review_state"], r["recommended"], r["low"]) for r in other.figures()}
        assert mine == theirs
        assert (first.applied, first.known) == (3, 0) and (again.applied, again.known) == (0, 3)
        assert len(other.review_log()) == 3 and {e["via"] for e in other.review_log()} == {"import"}
        assert {e["uid"] for e in other.review_log()} == {e["uid"] for e in store.review_log()}


def test_review_import_never_lets_an_older_decision_undo_a_newer_one(store, tmp_path):
    review.reject(store, KZ_50000, "bob", "volunteers' guess")
    path = tmp_path / "old.jsonl"
    review.export_decisions(store, path)
    with _reversed_corpus(f"sqlite:///{tmp_path / 'other.sqlite'}") as other:
        here = next(r["id"] for r in other.figures() if r["low"] == 50000)
        review.accept(other, here, "cem")  # made after bob's rejection
        summary = review.import_decisions(other, path)
        assert (summary.applied, summary.superseded) == (0, 1)
        assert other.figure(here)["review_state"] == "accepted"
        assert [e["applied"] for e in review.history(other, here)] == [True, False]


def test_review_import_counts_what_it_cannot_place(store, tmp_path):
    path = tmp_path / "d.jsonl"
    review.accept(store, MN_3000, "ann")
    review.export_decisions(store, path)
    with open_store(f"sqlite:///{tmp_path / 'empty.sqlite'}") as empty:
        assert review.import_decisions(empty, path).unmatched == 1


# -- CLI ---------------------------------------------------------------------------------------------


def test_review_cli_walks_newest_first_a_key_per_figure(sqlite_store):
    result = runner.invoke(app, ["review", "--db", sqlite_store.url, "--reviewer", "ann"], input="a x r s m q")
    assert result.exit_code == 0, result.output
    assert "figure 8 (1 of 8)" in result.output and "unknown key" in result.output
    assert "Mongolia said more than 3,000 Russians" in result.output
    states = {r["id"]: r["review_state"] for r in sqlite_store.figures()}
    assert states[MN_3000] == "accepted" and states[GE_10000] == "rejected" and states[GE_RANGE] == "unreviewed"
    assert sqlite_store.figure(GE_VEHICLES)["recommended"] is True
    assert {e["via"] for e in sqlite_store.review_log()} == {"cli"}


def test_review_cli_correct_asks_for_fields_and_a_corridor_narrows_the_walk(sqlite_store):
    keys = 'c\nlow=5.5k\nc\nlow=5,500 attributed_to="Georgian officials" reason="misread"\nq'
    result = runner.invoke(app, ["review", "--db", sqlite_store.url, "--reviewer", "ann", "--corridor", "ru-ge"],
                           input=keys)
    assert result.exit_code == 0, result.output
    assert "low '5.5k'" in result.output  # the bad value is refused and asked again
    row = sqlite_store.figure(GE_10000)
    assert (row["review_state"], row["low"], row["attributed_to"]) == ("corrected", 5500, "Georgian officials")
    assert review.history(sqlite_store, GE_10000)[0]["reason"] == "misread"


def test_review_cli_highlights_the_figure_in_its_sentence(sqlite_store):
    from rich.console import Console

    from crossings.cli.review import figure_panel

    console = Console(force_terminal=True, color_system="standard", width=200)
    with console.capture() as captured:
        console.print(figure_panel(sqlite_store.figure(GE_RANGE), 1, 1))
    assert "\x1b[1;30;43mbetween 5,000 and 6,000\x1b[0m" in captured.get()


def test_review_cli_export_import_and_history(sqlite_store, tmp_path):
    review.reject(sqlite_store, KZ_50000, "bob", "a guess")
    path = tmp_path / "shared.jsonl"
    exported = runner.invoke(app, ["review", "--db", sqlite_store.url, "--export", str(path)])
    assert exported.exit_code == 0 and "wrote 1 decisions" in exported.output
    with _reversed_corpus(f"sqlite:///{tmp_path / 'b.sqlite'}") as other:
        for expected in ("applied 1", "known 1"):
            done = runner.invoke(app, ["review", "--db", other.url, "--import", str(path)])
            assert done.exit_code == 0 and expected in done.output, done.output
        here = next(r["id"] for r in other.figures() if r["low"] == 50000)
    shown = runner.invoke(app, ["review", "--db", other.url, "--history", str(here)])
    assert "bob" in shown.output and "reject" in shown.output and "a guess" in shown.output


def test_review_cli_eval_scores_the_extractor_against_the_decisions(sqlite_store):
    review.accept(sqlite_store, KZ_98000, "ann")
    review.reject(sqlite_store, KZ_RATE, "ann")
    result = runner.invoke(app, ["eval", "--from-reviews", "--db", sqlite_store.url, "--format", "json"])
    assert result.exit_code == 0, result.output
    scored = json.loads(result.output)
    assert (scored["source"], scored["gold"], scored["must_not_find"]) == ("reviews", 1, 1)
    assert scored["matched"] == 1 and scored["found_rejected"] == 1 and scored["precision"] == 0.5


def test_review_cli_series_says_which_figures_it_used(sqlite_store):
    review.accept(sqlite_store, GE_VEHICLES, "ann")
    out = runner.invoke(app, ["series", "RU", "GE", "--db", sqlite_store.url, "--review", "reviewed", "-f", "json"])
    [series] = json.loads(out.output)
    assert series["review"] == "reviewed" and {p["unit"] for p in series["points"]} == {"vehicles"}
    table = runner.invoke(app, ["corridors", "--db", sqlite_store.url, "--review", "recommended"])
    assert "figures used: recommended" in table.output


def test_review_cli_users_add_hashes_the_password(sqlite_store):
    result = runner.invoke(app, ["users", "add", "rita", "--role", "reader", "--password-stdin", "--db",
                                 sqlite_store.url], input="correct horse battery\n")
    assert result.exit_code == 0 and "added reader rita" in result.output
    stored = sqlite_store.user("rita")
    assert stored["password_hash"].startswith("scrypt$") and "horse" not in stored["password_hash"]
    assert accounts.check_password("correct horse battery", stored["password_hash"])
    assert not accounts.check_password("correct horse battery!", stored["password_hash"])
    assert "rita" in runner.invoke(app, ["users", "list", "--db", sqlite_store.url]).output


# -- API ---------------------------------------------------------------------------------------------


@pytest.fixture
def api(sqlite_store):
    import httpx

    from crossings.serve import create_app
    from crossings.serve.testing import LiveServer

    accounts.add_user(sqlite_store, "rev", "reviewer", "reviewer-password")
    accounts.add_user(sqlite_store, "rea", "reader", "reader-password")
    app_ = create_app(Settings(db=sqlite_store.url, token=TOKEN), store=sqlite_store)
    with LiveServer(app_) as server, httpx.Client(base_url=server.url, timeout=20) as client:
        client.store = sqlite_store
        yield client


def _login(api, name: str, password: str) -> dict[str, str]:
    response = api.post("/api/login", json={"name": name, "password": password})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['token']}"}


def test_review_api_operator_token_reviews(api):
    response = api.post(f"/api/figures/{GE_RANGE}/review", headers={"Authorization": f"Bearer {TOKEN}"},
                        json={"action": "correct", "fields": {"low": 5200}, "reason": "per the ministry"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["figure"]["review_state"] == "corrected" and body["figure"]["machine_values"]["low"] == 5000
    assert body["entry"]["reviewer"] == "operator" and body["entry"]["via"] == "api"


def test_review_api_reviewer_account_reviews_and_reads_the_history(api):
    headers = _login(api, "rev", "reviewer-password")
    assert api.get("/api/me", headers=headers).json() == {"name": "rev", "role": "reviewer", "can_review": True}
    assert api.post(f"/api/figures/{KZ_50000}/review", headers=headers,
                    json={"action": "reject", "reason": "a guess"}).status_code == 200
    history = api.get(f"/api/figures/{KZ_50000}/history", headers=headers).json()
    assert [(e["reviewer"], e["action"], e["reason"]) for e in history] == [("rev", "reject", "a guess")]


def test_review_api_reader_is_refused_and_changes_nothing(api):
    headers = _login(api, "rea", "reader-password")
    before = api.get("/api/figures", params={"article_id": 2}).json()["items"]
    for body in ({"action": "reject"}, {"action": "correct", "fields": {"low": 1}}, {"action": "recommend"}):
        response = api.post(f"/api/figures/{GE_10000}/review", headers=headers, json=body)
        assert response.status_code == 403 and "reader" in response.json()["detail"]
    assert api.get("/api/figures", params={"article_id": 2}).json()["items"] == before
    assert api.store.review_log() == []
    assert api.get(f"/api/figures/{GE_10000}/history", headers=headers).json() == []  # readers may read


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer not-a-session"}])
def test_review_api_without_login_is_401(api, headers):
    assert api.post(f"/api/figures/{GE_10000}/review", headers=headers, json={"action": "accept"}).status_code == 401
    assert api.get(f"/api/figures/{GE_10000}/history", headers=headers).status_code == 401
    assert api.store.review_log() == []


def test_review_api_wrong_password_and_logout(api):
    assert api.post("/api/login", json={"name": "rev", "password": "nope-nope"}).status_code == 401
    assert api.post("/api/login", json={"name": "nobody", "password": "nope-nope"}).status_code == 401
    headers = _login(api, "rev", "reviewer-password")
    assert api.post("/api/logout", headers=headers).status_code == 204
    assert api.get("/api/me", headers=headers).status_code == 401


def test_review_api_bad_decisions_are_422_or_404(api):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert api.post(f"/api/figures/{GE_RANGE}/review", headers=auth,
                    json={"action": "correct", "fields": {"low": 9000}}).status_code == 422  # above high
    assert api.post(f"/api/figures/{GE_RANGE}/review", headers=auth,
                    json={"action": "accept", "fields": {"low": 1}}).status_code == 422
    assert api.post("/api/figures/999/review", headers=auth, json={"action": "accept"}).status_code == 404
    assert api.store.review_log() == []


def test_review_api_reextract_keeps_a_rejected_figure_rejected(api):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    api.post(f"/api/figures/{KZ_RATE}/review", headers=auth, json={"action": "reject"})
    assert api.post("/api/articles/1/reextract", headers=auth).status_code == 200
    figures = api.get("/api/articles/1").json()["figures"]
    rate = [f for f in figures if f["kind"] == "rate"]
    assert [(f["id"], f["review_state"]) for f in rate] == [(KZ_RATE, "rejected")]


def test_review_api_series_and_exports_say_which_figures_they_used(api):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    api.post(f"/api/figures/{GE_VEHICLES}/review", headers=auth, json={"action": "recommend"})
    series = api.get("/api/corridors/RU/GE/series", params={"review": "recommended"})
    assert series.json()["review"] == "recommended" and series.headers["x-crossings-review"] == "recommended"
    assert {p["unit"] for p in series.json()["points"]} == {"vehicles"}
    export = api.get("/api/export/figures", params={"review": "reviewed", "format": "csv"})
    assert export.headers["x-crossings-review"] == "reviewed" and export.text.count("\n") == 2
    assert api.get("/api/corridors").headers["x-crossings-review"] == "all"
