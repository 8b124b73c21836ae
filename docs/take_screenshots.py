"""Screenshots of every view for the README and docs, taken in the system Chromium (Playwright).

python docs/take_screenshots.py [BASE_URL] [NAME …]   (default http://127.0.0.1:8050, `make run`;
                                                       names: only those views)

Besides the laptop views: each view on a phone (390 px wide, the whole page), presentation mode
at 1920 × 1080 on a theory-of-change slide, and a printed page (Chromium's print-to-PDF of the
overview, its first page rendered with pdftoppm).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from dashboard.harness.browser import launch

OUT = Path(__file__).resolve().parent / "screenshots"
VIEWS = (
    ("overview", "/", (1440, 900)),
    ("effect-goals", "/effektmal", (1440, 900)),
    (
        "effect-goal-drilldown",
        "/effektmal?sektor=kultur-naering&kerneomrade=naering-reiseliv&goal=naering-reiseliv-1",
        (1440, 900),
    ),
    # An indicator fed from (demo) statistics: its KOSTRA group and country lines, the peer chart.
    ("effect-goal-comparison", "/effektmal?goal=okonomistyring-1", (1440, 1300)),
    ("service-review", "/tjenestegjennomgang?year=2021", (1440, 900)),
    ("minuttjakt", "/minuttjakt?year=2020", (1440, 900)),
    ("overview-en", "/?lang=en&sektor=helse-velferd", (1440, 900)),
    # What a leader reads: a sector against its own savings goal, a year without review parts,
    # an indicator's assessment under its chart; and every view in Danish.
    ("minuttjakt-sector-goal", "/minuttjakt?sektor=helse-velferd&year=2020", (1440, 900)),
    ("service-review-no-data", "/tjenestegjennomgang?year=2019", (1440, 900)),
    (
        "effect-goal-assessment",
        "/effektmal?kerneomrade=arbeid&goal=arbeid-1&year=2022",
        (1440, 1100),
    ),
    # The Danish demo organisation in the Danish UI.
    ("overview-da", "/?org=demo-dk&lang=da", (1440, 900)),
    ("effect-goals-da", "/effektmal?org=demo-dk&lang=da", (1440, 900)),
    (
        "effect-goal-assessment-da",
        "/effektmal?org=demo-dk&lang=da&kerneomrade=ledige&goal=ledige-1&year=2022",
        (1440, 1100),
    ),
    ("service-review-da", "/tjenestegjennomgang?org=demo-dk&year=2021&lang=da", (1440, 900)),
    ("minuttjakt-da", "/minuttjakt?org=demo-dk&year=2020&lang=da", (1440, 900)),
    ("presentation-1080p", "/effektmal?present=1&sektor=kultur-naering&slide=3", (1920, 1080)),
    ("phone-overview", "/", (390, 844)),
    ("phone-effect-goals", "/effektmal", (390, 844)),
    ("phone-service-review", "/tjenestegjennomgang?year=2021", (390, 844)),
    ("phone-minuttjakt", "/minuttjakt?year=2020", (390, 844)),
)
# Phones: the whole page, as one scrolls through it.
FULL_PAGE = {name for name, _, _ in VIEWS if name.startswith("phone-")}
THEORY_DECK = "/effektmal?present=1&sektor=kultur-naering"
PRINTED = "/?sektor=helse-velferd"
READY = """() => !document.getElementById('prerendered')
    && !document.querySelector('[data-dash-is-loading="true"]')
    && Array.from(document.querySelectorAll('.chart-graph, .present-graph'))
           .every(g => g.querySelector('.main-svg'))"""


def main(base: str, only: list[str]) -> None:
    OUT.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = launch(playwright)
        for name, path, (width, height) in VIEWS:
            if only and name not in only:
                continue
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(base + path)
            page.wait_for_selector(".app-shell, .presentation", timeout=20_000)
            page.wait_for_function(READY, timeout=20_000)
            page.wait_for_timeout(500)  # plotly's transitions
            page.screenshot(path=OUT / f"{name}.png", full_page=name in FULL_PAGE)
            page.close()
            print(OUT / f"{name}.png")
        if not only or "presentation-theory-of-change" in only:
            _theory_slide(browser, base)
        if not only or "printed-overview" in only:
            _printed_page(browser, base)
        browser.close()


def _theory_slide(browser, base: str) -> None:
    """The first theory-of-change slide of the deck, at 1080p."""
    page = browser.new_page(viewport={"width": 1920, "height": 1080})
    for number in range(2, 40):
        page.goto(f"{base}{THEORY_DECK}&slide={number}")
        page.wait_for_selector(".presentation", timeout=20_000)
        page.wait_for_function(READY, timeout=20_000)
        if page.locator("#present-theory-of-change").count():
            break
    page.wait_for_timeout(500)
    page.screenshot(path=OUT / "presentation-theory-of-change.png")
    page.close()
    print(OUT / "presentation-theory-of-change.png")


def _printed_page(browser, base: str) -> None:
    """Chromium's print-to-PDF of a view (A4, the print stylesheet), first page as PNG."""
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    page.goto(base + PRINTED)
    page.wait_for_selector(".app-shell", timeout=20_000)
    page.wait_for_function(READY, timeout=20_000)
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")  # what Ctrl+P sends
    page.wait_for_timeout(800)
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "printed.pdf"
        page.pdf(path=str(pdf), format="A4", print_background=True)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf),
             str(OUT / "printed-overview")],
            check=True,
        )  # fmt: skip
    page.close()
    print(OUT / "printed-overview.png")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8050", sys.argv[2:])
