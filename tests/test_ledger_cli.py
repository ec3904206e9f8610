"""`factcheck import` and `factcheck export jsonl` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlmodel import Session, SQLModel

from factcheck import db as dbmod

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "ledger.yaml"

# A hand-written ledger that touches every table: a merged source still named by a
# chain hop, manual link decisions, review events with evidence, non-Latin text,
# empty versus missing values, offsets in several time zones, open and closed bounds.
RICH = """\
format: 1
sources:
  - {name: Moscow mayor, kind: official, side: RU, merged_into: Sergei Sobyanin, origin: manual}
  - name: Sergei Sobyanin
    kind: person
    side: ru
    parent: Мэрия Москвы
    credibility: ""
    partisan: true
    aliases: [Sergei Sobyanin, Moscow mayor, Сергей Собянин]
  - {name: Мэрия Москвы, kind: government, side: RU}
  - {name: local officials, kind: anonymous, anonymous: true, partisan: false}
  - {name: Kyiv Independent, kind: outlet, side: UA}
disputes:
  - {name: Russia–Ukraine war, parties: [RU, UA], aliases: [Ukraine war, war in Ukraine]}
users:
  - {name: Олена, role: editor, created_at: 2024-01-02T03:04:05.123456+02:00}
  - {name: ivan}
documents:
  - id: moscow
    outlet: Kyiv Independent
    title: "Мэр: четыре беспилотника сбиты"
    url: null
    authors: [Анна Коваль, J. Smith]
    published: 2025-07-05T14:30:00+03:00
    kind: liveblog_entry
    source_path: seeds/moscow.txt
    source_offset: 42
    skip: "0-4"
    text: "Мэр Москвы Sergei Sobyanin said four drones were downed 🚀; local officials said nothing."
  - id: copy
    outlet: null
    title: ""
    copy_of: moscow
    text: "Мэр Москвы Sergei Sobyanin said four drones were downed 🚀; local officials said nothing."
document_links:
  - {document: copy, other: moscow, kind: copy, score: 0.97, method: fuzzy}
attributions:
  - id: a
    document: moscow
    speaker: Sergei Sobyanin
    cue: {text: said, occurrence: 1}
    content: four drones were downed
    hedged: true
    said_at: 2025-07-05
    chain: [Moscow mayor, Kyiv Independent]
  - id: b
    document: copy
    speaker: null
    speaker_source: local officials
    cue: {text: "", start: 3, end: 3}
    content: {text: nothing, occurrence: 1}
    kind: unattributed
    method: manual
    chain: []
claims:
  - id: c1
    text: Four drones were downed near Moscow
    label: drones shot down
    scope: ""
    flags: [single_source, hedged]
    independent_origins: 1
    documents: 2
    created_at: 2025-07-05T12:00:00Z
    attributions: [a]
    figures:
      - {attribution: a, value: 4, unit: drones, label: drones shot down, text: four drones}
      - {value: 4, low: 4, high: .inf, high_open: true, qualifier: at least, unit: null, text: ""}
      - {value: 1000000, low: 1000000, high: null, low_open: true, high_open: true, qualifier: more than}
  - {id: c2, text: Nothing was said, attributions: [b]}
  - {id: c3, text: Nothing was said}
claim_links:
  - {claim: c2, other: c1, kind: contradicts, why: Різні цифри, decided_by: Олена, created_at: 2025-07-06T00:00:00-04:00}
  - {claim: c3, other: c2, kind: repeats, method: fuzzy, score: 0.91, status: rejected, why: ""}
  - {claim: c1, other: c3, kind: corroborates, method: figure, score: 0.5, status: auto}
reviews:
  - {claim: c1, status: verified, assignee: ivan, version: 2, updated_by: Олена, updated_at: 2025-07-07T09:00:00+03:00}
  - {claim: c2}
review_events:
  - {claim: c1, version: 1, user: Олена, at: 2025-07-06T10:00:00+03:00, action: assign, from_status: unreviewed, to_status: unreviewed, assignee: ivan, note: ""}
  - claim: c1
    version: 2
    user: Олена
    at: 2025-07-07T09:00:00+03:00
    action: verdict
    from_status: unreviewed
    to_status: verified
    assignee: ivan
    note: |-
      Matches the mayor’s post.
      Second line.
    evidence: [https://example.org/a, "https://example.org/b?q=ü"]
"""


def counts(url: str) -> dict[str, int]:
    engine = dbmod.make_engine(url)
    with Session(engine) as s:
        result = {
            t.name: s.execute(select(func.count()).select_from(t)).scalar_one()
            for t in SQLModel.metadata.sorted_tables
        }
    engine.dispose()
    return result


def empty_database(url: str) -> None:
    engine = dbmod.make_engine(url)
    dbmod.downgrade(engine, "base")
    dbmod.upgrade(engine)
    engine.dispose()


def test_import_fixture_then_again_adds_nothing(run, migrated_url):
    r = run("import", str(FIXTURE))
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines()[0] == f"Imported {FIXTURE}: 66 records added, 0 already present."
    assert "attribution         14                  0" in r.stdout
    before = counts(migrated_url)
    r = run("import", str(FIXTURE))
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines()[0] == f"Imported {FIXTURE}: 0 records added, 66 already present."
    assert counts(migrated_url) == before


def test_export_import_export_is_byte_identical(run, migrated_url, tmp_path):
    (tmp_path / "rich.yaml").write_text(RICH, encoding="utf-8")
    r = run("import", "rich.yaml")
    assert r.exit_code == 0, r.output
    r = run("export", "jsonl", "-o", "first.jsonl")
    assert r.exit_code == 0, r.output
    assert r.stdout == "Wrote 23 records to first.jsonl.\n"
    first = (tmp_path / "first.jsonl").read_bytes()
    records = [json.loads(line) for line in first.decode().split("\n") if line]
    sources = {r["name"]: r for r in records if r["type"] == "source"}
    assert sources["Moscow mayor"]["merged_into"] == "Sergei Sobyanin"
    assert sources["Moscow mayor"]["aliases"] == []
    assert (
        sources["Sergei Sobyanin"]["side"] == "RU"
        and sources["Sergei Sobyanin"]["credibility"] == ""
    )
    doc = next(r for r in records if r["type"] == "document")
    assert doc["published"] == "2025-07-05T11:30:00+00:00"
    claim = next(r for r in records if r["type"] == "claim")
    assert [(f["low"], f["high"]) for f in claim["figures"]] == [
        (4.0, 4.0),
        (4.0, None),
        (1e6, None),
    ]
    att = next(r for r in records if r["type"] == "attribution")
    assert att["chain"] == [
        {"source": "Moscow mayor", "role": "origin"},
        {"source": "Kyiv Independent", "role": "publisher"},
    ]

    empty_database(migrated_url)
    r = run("import", "first.jsonl")
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines()[0] == "Imported first.jsonl: 23 records added, 0 already present."
    r = run("export", "jsonl")
    assert r.exit_code == 0, r.output
    assert r.stdout_bytes == first


def test_dry_run_checks_but_writes_nothing(run, migrated_url):
    before = counts(migrated_url)
    r = run("import", "--dry-run", str(FIXTURE), "--json")
    assert r.exit_code == 0, r.output
    summary = json.loads(r.stdout)
    assert summary["dry_run"] is True and summary["added"]["claim"] == 14
    assert counts(migrated_url) == before


@pytest.mark.parametrize(
    ("name", "text", "error"),
    [
        (
            "bad.yaml",
            "sources:\n  - {name: Reuters, kind: wire}\ndocuments:\n  - {id: d1, text: hi there}\n"
            "attributions:\n  - id: a1\n    document: d1\n    content: hi\n    chain: [Reuters, Nobody]\n",
            "bad.yaml:9: unknown source 'Nobody'",
        ),
        (
            "bad.yaml",
            "documents:\n  - id: d1\n    text: hello\n    published: 2024-11-31T10:00:00Z\n",
            "bad.yaml:4: invalid value '2024-11-31T10:00:00Z': day is out of range for month",
        ),
        (
            "bad.jsonl",
            '{"type":"document","id":"d1","text":"hello"}\n'
            '{"type":"attribution","id":"a1","document":"d1","content":{"text":"hello","start":0,"end":6}}\n',
            "bad.jsonl:2: content offsets 0-6 are outside the text of document 'd1' (5 characters)",
        ),
        (
            "bad.jsonl",
            '{"type":"document","id":"d1","text":"hello"}\n{"type": "claim",\n',
            "bad.jsonl:2: invalid JSON: Expecting property name enclosed in double quotes (column 18)",
        ),
        (
            "bad.yaml",
            "claims:\n  - {id: c1, text: x}\nreviews:\n  - {claim: c9, status: verified}\n",
            "bad.yaml:4: unknown claim 'c9'",
        ),
    ],
)
def test_bad_file_prints_file_and_line_and_changes_nothing(
    run, migrated_url, tmp_path, name, text, error
):
    (tmp_path / "rich.yaml").write_text(RICH, encoding="utf-8")
    assert run("import", "rich.yaml").exit_code == 0
    before = counts(migrated_url)
    (tmp_path / name).write_text(text, encoding="utf-8")
    r = run("import", name)
    assert r.exit_code == 1, r.output
    assert r.stderr == f"Error: {error}\n"
    assert r.stdout == ""
    assert counts(migrated_url) == before


def test_format_comes_from_the_suffix_or_the_option(run, tmp_path):
    (tmp_path / "ledger.txt").write_text("users: [{name: dana, role: editor}]\n", encoding="utf-8")
    r = run("import", "ledger.txt")
    assert r.exit_code == 1, r.output
    assert (
        r.stderr
        == "Error: ledger.txt: cannot tell the ledger format; name the file .yaml, .yml or .jsonl\n"
    )
    r = run("import", "--format", "yaml", "ledger.txt")
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("Imported ledger.txt: 1 records added")


def test_missing_file_is_a_usage_error(run):
    r = run("import", "nowhere.yaml")
    assert r.exit_code == 2, r.output
    assert "'nowhere.yaml' does not exist" in r.stderr


def test_export_group_lists_jsonl_with_an_output_option(run):
    r = run("export", "--help")
    assert r.exit_code == 0, r.output
    assert "jsonl" in r.stdout
    r = run("export", "jsonl", "--help")
    assert r.exit_code == 0, r.output
    assert "-o, --output" in r.stdout
