"""The source registry from the command line."""

from __future__ import annotations

import json


def test_add_show_and_list_sources(run):
    r = run("sources", "add", "Armed Forces of Ukraine", "--kind", "military", "--side", "ua")
    assert r.exit_code == 0, r.output
    r = run(
        "sources",
        "add",
        "General Staff of Ukraine",
        "--kind",
        "military",
        "--parent",
        "Armed Forces of Ukraine",
        "--alias",
        "Ukraine's General Staff",
    )
    assert r.exit_code == 0, r.output
    r = run("sources", "show", "Ukraine's General Staff", "--json")
    assert r.exit_code == 0, r.output
    info = json.loads(r.stdout)
    assert info["name"] == "General Staff of Ukraine"
    assert info["parent"] == "Armed Forces of Ukraine"
    assert info["organisation"] == "Armed Forces of Ukraine"
    assert info["side"] == "UA"  # inherited from the parent organisation
    r = run("sources", "list", "--side", "UA", "--json")
    assert r.exit_code == 0, r.output
    assert [s["name"] for s in json.loads(r.stdout)] == [
        "Armed Forces of Ukraine",
        "General Staff of Ukraine",
    ]
    r = run("sources", "list", "--side", "RU", "--json")
    assert json.loads(r.stdout) == []


def test_alias_resolution_tolerates_transliteration_and_diacritics(run):
    assert (
        run("sources", "add", "Volodymyr Zelensky", "--kind", "official", "--side", "UA").exit_code
        == 0
    )
    for spelling in ("Zelenskiy", "Zelenskyy", "volodymyr zelensky", "Volodymyr Zelenskiy"):
        r = run("sources", "show", spelling, "--json")
        assert r.exit_code == 0, (spelling, r.output)
        assert json.loads(r.stdout)["name"] == "Volodymyr Zelensky", spelling
    assert run("sources", "add", "Chișinău city hall", "--kind", "government").exit_code == 0
    r = run("sources", "show", "Chisinau City Hall", "--json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["name"] == "Chișinău city hall"


def test_unrelated_name_is_not_resolved(run):
    assert (
        run("sources", "add", "Vladimir Putin", "--kind", "official", "--side", "RU").exit_code == 0
    )
    r = run("sources", "show", "Putilov")
    assert r.exit_code == 1
    assert "Error: no source 'Putilov'" in r.output


def test_alias_merge_and_set(run):
    run("sources", "add", "Ministry of Defence of Russia", "--kind", "government", "--side", "RU")
    run("sources", "add", "Russian MoD press office", "--kind", "state_agency")
    r = run("sources", "alias", "Ministry of Defence of Russia", "Russia's Defence Ministry")
    assert r.exit_code == 0, r.output
    assert "1 alias(es) added" in r.output
    r = run("sources", "merge", "Ministry of Defence of Russia", "Russian MoD press office")
    assert r.exit_code == 0, r.output
    r = run("sources", "show", "Russian MoD press office", "--json")
    assert json.loads(r.stdout)["name"] == "Ministry of Defence of Russia"
    r = run(
        "sources", "set", "Russia's Defence Ministry", "--partisan", "no", "--credibility", "low"
    )
    assert r.exit_code == 0, r.output
    info = json.loads(run("sources", "show", "Ministry of Defence of Russia", "--json").stdout)
    assert info["partisan"] is False
    assert info["credibility"] == "low"
    assert "Russian MoD press office" in info["aliases"]


def test_parent_cycle_is_refused(run):
    run("sources", "add", "Kremlin", "--kind", "government", "--side", "RU")
    run("sources", "add", "Yuri Ushakov", "--kind", "official", "--parent", "Kremlin")
    r = run("sources", "set", "Kremlin", "--parent", "Yuri Ushakov")
    assert r.exit_code == 1
    assert "Error: 'Yuri Ushakov' is inside 'Kremlin': that would be a cycle" in r.output


def test_duplicate_source_is_an_error(run):
    run("sources", "add", "Reuters", "--kind", "wire")
    r = run("sources", "add", "reuters")
    assert r.exit_code == 1
    assert "Error: source 'reuters' already exists" in r.output


def test_disputes_add_and_list(run):
    r = run(
        "disputes",
        "add",
        "Russia–Ukraine war",
        "--party",
        "RU",
        "--party",
        "ua",
        "--alias",
        "war in Ukraine",
    )
    assert r.exit_code == 0, r.output
    r = run("disputes", "list", "--json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout) == [
        {
            "id": 1,
            "name": "Russia–Ukraine war",
            "aliases": ["war in Ukraine"],
            "parties": ["RU", "UA"],
        }
    ]
    r = run("disputes", "add", "Lonely dispute", "--party", "RU")
    assert r.exit_code == 1
    assert "Error: a dispute needs at least two parties" in r.output


def test_uninitialised_database_gives_one_line_error(db_url):
    from click.testing import CliRunner

    from factcheck.cli import cli

    r = CliRunner().invoke(cli, ["--db", db_url, "sources", "list"])
    assert r.exit_code == 1
    assert r.output.strip() == "Error: database is not initialised; run `factcheck init` first"


def test_bad_kind_is_usage_error(run):
    r = run("sources", "add", "X", "--kind", "alien")
    assert r.exit_code == 2
