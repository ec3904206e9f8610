"""`factcheck review …` on a migrated database."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from factcheck import db as dbmod
from factcheck.cli import cli
from factcheck.models import Claim, Figure, Review

SUBCOMMANDS = ("queue", "assign", "start", "verdict", "note", "reopen", "history", "role", "users")


@pytest.fixture
def claims(migrated_url: str) -> list[int]:
    """Two claims: a contradicted one and a plain one repeated by more documents."""
    engine = dbmod.make_engine(migrated_url)
    with dbmod.session_scope(engine) as s:
        risky = Claim(
            text="Officials say 40 people were hurt", key="a", flags="contradicted", documents=1
        )
        plain = Claim(text="The bridge reopened on Monday", key="b", documents=3)
        s.add_all([risky, plain])
        s.flush()
        s.add(Figure(claim_id=risky.id, value=40, label="people hurt"))
        ids = [risky.id, plain.id]
    engine.dispose()
    return ids  # type: ignore[return-value]


def stamp(url: str, claim_id: int) -> str:
    """updated_at of a review as the conflict message prints it."""
    engine = dbmod.make_engine(url)
    with dbmod.session_scope(engine) as s:
        moment = s.get(Review, claim_id).updated_at
    engine.dispose()
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def ok(result):
    assert result.exit_code == 0, result.output
    return result.stdout


def test_every_subcommand_has_help():
    for name in ("review", *(f"review {s}" for s in SUBCOMMANDS)):
        r = CliRunner().invoke(cli, [*name.split(), "--help"])
        assert r.exit_code == 0, r.output
        assert "Usage:" in r.output
    r = CliRunner().invoke(cli, ["review", "--help"])
    for sub in SUBCOMMANDS:
        assert sub in r.output


def test_review_session_end_to_end(run, claims):
    risky, plain = claims
    assert "40 people" in ok(run("review", "queue")).splitlines()[2]

    assert ok(run("review", "start", str(risky), user="ana")) == (
        f"Claim {risky}: unreviewed → in_progress, assigned to ana (version 1).\n"
    )
    assert ok(run("review", "note", str(risky), "Hospital count differs.", user="raj")) == (
        f"Note added to claim {risky} (version 2).\n"
    )
    r = run("review", "verdict", str(risky), "false", "--note", "No.", user="raj")
    assert r.exit_code == 1
    assert r.stderr == "Error: raj is a reporter; only editors can give verdicts\n"

    assert ok(run("review", "role", "raj", "editor", user="ana")) == "raj is now an editor.\n"
    out = ok(
        run(
            "review",
            "verdict",
            str(risky),
            "misleading",
            "--note",
            "Two tallies for different days.",
            "--evidence",
            "https://example.org/tally",
            "--expect-version",
            "2",
            user="raj",
        )
    )
    assert out == f"Claim {risky}: in_progress → misleading (version 3).\n"
    assert ok(run("review", "reopen", str(risky), "--note", "New tally out.", user="ana")) == (
        f"Claim {risky}: misleading → in_progress (version 4).\n"
    )
    assert ok(run("review", "assign", str(plain), "--to", "raj", user="ana")) == (
        f"Claim {plain} assigned to raj (version 1).\n"
    )

    data = json.loads(ok(run("review", "history", str(risky), "--json")))
    assert (data["status"], data["assignee"], data["version"]) == ("in_progress", "ana", 4)
    assert [(e["version"], e["user"], e["action"]) for e in data["events"]] == [
        (1, "ana", "start"),
        (2, "raj", "note"),
        (3, "raj", "verdict"),
        (4, "ana", "reopen"),
    ]
    assert data["events"][2]["evidence"] == ["https://example.org/tally"]
    assert data["events"][2]["from_status"] == "in_progress"
    assert data["events"][2]["to_status"] == "misleading"

    table = ok(run("review", "history", str(risky)))
    assert table.splitlines()[0] == f"Claim {risky}: in_progress, assigned to ana (version 4)"
    assert "in_progress → misleading" in table and "https://example.org/tally" in table

    mine = json.loads(ok(run("review", "queue", "--mine", "--json", user="raj")))
    assert [(i["id"], i["assignee"], i["version"]) for i in mine] == [(plain, "raj", 1)]
    users = json.loads(ok(run("review", "users", "--json")))
    assert [(u["name"], u["role"]) for u in users] == [("ana", "admin"), ("raj", "editor")]


def test_queue_json_and_table(run, claims):
    risky, plain = claims
    items = json.loads(ok(run("review", "queue", "--json")))
    assert [i["id"] for i in items] == [risky, plain]
    assert items[0]["risk"] == ["contradicted"] and items[0]["status"] == "unreviewed"
    assert set(items[0]) >= {"id", "text", "flags", "independent_origins", "documents", "version"}
    ok(run("review", "verdict", str(plain), "verified", "--note", "Seen it.", user="ana"))
    assert [i["id"] for i in json.loads(ok(run("review", "queue", "--json")))] == [risky]
    done = json.loads(ok(run("review", "queue", "--status", "verified", "--json")))
    assert [i["id"] for i in done] == [plain]
    every = json.loads(ok(run("review", "queue", "--status", "all", "--json")))
    assert len(every) == 2
    assert ok(run("review", "queue", "--mine")) == "No claims to review.\n"


def test_second_writer_gets_a_conflict_naming_the_first(run, claims, migrated_url):
    risky, _ = claims
    ok(run("review", "start", str(risky), user="ana"))  # version 1
    ok(run("review", "role", "bo", "editor", user="ana"))
    # bo displayed version 1, then ana adds a note before bo's verdict arrives
    ok(run("review", "note", str(risky), "Checking the source.", user="ana"))
    r = run(
        "review", "verdict", str(risky), "false", "--note", "x", "--expect-version", "1", user="bo"
    )
    assert r.exit_code == 1, r.output
    when = stamp(migrated_url, risky)
    assert r.stderr == f"Error: claim {risky} was changed by ana at {when}; reload and retry\n"
    history = json.loads(ok(run("review", "history", str(risky), "--json")))
    assert [e["action"] for e in history["events"]] == ["start", "note"]


def test_write_commands_accept_expect_version_and_json(run, claims):
    risky, _ = claims
    for args in (
        ("start", str(risky)),
        ("assign", str(risky), "--to", "x"),
        ("verdict", str(risky), "false", "--note", "n"),
        ("note", str(risky), "t"),
        ("reopen", str(risky), "--note", "n"),
    ):
        r = CliRunner().invoke(cli, ["review", *args[:1], "--help"])
        assert "--expect-version" in r.output
    event = json.loads(
        ok(run("review", "start", str(risky), "--expect-version", "0", "--json", user="ana"))
    )
    assert (event["version"], event["action"], event["to_status"]) == (1, "start", "in_progress")


def test_usage_errors_exit_2(run, claims):
    risky, _ = claims
    r = run("review", "note", str(risky), "See.", "--evidence", "ftp://example.org/x", user="ana")
    assert r.exit_code == 2
    assert "Invalid value for '--evidence': not an http(s) URL: 'ftp://example.org/x'" in r.stderr
    r = run("review", "verdict", str(risky), "false", user="ana")
    assert r.exit_code == 2 and "Missing option '--note'" in r.stderr
    r = run("review", "verdict", str(risky), "false", "--note", "  ", user="ana")
    assert r.exit_code == 2 and "Error: a verdict needs a non-empty note" in r.stderr
    r = run("review", "verdict", str(risky), "wrong", "--note", "n", user="ana")
    assert r.exit_code == 2 and "Invalid value for 'STATUS'" in r.stderr
    r = run("review", "role", "x", "boss", user="ana")
    assert r.exit_code == 2
    # nothing was recorded by any of these
    assert json.loads(ok(run("review", "history", str(risky), "--json")))["events"] == []


def test_domain_errors_exit_1(run, claims):
    risky, _ = claims
    r = run("review", "start", "999", user="ana")
    assert (r.exit_code, r.stderr) == (1, "Error: no claim 999\n")
    r = run("review", "history", "999")
    assert (r.exit_code, r.stderr) == (1, "Error: no claim 999\n")
    ok(run("review", "start", str(risky), user="ana"))
    r = run("review", "role", "ana", "reporter", user="bo")
    assert (r.exit_code, r.stderr) == (1, "Error: bo is a reporter; only admins can change roles\n")
    r = run("review", "reopen", str(risky), "--note", "n", user="ana")
    assert r.stderr == f"Error: claim {risky} is in_progress; only verdicts can be reopened\n"
    r = run("review", "start", str(risky), "--expect-version", "5", user="ana")
    assert r.stderr == f"Error: claim {risky} is at version 1, not 5; reload and retry\n"


def test_empty_database_listings(run):
    assert ok(run("review", "queue")) == "No claims to review.\n"
    assert ok(run("review", "users")) == "No users yet.\n"
    assert json.loads(ok(run("review", "users", "--json"))) == []
