"""Screenshots of every view for the README, taken in the system Chromium (Playwright).

python docs/take_screenshots.py [BASE_URL] [NAME …]   (default http://127.0.0.1:8050, `make run`;
                                                       names: only those views)
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from dashboard.harness.browser import launch

OUT = Path(__file__).resolve().parent / "screenshots"
VIEWS = (
    ("overview", "/", (1440, 900)),
    ("effect-goals", "/effektmal", (1440, 900)),
    (
        "effect-goal-drilldown",
        "/effektmal?sektor=kultur-naering&kerneomrade=erhverv-turisme&goal=erhverv-turisme-1",
        (1440, 900),
    ),
    # An indicator fed from (demo) statistics: its KOSTRA group and country lines, the peer chart.
    ("effect-goal-comparison", "/effektmal?goal=okonomistyring-1", (1440, 1300)),
    ("service-review", "/tjenestegjennomgang?year=2021", (1440, 900)),
    ("minuttjakt", "/minuttjakt?year=2020", (1440, 900)),
    ("overview-en", "/?lang=en&sektor=helse-velferd", (1440, 900)),
    ("presentation-1080p", "/effektmal?present=1&sektor=kultur-naering&slide=2", (1920, 1080)),
)
READY = """() => !document.querySelector('[data-dash-is-loading="true"]')
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
            page.screenshot(path=OUT / f"{name}.png")
            page.close()
            print(OUT / f"{name}.png")
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8050", sys.argv[2:])
