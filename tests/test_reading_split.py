"""Splitting reports into documents: live blogs, aggregator pages, boilerplate, captions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from factcheck.reading import (
    LIVEBLOG_ENTRY,
    DocumentDraft,
    RawReport,
    ReportPart,
    load_report,
    split_report,
)
from factcheck.reading.boilerplate import is_boilerplate

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "reading"


def raw_text(text: str) -> RawReport:
    return RawReport(path="t.txt", text=text, format="text", meta={})


def check_offsets(raw: RawReport, drafts: list[DocumentDraft]) -> None:
    for i, d in enumerate(drafts):
        assert d.text == raw.text[d.start : d.end]
        assert 0 <= d.body_start <= len(d.text)
        previous_end = -1
        for a, b in d.skip:
            assert 0 <= a < b <= len(d.text)
            assert a > previous_end
            previous_end = b
        if d.copy_of is not None:
            assert 0 <= d.copy_of < i
        if d.published is not None:
            assert d.published.utcoffset() == timedelta(0)
        if d.title_span is not None:
            a, b = d.title_span
            assert 0 <= a <= b <= len(d.text)


def skipped(d: DocumentDraft) -> str:
    return "\n".join(d.text[a:b] for a, b in d.skip)


def load(name: str) -> tuple[RawReport, list[DocumentDraft]]:
    raw = load_report(str(FIXTURES / name))
    drafts = split_report(raw)
    check_offsets(raw, drafts)
    return raw, drafts


# --- live blogs -----------------------------------------------------------------------------


def test_liveblog_with_unix_timestamps():
    _, drafts = load("liveblog_epoch.txt")
    lead, *entries = drafts
    assert [d.kind for d in entries] == [LIVEBLOG_ENTRY] * 3
    assert lead.kind == "article"
    assert lead.title == "Flood crisis live: river breaches defences as mayor orders evacuations"
    assert lead.authors == ["Maria Lopez", "Tom Becker"]
    assert lead.published == datetime(2024, 6, 19, 13, 0, tzinfo=UTC)
    assert [d.title for d in entries] == [
        "Mayor orders evacuation of riverside districts",
        "Dam operator warns of further releases",
        "Two people missing after car swept away",
    ]
    assert [d.published for d in entries] == [
        datetime(2024, 6, 19, hour, 0, tzinfo=UTC) for hour in (12, 11, 10)
    ]
    assert [d.authors for d in entries] == [["Maria Lopez"], ["Maria Lopez"], ["Tom Becker"]]


def test_liveblog_lead_keeps_standfirst_and_drops_appeals():
    _, (lead, *_) = load("liveblog_epoch.txt")
    body = lead.body_text()
    assert "Emergency crews worked through the night" in body
    assert "risen above its highest recorded level" in body
    for chrome in (
        "Your support",
        "donation",
        "Notifications",
        "Get alerts",
        "Comments",
        "Liveupdated",
    ):
        assert chrome not in body
        assert chrome in skipped(lead)


def test_liveblog_entry_furniture_is_skipped():
    _, drafts = load("liveblog_epoch.txt")
    first = drafts[1]
    body = first.body_text()
    assert body.startswith("Mayor Ana Ortiz ordered residents")
    assert "About 4,000 people live" in body
    for furniture in ("1718798400", "Key Point", "Rescue boats", "(Reuters)", "Maria Lopez"):
        assert furniture not in body
    # The headline is furniture too, but its place is recorded for whoever wants it.
    a, b = first.title_span
    assert first.text[a:b] == first.title
    assert b <= first.body_start


def test_marker_above_timestamp_belongs_to_the_entry_below():
    _, drafts = load("liveblog_epoch.txt")
    assert "BREAKING" not in drafts[1].text
    assert drafts[2].text.startswith("BREAKING")
    assert drafts[3].body_text().endswith("near the northern bypass.")
    assert "Log in" in skipped(drafts[3])


def test_liveblog_with_time_only_marks_uses_page_date():
    _, drafts = load("liveblog_clock.txt")
    lead, *entries = drafts
    assert lead.title == "Storm Bella: live updates"
    assert [d.title for d in entries] == [
        "Power restored to most homes",
        "Ferry services cancelled",
        "Wind gust record broken",
    ]
    assert [d.published for d in entries] == [
        datetime(2024, 12, 12, 16, 40, tzinfo=UTC),
        datetime(2024, 12, 12, 15, 5, tzinfo=UTC),
        datetime(2024, 12, 12, 14, 20, tzinfo=UTC),
    ]
    assert entries[0].body_text() == (
        "The grid operator said power had been restored to 90% of affected homes."
    )


def test_liveblog_with_bylines_only():
    text = (
        "Talks resume in Geneva\n\n"
        "Negotiators met for four hours on Monday, the host government said.\n\n"
        "Jane Roe3 March 2025 09:15\n"
        "Delegates leave without statement\n\n"
        "No joint statement was issued after the session, officials said.\n\n"
        "Sam Poe3 March 2025 08:40\n"
    )
    raw = raw_text(text)
    drafts = split_report(raw)
    check_offsets(raw, drafts)
    assert [(d.title, d.authors, d.published) for d in drafts] == [
        ("Talks resume in Geneva", ["Jane Roe"], datetime(2025, 3, 3, 9, 15, tzinfo=UTC)),
        ("Delegates leave without statement", ["Sam Poe"], datetime(2025, 3, 3, 8, 40, tzinfo=UTC)),
    ]


def test_one_timestamp_is_not_a_liveblog():
    text = "1718798400\n\nMayor orders evacuation\n\nThe council said residents must leave.\n"
    drafts = split_report(raw_text(text))
    assert len(drafts) == 1
    assert drafts[0].kind == "article"
    assert drafts[0].title == "Mayor orders evacuation"


# --- aggregator pages -----------------------------------------------------------------------


def test_aggregator_main_article_and_republished_copies():
    _, drafts = load("aggregator.txt")
    main, courier, wire = drafts
    assert (main.title, main.outlet, main.published, main.copy_of) == (
        "Port strike enters third week as talks stall",
        "Harbour Daily",
        None,
        None,
    )
    assert main.body_text().startswith("Dock workers at the country's largest port")
    assert main.body_text().endswith("according to the labour ministry.")
    assert (courier.title, courier.outlet, courier.copy_of) == (
        "Shipping firms reroute cargo as strike bites",
        "Coastal Courier",
        None,
    )
    assert (wire.title, wire.outlet, wire.copy_of) == (
        "Shipping firms reroute cargo as strike bites",
        "Metro Wire",
        1,
    )
    assert courier.kind == wire.kind == "article"


def test_passage_pasted_three_times_in_one_paragraph_counts_once():
    _, (_, courier, wire) = load("aggregator.txt")
    sentences = (
        "Three major shipping lines said they would divert vessels",
        "One line said the detour would add about two days",
        "Freight prices on the route have risen by a fifth",
    )
    body = courier.body_text()
    for sentence in sentences:
        assert courier.text.count(sentence) == 3
        assert body.count(sentence) == 1
        assert wire.body_text().count(sentence) == 1
    assert courier.body_text() == wire.body_text()


def test_aggregator_chrome_skipped():
    _, (main, courier, wire) = load("aggregator.txt")
    for chrome in ("logo", "Share", "Comments", "Be the first to comment", "Related Articles"):
        assert chrome in skipped(main)
        assert chrome not in main.body_text()
    for chrome in ("time35 minutes ago", "• Coastal Courier"):
        assert chrome in skipped(courier)
    assert "GET THE APP" in skipped(wire) and "app store" in skipped(wire)
    assert "Download" not in wire.body_text()


def test_relative_times_need_a_reference():
    raw = load_report(str(FIXTURES / "aggregator.txt"))
    read_at = datetime(2025, 5, 10, 12, 0, tzinfo=UTC)
    main, courier, wire = split_report(raw, published=read_at, outlet="Given Outlet")
    assert main.published == read_at
    assert main.outlet == "Given Outlet"
    assert courier.published == read_at - timedelta(minutes=35)
    assert wire.published == read_at - timedelta(hours=1)
    # Another outlet's header is not overridden by the outlet of the page.
    assert (courier.outlet, wire.outlet) == ("Coastal Courier", "Metro Wire")


def test_related_links_without_bodies_are_not_documents():
    text = (
        "Ferry fares to rise in spring\n\n"
        "The ferry company said fares would rise by 4% from April.\n\n"
        "Related Articles\n\n"
        "Harbour dredging starts next week\n\n"
        "Harbour Daily\n\n"
        "2 days ago\n\n"
        "New pier opens to visitors\n\n"
        "Coastal Courier\n\n"
        "3 days ago\n"
    )
    raw = raw_text(text)
    drafts = split_report(raw)
    check_offsets(raw, drafts)
    assert len(drafts) == 1
    assert drafts[0].title == "Ferry fares to rise in spring"
    assert drafts[0].body_text() == "The ferry company said fares would rise by 4% from April."


# --- boilerplate and captions -----------------------------------------------------------------


def test_plain_article_comes_through_untouched():
    raw, (draft,) = load("plain.txt")
    assert (draft.start, draft.end) == (0, len(raw.text))
    assert draft.skip == []
    assert draft.body_start == 0
    assert draft.title is None
    assert draft.body_text().replace("\n", "") == raw.text.replace("\n", "")


def test_headline_and_byline_of_a_plain_article():
    _, (draft,) = load("headline.txt")
    assert draft.title == "Warehouse fire sends 14 to hospital"
    assert draft.authors == ["Priya Nair"]
    assert draft.body_text().startswith("The city's main hospital")
    assert "By Priya Nair" in skipped(draft)


@pytest.mark.parametrize(
    "line",
    [
        "Your contribution keeps our newsroom independent.",
        "Sign up for our free morning newsletter",
        "Subscribe now and get unlimited access",
        "Already a subscriber? Log in",
        "Download the Harbour Daily app for breaking news alerts",
        "Available on the App Store and Google Play",
        "Allow notifications to get the latest updates",
        "Comments (12)",
        "No comments yet",
        "Show comments",
        "Share this article",
        "Advertisement",
        "site logo",
        "Thanks for signing up!",
        "We use cookies to improve your experience. By continuing you accept our cookie policy.",
        "Please log in to join the debate",
    ],
)
def test_boilerplate_lines(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "The minister said donations to the ruling party had doubled since March.",
        "His comments drew criticism from opposition leaders, who said they were reckless.",
        "“We will support Ukraine for as long as it takes,” the prime minister told reporters.",
        "Support for the ceasefire fell to 41 per cent, according to the poll.",
        "US officials said the app had been used to coordinate the attacks.",
        "Stay-at-home orders were lifted in the capital on Friday.",
        "Russia has lost 705,000 troops, the general staff claimed.",
        "Get out now, police told residents of the flooded district.",
    ],
)
def test_reporting_is_not_boilerplate(line):
    assert not is_boilerplate(line)


def test_appeal_block_detected_by_neighbourhood():
    # The middle paragraph alone reads like a column; between two appeals it is one.
    text = (
        "Rail strike halts trains\n\n"
        "Your support helps us stay on the story.\n\n"
        "From town halls to courtrooms, we are there when news breaks, and our reporters "
        "stay until the story is told.\n\n"
        "Your donation keeps our journalism free for everyone.\n\n"
        "Train drivers walked out on Tuesday, the union said.\n"
    )
    (draft,) = split_report(raw_text(text))
    assert draft.body_text() == "Train drivers walked out on Tuesday, the union said."


def test_caption_repeated_with_credit_skipped():
    text = (
        "Fire crews tackle the blaze on Sunday evening\n"
        "Fire crews tackle the blaze on Sunday evening (AP Photo/Jane Roe)\n\n"
        "Fourteen people were treated for smoke inhalation, the hospital said.\n\n"
        "A firefighter walks past the burnt-out warehouse (Getty Images)\n\n"
        "The fire brigade said the cause was unknown.\n"
    )
    (draft,) = split_report(raw_text(text))
    assert draft.body_text() == (
        "Fourteen people were treated for smoke inhalation, the hospital said.\n"
        "The fire brigade said the cause was unknown."
    )


def test_repeated_paragraph_skipped_but_short_repeats_kept():
    text = (
        "The agency said 120 flights were cancelled because of the strike on Monday.\n\n"
        "He declined to comment.\n\n"
        "Airlines said they would rebook passengers.\n\n"
        "He declined to comment.\n\n"
        "The agency said 120 flights were cancelled because of the strike on Monday.\n"
    )
    (draft,) = split_report(raw_text(text))
    body = draft.body_text()
    assert body.count("120 flights") == 1
    assert body.count("He declined to comment.") == 2


def test_overrides_apply_to_a_single_article():
    raw, _ = load("headline.txt")
    when = datetime(2024, 2, 1, 8, 0, tzinfo=UTC)
    (draft,) = split_report(raw, outlet="Harbour Daily", url="https://h.example/1", published=when)
    assert (draft.outlet, draft.url, draft.published) == (
        "Harbour Daily",
        "https://h.example/1",
        when,
    )


def test_naive_published_taken_as_utc():
    raw, _ = load("plain.txt")
    (draft,) = split_report(raw, published=datetime(2024, 2, 1, 8, 0))
    assert draft.published == datetime(2024, 2, 1, 8, 0, tzinfo=UTC)


def test_liveblog_entries_keep_their_own_times_but_take_given_outlet():
    raw = load_report(str(FIXTURES / "liveblog_epoch.txt"))
    given = datetime(2024, 6, 20, tzinfo=UTC)
    lead, first, *_ = split_report(raw, outlet="Daily Ledger", published=given)
    assert lead.published == given
    assert first.published == datetime(2024, 6, 19, 12, 0, tzinfo=UTC)
    assert lead.outlet == first.outlet == "Daily Ledger"


def test_nothing_but_chrome_still_gives_one_draft():
    raw = raw_text("Comments\n\nShare\n")
    (draft,) = split_report(raw)
    check_offsets(raw, [draft])
    assert draft.body_text() == ""


def test_page_title_from_metadata_found_below_navigation():
    text = (
        "Home | World | Business\n"
        "Bridge closed after barge strike\n"
        "The bridge was closed on Tuesday, the transport department said.\n"
    )
    raw = RawReport("p.html", text, "html", {"title": "Bridge closed after barge strike"})
    (draft,) = split_report(raw)
    assert draft.title == "Bridge closed after barge strike"
    assert draft.text[slice(*draft.title_span)] == draft.title
    assert draft.body_text() == "The bridge was closed on Tuesday, the transport department said."


def test_link_card_after_label_is_skipped():
    text = (
        "Officials said the border crossing would reopen on Friday.\n\n"
        "Read more:\n\n"
        "Border queues stretch for miles\n\n"
        "Drivers wait up to two days at the frontier\n\n"
        "Customs staff said the backlog would take a week to clear.\n"
    )
    (draft,) = split_report(raw_text(text))
    assert draft.body_text() == (
        "Officials said the border crossing would reopen on Friday.\n"
        "Customs staff said the backlog would take a week to clear."
    )


def test_every_json_item_stays_a_draft_and_takes_overrides():
    raw = load_report(str(FIXTURES / "articles.json"))
    chrome = RawReport(
        raw.path,
        raw.text + "\n\nComments",
        "json",
        {},
        [*raw.parts, ReportPart(len(raw.text) + 2, len(raw.text) + 10, {"title": "T"})],
    )
    drafts = split_report(chrome, outlet="Wire Desk")
    check_offsets(chrome, drafts)
    assert len(drafts) == 3
    assert drafts[2].text == "Comments" and drafts[2].body_text() == ""
    assert {d.outlet for d in drafts} == {"Wire Desk"}


def test_agency_bylines_and_labelled_photo_credits():
    text = (
        "Warehouse fire sends 14 to hospital\n\n"
        "By Priya Nair and Tom Becker in Kyiv, Reuters\n\n"
        "Firefighters at the scene on Sunday. Photograph: Sam Poe/AP\n\n"
        "By the time crews arrived the roof had collapsed, the fire brigade said.\n"
    )
    (draft,) = split_report(raw_text(text))
    assert draft.authors == ["Priya Nair", "Tom Becker"]
    assert (
        draft.body_text()
        == "By the time crews arrived the roof had collapsed, the fire brigade said."
    )
