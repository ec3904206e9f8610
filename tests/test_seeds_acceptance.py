"""The seeds, ingested into an empty ledger, say what a careful reader would say.

Facts checked here come from reading ../shared/seeds/ (a live blog and an
aggregator page); the assertions are about provenance and independence, not
about exact sentences.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import cli

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
LIVE_BLOG = SEEDS / "000_a0b88a7d57b1140e.txt"
AGGREGATOR = SEEDS / "004_486bdc1e6fc07111.txt"

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory, pg_url: str | None):
    """One ledger per module: init, then both seeds as a user would ingest them."""
    url = _fresh_url(tmp_path_factory, pg_url)

    def run(*args: str):
        result = CliRunner().invoke(cli, ["--db", url, *args], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result

    run("init")
    run("ingest", str(LIVE_BLOG), "--outlet", "The Independent")
    run("ingest", str(AGGREGATOR), "--published", "2025-07-05")
    return run


def _fresh_url(tmp_path_factory: pytest.TempPathFactory, pg_url: str | None) -> str:
    """A database of this module's own: other tests reset the worker's shared one."""
    if not pg_url:
        return f"sqlite:///{tmp_path_factory.mktemp('seeds') / 'seeds.db'}"
    import os

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"factcheck_seeds_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
    engine = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return make_url(pg_url).set(database=name).render_as_string(hide_password=False)


def claims(run, *args: str) -> list[dict]:
    return json.loads(run("claims", "list", "--json", *args).stdout)


def trace(run, claim_id: int) -> dict:
    return json.loads(run("trace", str(claim_id), "--json").stdout)


def find(items: list[dict], *words: str) -> list[dict]:
    return [c for c in items if all(w.casefold() in c["text"].casefold() for w in words)]


def test_troop_loss_and_equipment_figures_are_single_partisan_source(seeded):
    everything = claims(seeded)
    troops = find(everything, "705,880")
    assert troops, "the troop-loss tally was not extracted"
    equipment = find(everything, "9,233")
    assert equipment, "the equipment losses were not extracted"
    for claim in troops + equipment:
        assert "single_partisan_source" in claim["flags"], claim
        data = trace(seeded, claim["id"])
        assert {o["side"] for o in data["origins"]} == {"UA"}
        assert all(o["partisan"] for o in data["origins"])


def test_drone_interception_figure_pasted_five_times_is_one_origin(seeded):
    drones = find(claims(seeded), "94 drones")
    assert drones, "the drone-interception figure was not extracted"
    for claim in drones:
        assert claim["independent_origins"] == 1, claim
        data = trace(seeded, claim["id"])
        assert {o["side"] for o in data["origins"]} == {"RU"}
    documents = {
        a["document"]["id"] for claim in drones for a in trace(seeded, claim["id"])["attributions"]
    }
    assert len(documents) >= 2  # the Advertiser copy and the Perth Now copy


def test_odesa_casualties_chain_is_origin_relay_publisher(seeded):
    odesa = find(claims(seeded), "Odesa", "nine")
    assert odesa, "the Odesa casualty report was not extracted"
    chains = [a["chain"] for c in odesa for a in trace(seeded, c["id"])["attributions"]]
    wanted = [
        ("origin", "local officials"),
        ("relay", "kyiv independent"),
        ("publisher", "the independent"),
    ]
    assert any(
        [(h["role"], h["source"].casefold()) for h in chain] == wanted for chain in chains
    ), chains


def test_at_least_25_and_25_injured_are_not_a_contradiction(seeded):
    kharkiv = find(claims(seeded), "25")
    assert kharkiv
    for claim in kharkiv:
        data = trace(seeded, claim["id"])
        assert not [c for c in data["contradicted_by"] if "25" in json.dumps(c)], data[
            "contradicted_by"
        ]


def test_no_contradiction_a_careful_reader_would_not_report(seeded):
    # Read as a person would, the two pages never contradict each other: the
    # tallies come from one side each, "at least 25" and "25" agree, 25 + 9
    # injured in two cities is the "34 injured" of the summary, and four drones
    # over Moscow is a different count from 94 over Russia.
    found = json.loads(seeded("claims", "contradictions", "--json").stdout)
    assert found == []
