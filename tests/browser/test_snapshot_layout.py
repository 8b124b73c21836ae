"""Chart snapshots as they go into budget papers: every chart's SVG export, drawn by Chromium,
with the boxes of its texts measured there. The footer (source, date, demo label) never
touches the x-axis title or tick labels, the title and filters never touch the legend, and
nothing is outside the image. Demo data, every chart id of the registry (plus an indicator's
trend and a theory of change)."""

from __future__ import annotations

import pytest

from dashboard import charts, image_renderer
from dashboard.db import get_engine
from dashboard.view_state import view_state

pytestmark = pytest.mark.browser

BOXES_JS = """() => {
    const svg = document.querySelector('svg');
    const box = el => { const r = el.getBoundingClientRect();
        return r.width && r.height ? [r.left, r.top, r.right, r.bottom] : null; };
    const all = sel => Array.from(svg.querySelectorAll(sel)).map(box).filter(Boolean);
    const footer = Array.from(svg.querySelectorAll('.annotation'))
        .filter(a => /Kilde/.test(a.textContent)).map(box);
    return {
        page: box(svg), footer: footer, xtitle: all('.g-xtitle text, .xtitle'),
        xticks: all('.xtick text'), title: all('.g-gtitle text'), legend: all('.legend .traces'),
    };
}"""


def _overlap(a, b, gap: float = 1.0) -> bool:
    apart_x = a[2] + gap <= b[0] or b[2] + gap <= a[0]
    return not (apart_x or a[3] + gap <= b[1] or b[3] + gap <= a[1])


def _chart_urls(demo_database: str) -> list[str]:
    engine = get_engine(demo_database)
    frames = charts.Frames(engine, view_state({}, engine=engine))
    indicators = frames.indicator_status
    goal = indicators["goal_code"].iloc[0]
    indicator = indicators["indicator_code"].iloc[0]
    urls = [f"/export/{record.id}.svg" for record in charts.registry()]
    urls.append(f"/export/{charts.INDICATOR_PREFIX}{indicator}.svg")
    urls.append(f"/export/{charts.THEORY_OF_CHANGE_ID}.svg?goal={goal}")
    return urls


def test_footer_title_legend_and_axis_titles_never_overlap(page, demo_database):
    from app import create_app

    client = create_app(database_url=demo_database).server.test_client()
    checked = 0
    try:
        for url in _chart_urls(demo_database):
            response = client.get(url)
            assert response.status_code == 200, (url, response.get_data(as_text=True)[:300])
            page.set_content(
                "<html><body style='margin:0'>" + response.get_data(as_text=True) + "</body></html>"
            )
            boxes = page.evaluate(BOXES_JS)
            assert len(boxes["footer"]) == 1, url
            footer = boxes["footer"][0]
            width, height = boxes["page"][2], boxes["page"][3]
            assert footer[3] <= height + 1 and footer[2] <= width + 1, (url, footer, width, height)
            for name in ("xtitle", "xticks"):
                for other in boxes[name]:
                    assert not _overlap(footer, other), (url, name, footer, other)
            for title in boxes["title"]:
                for legend in boxes["legend"]:
                    assert not _overlap(title, legend), (url, title, legend)
            checked += bool(boxes["xtitle"])
    finally:
        image_renderer.stop()
    assert checked >= 5  # most charts have an x-axis title: the comparison ran
