"""HTML reports treat article text as hostile: escaped, inert, no links but http(s).

The browser test opens the pages in headless Chromium and checks that nothing
executes and nothing logs an error; screenshots go to test-artifacts/.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from sqlmodel import Session
from test_report_ledger import Ledger, build_ledger

from factcheck.models import Claim
from factcheck.reports import render
from factcheck.reports.claim import build_claim_report
from factcheck.reports.corpus import build_corpus_report
from factcheck.reports.document import build_document_report

# every payload sets the page title if it ever runs, which --dump-dom shows
PWNED = "pwned"
PAYLOADS = {
    "title": f"<script>document.title='{PWNED}'</script>Strike on Odesa",
    "outlet": f"<img src=x onerror=\"document.title='{PWNED}'\">Monitor",
    "url": "javascript:document.title='pwned'",
    "author": f'"><svg onload="document.title=\'{PWNED}\'">',
    "text": f'<script>document.title=\'{PWNED}\'</script> <a href="javascript:alert(1)">more</a> <iframe src="https://evil.example"></iframe>',
    "source": f"Petro <img src=x onerror=\"document.title='{PWNED}'\"> Marchenko",
}
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"


@pytest.fixture
def hostile(session: Session) -> Ledger:
    ledger = build_ledger(session, hostile=PAYLOADS)
    claim = session.get(Claim, ledger.claims["toll"])
    assert claim is not None
    claim.text = f"{claim.text} <svg/onload=alert(1)> javascript:alert(1)"
    session.commit()
    return ledger


def pages(ledger: Ledger, session: Session) -> dict[str, str]:
    return {
        "claim": render(build_claim_report(ledger.claims["toll"], session=session), "html"),
        "document": render(
            build_document_report(ledger.documents["monitor"], session=session), "html"
        ),
        "corpus": render(build_corpus_report(session=session), "html"),
    }


class Elements(HTMLParser):
    """Every start tag with its attributes, as a browser's tokenizer would see them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Elements()
    parser.feed(html)
    return parser.tags


def test_payloads_come_out_inert(hostile: Ledger, session: Session) -> None:
    for name, page in pages(hostile, session).items():
        tags = elements(page)
        assert "<script" not in page.lower(), name
        assert not re.search(r"<[^>]*\bon\w+\s*=", page, re.I), (
            f"{name}: an unescaped event handler"
        )
        assert 'href="javascript:' not in page.lower(), name
        for tag, attrs in tags:
            assert tag not in ("script", "iframe", "img", "object", "embed", "link"), (name, tag)
            assert not any(a.startswith("on") for a in attrs), (name, tag, attrs)
            href = attrs.get("href")
            if href is not None and not href.startswith("#"):
                assert href.startswith(("https://", "http://")), (name, href)
        # the payloads are shown as text, not dropped (the corpus page shows outlets, not titles)
        assert "&lt;img src=x onerror=" in page, name
        if name != "corpus":
            assert "&lt;script&gt;" in page, name
    claim_page = pages(hostile, session)["claim"]
    assert "Strike on Odesa" in claim_page
    # the javascript: URL of the document is printed nowhere as a link
    assert not any(
        t == "a" and "javascript" in (a.get("href") or "") for t, a in elements(claim_page)
    )


def test_a_page_without_escaping_would_fail_the_check() -> None:
    """The checks above can fail: the same payload unescaped is caught."""
    unsafe = f"<p>{PAYLOADS['outlet']}</p>"
    assert re.search(r"<[^>]*\bon\w+\s*=", unsafe, re.I)
    assert any(t == "img" for t, _ in elements(unsafe))


# --- in a real browser --------------------------------------------------------------


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def open_in_browser(
    page: Path, workdir: Path, *, screenshot: Path | None = None
) -> tuple[str, str]:
    """Load a file in headless Chromium; returns (dumped DOM, browser log)."""
    binary = chromium()
    assert binary is not None
    args = [
        binary,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-extensions",
        f"--user-data-dir={workdir / 'profile'}",
        "--enable-logging=stderr",
        "--v=0",
        "--window-size=1200,2000",
        "--hide-scrollbars",
    ]
    args += [f"--screenshot={screenshot}"] if screenshot else ["--dump-dom"]
    done = subprocess.run(
        [*args, page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "LANG": "C.UTF-8"},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout, done.stderr


def console_errors(log: str) -> list[str]:
    """Lines of the browser log that report page errors (not Chromium's own chatter)."""
    pattern = re.compile(
        r"Uncaught|CONSOLE\(\d+\)|Refused to|Content Security Policy|SyntaxError", re.I
    )
    return [line for line in log.splitlines() if pattern.search(line)]


def page_title(dom: str) -> str:
    found = re.search(r"<title>(.*?)</title>", dom, re.S)
    return html.unescape(found.group(1)) if found else ""


@pytest.mark.browser
def test_pages_render_in_chromium_without_running_anything(
    hostile: Ledger, session: Session, tmp_path: Path
) -> None:
    if chromium() is None:
        pytest.skip("chromium is not installed")
    ARTIFACTS.mkdir(exist_ok=True)
    for name, source in pages(hostile, session).items():
        page = tmp_path / f"{name}.html"
        page.write_text(source, encoding="utf-8")
        dom, log = open_in_browser(page, tmp_path)
        # a payload that ran would have replaced the title with PWNED
        assert page_title(dom) == page_title(source), f"{name}: a payload ran"
        assert page_title(dom).endswith("· factcheck")
        assert "<svg" in dom
        assert console_errors(log) == [], f"{name}: {console_errors(log)}"
        shot = ARTIFACTS / f"report-{name}-hostile.png"
        open_in_browser(page, tmp_path, screenshot=shot)
        assert shot.stat().st_size > 10_000


@pytest.mark.browser
def test_the_browser_check_catches_a_payload_that_runs(tmp_path: Path) -> None:
    """Negative control: an unescaped payload does change the title in the dumped DOM."""
    if chromium() is None:
        pytest.skip("chromium is not installed")
    page = tmp_path / "unsafe.html"
    page.write_text(
        f"<!DOCTYPE html><title>safe</title><p>{PAYLOADS['outlet']}</p>", encoding="utf-8"
    )
    dom, _ = open_in_browser(page, tmp_path)
    assert page_title(dom) == PWNED
