"""Reporting constructions of newspaper business and politics copy (the register of PARC's
1989 Wall Street Journal): appositive chains, typewriter punctuation, relative-clause and
adjectival cues, headlines."""

from __future__ import annotations

import pytest

from factcheck.extraction import extract


def rows(text: str) -> list[tuple[str | None, str | None, str]]:
    return [
        (a.speaker.text if a.speaker else None, a.cue.text if a.cue else None, a.content.text)
        for a in extract(text)
    ]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Rick Stanton, a professor of law at Ohio State University, said courts would wait.",
            "Rick Stanton",
        ),
        (
            "Rep. Ann Hale (D., Ohio), the panel's chairman, said courts would wait.",
            "Rep. Ann Hale (D., Ohio), the panel's chairman",
        ),
        (
            "Ivan Petrov, a deputy chairman of the State Planning Committee, or Gosplan, told "
            "reporters that courts would wait.",
            "Ivan Petrov, a deputy chairman of the State Planning Committee",
        ),
        ("The company -- which makes widgets -- said courts would wait.", "The company"),
        ("One of them, Ivan Petrov, wrote that courts would wait.", "One of them, Ivan Petrov"),
        (
            "Some economists at the Academy of Sciences contend that courts will wait.",
            "Some economists at the Academy of Sciences",
        ),
        ("Western economists have long argued that courts would wait.", "Western economists"),
    ],
)
def test_speaker_phrases(text: str, speaker: str) -> None:
    found = rows(text)
    assert found and found[0][0] == speaker


def test_typewriter_quotes_and_dateline() -> None:
    text = "NEW YORK -- ``We are pleased with the results,'' Mr. Smith said."
    ((speaker, cue, content),) = rows(text)
    assert (speaker, cue) == ("Mr. Smith", "said")
    assert content.startswith("``We are pleased")
    assert rows("WASHINGTON -- The court ruled.") == []
    assert rows("NEW YORK -- Stocks fell, traders said.")[0][2] == "Stocks fell"


def test_postposed_speaker_with_modifiers() -> None:
    assert (
        rows('"It\'s a mess," said a woman waiting in line outside a store, who left.')[0][0]
        == "a woman"
    )
    assert rows('"It\'s a mess," said one trader at a major brokerage firm.')[0][0] == (
        "one trader at a major brokerage firm"
    )


def test_relative_clause_speaker_does_not_take_earlier_text() -> None:
    found = rows('"We lose," said Tom Gray, head of a bank in Dayton, Ohio, who testified in May.')
    assert [(s, c) for s, c, _ in found] == [("Tom Gray", "said")]


def test_cue_inside_a_relative_clause() -> None:
    found = rows("The bill, which Mr. Hale said was too costly, passed.")
    assert ("Mr. Hale", "said", "was too costly") in found
    found = rows("It is an overhang that he believes could fuel inflation.")
    assert ("he", "believes", "could fuel inflation.") in found


def test_title_case_headline() -> None:
    found = rows("Soviet Planner Says Price Overhaul Will Be Delayed\n\nMOSCOW -- Prices rose.\n")
    assert found == [("Soviet Planner", "Says", "Price Overhaul Will Be Delayed")]


def test_not_speech() -> None:
    assert rows("But more than 200 pilots had reported for work on the first day.") == []
    found = rows("It expects a loss, more than the 3% drop it projected in January.")
    assert [c for _, c, _ in found] == ["expects"]


def test_adjectival_and_opinion_cues() -> None:
    assert rows("Some investors are worried that the plan will fail.") == [
        ("Some investors", "worried", "the plan will fail.")
    ]
    assert rows("It is clear that the plan will fail.") == []
    assert rows("The stock is overvalued, in Mr. Smith's view.") == [
        ("Mr. Smith", "view", "The stock is overvalued")
    ]
    assert rows("His view that prices will fall is shared.")[0][:2] == ("His", "view")


def test_noun_cue_with_time_and_negated_belief() -> None:
    found = rows("The government's announcement last month that it would import grain helped.")
    assert found[0][:2] == ("The government", "announcement")
    found = rows("Mr. Smith said he doesn't expect the plan to succeed.")
    assert ("he", "expect", "the plan to succeed.") in found


def test_more_cue_verbs() -> None:
    assert rows("Analysts figure that the company will earn $2 a share.")[0][1] == "figure"
    assert rows("Mr. Smith charged that the company hid losses.")[0][1] == "charged"
    assert rows("The company charged $5 for the service.") == []


def test_text_ending_in_that() -> None:
    assert rows("He said that") == []
    assert rows("AA sAID THAT") == []
