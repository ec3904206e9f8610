"""Quality floor on the annotated dev and held-back sets (the benchmark's scoring, as a test)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "extraction_quality.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("extraction_quality", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("prefix", "source_floor", "attribution_floor"),
    [
        ("dev", 0.90, 0.85),
        ("held", 0.90, 0.85),
        # Newspaper register (PARC's): "wsj" was used for tuning, "wsj-held" never was.
        ("wsj", 0.90, 0.85),
        ("wsj-held", 0.85, 0.80),
    ],
)
def test_quality_floor(bench, prefix, source_floor, attribution_floor):
    docs = bench.load_fixture_docs(prefix)
    assert docs, f"no {prefix} fixtures"
    src, att = bench.Counts(), bench.Counts()
    for _name, text, meta, gold, skip in docs:
        preds = bench.extract(
            text,
            published=bench._published(meta.get("published")),
            outlet=meta.get("outlet"),
            skip=skip,
        )
        s, a = bench.score_document(text, gold, preds, with_unattributed=False)
        src.add(s)
        att.add(a)
    # Above the brief's targets (source F1 0.80, attribution F1 0.70) on our own
    # articles; a drop below these numbers means a rule regressed.
    assert src.prf()[2] >= source_floor, src
    assert att.prf()[2] >= attribution_floor, att


def test_business_figures_are_not_unattributed_claims(bench):
    """Money, percentages and market figures in business copy are not contested counts."""
    for _name, text, meta, _gold, skip in bench.load_fixture_docs("wsj"):
        found = bench.extract(text, published=bench._published(meta.get("published")), skip=skip)
        assert [a.content.text for a in found if a.kind == "unattributed"] == [], _name


@pytest.fixture(scope="module")
def annotate():
    path = BENCH.parent / "annotate.py"
    spec = importlib.util.spec_from_file_location("annotate", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_annotation_markup_nests_and_joins_pieces(annotate):
    text, header, rels = annotate.parse(
        "#! outlet: X\n"
        '{t1|"Sales will fall,"} {s1|she} {c1|said}. {t1|"Prices too."} '
        "{s2|She} {c2|added} that {t2|{s3|analysts} {c3|expect} {t3|a cut}}."
    )
    assert header == {"outlet": "X"}
    spans = [(text[slice(*r["source"])], text[slice(*r["content"])]) for r in rels]
    assert spans == [
        ("she", '"Sales will fall," she said. "Prices too."'),
        ("She", "analysts expect a cut"),
        ("analysts", "a cut"),
    ]
    with pytest.raises(annotate.MarkupError):
        annotate.parse("{s1|nobody} {c1|said}")


def test_fixtures_match_their_markup(annotate):
    """Every marked-up article regenerates its JSON fixture exactly (offsets by script)."""
    markup = sorted((BENCH.parents[1] / "fixtures" / "annotated" / "markup").glob("*.txt"))
    assert len(markup) >= 16
    for path in markup:
        text, header, rels = annotate.parse(path.read_text(encoding="utf-8"))
        fixture = path.parent.parent / f"{header['out']}.json"
        data = json.loads(fixture.read_text(encoding="utf-8"))
        assert data["text"] == text, path.name
        assert data["attributions"] == rels, path.name


def test_scoring_rule(bench):
    """A prediction counts only when both its speaker and its content overlap the gold."""
    from factcheck.extraction import extract

    text = "The bridge was closed, the mayor said."
    gold = [{"source": [23, 32], "cue": [33, 37], "content": [0, 21]}]
    src, att = bench.score_document(text, gold, extract(text), with_unattributed=True)
    assert (src.tp, src.fp, src.fn) == (1, 0, 0)
    assert (att.tp, att.fp, att.fn) == (1, 0, 0)
    wrong = [{"source": [0, 3], "cue": [33, 37], "content": [0, 21]}]
    src, att = bench.score_document(text, wrong, extract(text), with_unattributed=True)
    assert att.tp == 0 and att.fp == 1 and att.fn == 1
