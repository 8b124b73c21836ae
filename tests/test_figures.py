"""The figure builders on the query layer's frames for the small fixture: the numbers drawn are
the numbers queried (and worked out by hand in tests/small_fixture.py), in every language.

The builders return plain data (dicts and lists, as plotly.js takes it); every figure a test
here gets is first checked to be that, and valid for plotly: `go.Figure(figure)` checks each
property against plotly's schema, as the builders themselves no longer do. The tests then read
it through plotly's objects."""

from __future__ import annotations

import base64
import datetime as dt
import json
import math
import re
from xml.etree import ElementTree

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard import figures as figure_builders
from dashboard import queries, theme
from dashboard.i18n import hyphenate, plotly_separators, translate
from dashboard.queries import Filters
from tests.small_fixture import ORG, load_small_fixture

LANGS = ("nb", "da", "en")
END_2021 = dt.date(2021, 12, 31)
NBSP = "\u00a0"


@pytest.fixture
def db(engine):
    load_small_fixture(engine)
    return engine


def F(**kwargs) -> Filters:  # noqa: N802
    return Filters(organisation=ORG, **kwargs)


def checked(figure: object) -> go.Figure:
    """A builder's figure: plain JSON data (no numpy numbers, timestamps or NaN: the browser
    gets it as it is) with the house template, and nothing plotly does not know."""
    assert type(figure) is dict and set(figure) == {"data", "layout"}, type(figure)
    assert all(type(trace) is dict and "type" in trace for trace in figure["data"])
    assert figure["layout"]["template"] is theme.TEMPLATE
    json.dumps(figure, allow_nan=False)
    return go.Figure(figure)  # raises on an unknown property or a value of the wrong kind


class _CheckedBuilders:
    """dashboard.figures, with each figure it builds passed through `checked`."""

    def __getattr__(self, name: str) -> object:
        found = getattr(figure_builders, name)
        if not callable(found):
            return found

        def build(*args: object, **kwargs: object) -> object:
            result = found(*args, **kwargs)
            is_figure = isinstance(result, dict) and "data" in result
            return checked(result) if is_figure else result

        return build


figures = _CheckedBuilders()


def _bars(fig: go.Figure) -> dict[str, dict[str, float]]:
    """{trace name: {category label: value}} of a figure's bar traces."""
    out = {}
    for trace in fig.data:
        horizontal = trace.orientation == "h"
        labels = trace.y if horizontal else trace.x
        values = trace.x if horizontal else trace.y
        out[trace.name] = dict(zip(labels, values, strict=True))
    return out


def _status_name(key: str, lang: str) -> str:
    return f"{theme.STATUS_STYLE[key][1]} {translate(f'status.{key}', lang)}"


def _outcome_name(key: str, lang: str) -> str:
    return f"{theme.OUTCOME_STYLE[key][1]} {translate(f'outcome.{key}', lang)}"


# What the browser gets: the house font and number separators of each language, written out
# here (not read from the code under test), so a figure built without them fails.
HOUSE_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
SEPARATORS = {"nb": ",\u00a0", "da": ",\u00a0", "en": ".,"}


def _assert_house_style(fig: go.Figure, lang: str) -> None:
    sent = json.loads(fig.to_json())["layout"]  # the JSON the browser receives
    assert sent["template"]["layout"]["font"]["family"] == HOUSE_FONT
    assert sent["separators"] == SEPARATORS[lang]


# --- Separators -------------------------------------------------------------------------------


def test_plotly_separators():
    # Decimal comma and a no-break space between thousands in nb and da; en the other way round.
    assert plotly_separators("nb") == "," + NBSP
    assert plotly_separators("da") == "," + NBSP
    assert plotly_separators("en") == ".,"
    assert plotly_separators("xx") == plotly_separators("nb")


# --- Effect goals -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_status_counts_bar(db, lang):
    status = queries.indicator_status(db, F(year=2022))
    fig = figures.status_counts_bar(status, lang=lang)
    _assert_house_style(fig, lang)
    assert fig.layout.barmode == "stack"
    # Fewest indicators at the bottom, ties by name; Læring (2 indicators) at the top.
    assert all(t.y == ("Integration", "Sundhed", "Læring") for t in fig.data)
    assert all(t.customdata == ("X", "B", "A") for t in fig.data)
    # No indicator is at risk in 2022: no trace for it.
    assert _bars(fig) == {
        _status_name("met", lang): {"Integration": 0, "Sundhed": 1, "Læring": 0},
        _status_name("on_track", lang): {"Integration": 0, "Sundhed": 0, "Læring": 1},
        _status_name("off_track", lang): {"Integration": 0, "Sundhed": 0, "Læring": 1},
        _status_name("no_data", lang): {"Integration": 1, "Sundhed": 0, "Læring": 0},
    }
    # The same numbers as the query layer.
    expected = status.groupby(["core_area_name", "status"]).size()
    for key in ("met", "on_track", "off_track", "no_data"):
        for area, value in _bars(fig)[_status_name(key, lang)].items():
            assert value == expected.get((area, key), 0)


def test_status_counts_bar_2021_and_hand_made(db):
    fig = figures.status_counts_bar(queries.indicator_status(db, F(year=2021)), lang="en")
    assert _bars(fig) == {
        "● On track": {"Integration": 0, "Sundhed": 0, "Læring": 1},
        "✖ Off track": {"Integration": 0, "Sundhed": 0, "Læring": 1},
        "– No data": {"Integration": 1, "Sundhed": 1, "Læring": 0},
    }
    hand = pd.DataFrame(
        {
            "core_area_code": ["A", "A", "A", "B"],
            "core_area_name": ["Alfa", "Alfa", "Alfa", "Beta"],
            "status": ["at_risk", "at_risk", "met", "at_risk"],
        }
    )
    bars = _bars(figures.status_counts_bar(hand, lang="en"))
    assert bars == {"✔ Met": {"Beta": 0, "Alfa": 1}, "▲ At risk": {"Beta": 1, "Alfa": 2}}


LEGENDS = {
    "nb": ("Målt verdi", "Utgangsverdi 2018", "Mål 2024 (↑ høyere er bedre)"),
    "da": ("Målt værdi", "Udgangsværdi 2018", "Mål 2024 (↑ højere er bedre)"),
    "en": ("Measured value", "Baseline 2018", "Target 2024 (↑ higher is better)"),
}


@pytest.mark.parametrize("lang", LANGS)
def test_indicator_trend_draws_a_gap_not_a_zero(db, lang):
    status = queries.indicator_status(db, F(year=2022)).set_index("indicator_code")
    series = queries.indicator_series(db, F(year=2022))
    values = series[series["indicator_code"] == "I1"]
    fig = figures.indicator_trend(values, status.loc["I1"], lang=lang)
    _assert_house_style(fig, lang)
    value, baseline, target, star, path = fig.data
    assert list(value.x) == list(range(2018, 2025))
    assert list(value.y) == [50, 54, None, 60, 62, None, None]
    assert value.connectgaps is False
    assert 0 not in value.y
    # Baseline marker and target line.
    assert (list(baseline.x), list(baseline.y)) == ([2018], [50])
    assert list(target.x) == [2018, 2024] and list(target.y) == [70, 70]
    assert target.line.dash == "dash"
    assert (list(star.x), list(star.y)) == ([2024], [70])
    assert star.showlegend is False
    assert (value.name, baseline.name, target.name) == LEGENDS[lang]
    assert fig.layout.yaxis.title.text == "%"
    # The expected path from baseline to target: "behind plan" is visible, not only "below".
    assert (list(path.x), list(path.y)) == ([2018, 2024], [50, 70])
    assert path.line.dash == "dot"
    # 2021's assessment ("Ny metode") is in that point's tooltip, and only there.
    assert list(value.customdata) == ["", "", "", "<br>Ny metode", "", "", ""]
    assert "%{customdata}" in value.hovertemplate


def test_indicator_trend_lower_is_better_and_year_range(db):
    status = queries.indicator_status(db, F(year=2022)).set_index("indicator_code")
    series = queries.indicator_series(db, F())
    values = series[series["indicator_code"] == "I2"]
    fig = figures.indicator_trend(values, status.loc["I2"], lang="en", year_range=(2016, 2026))
    value, baseline, target, _star, _path = fig.data
    assert list(value.x) == list(range(2016, 2027))
    assert list(value.y) == [None, None, None, None, 22, None, 21, None, None, None, None]
    assert (list(baseline.x), list(baseline.y)) == ([2018], [20])
    assert list(target.x) == [2016, 2026] and list(target.y) == [10, 10]
    assert target.name == "Target 2024 (↓ lower is better)"


def test_indicator_trend_without_values(db):
    status = queries.indicator_status(db, F(year=2022)).set_index("indicator_code")
    values = queries.indicator_series(db, F(), goal_code="G3")
    assert values.empty
    fig = figures.indicator_trend(values, status.loc["I4"], lang="nb")
    value, baseline, target, _star, _path = fig.data
    assert list(value.x) == list(range(2020, 2026))
    assert all(y is None for y in value.y)
    assert (list(baseline.x), list(baseline.y)) == ([2020], [60])
    assert list(target.y) == [70, 70]


def _svg_of(fig: go.Figure) -> str:
    """The drawing a theory-of-change figure carries as its one image."""
    (image,) = fig.layout.images
    prefix = "data:image/svg+xml;base64,"
    assert image.source.startswith(prefix)
    assert (image.sizing, image.xref, image.yref) == ("contain", "paper", "paper")
    return base64.b64decode(image.source.removeprefix(prefix)).decode()


SVG_NS = "{http://www.w3.org/2000/svg}"


def _diagram(svg: str) -> tuple[dict, list, list[str]]:
    """From Graphviz's SVG: {node id: (x0, y0, x1, y1, text)}, [(from, to, start, tip, label)],
    and the other texts (headings, assumptions), in SVG coordinates."""
    root = ElementTree.fromstring(svg)
    nodes, edges, others = {}, [], []
    for group in root.iter(f"{SVG_NS}g"):
        kind, title = group.get("class"), group.findtext(f"{SVG_NS}title")
        texts = [t.text or "" for t in group.iter(f"{SVG_NS}text")]
        if kind == "node":
            points = _points(group.find(f"{SVG_NS}polygon").get("points"))
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            nodes[title] = (min(xs), min(ys), max(xs), max(ys), " ".join(texts))
        elif kind == "edge":
            source, target = title.split("->")
            path = group.find(f"{SVG_NS}path").get("d")
            start = tuple(float(v) for v in re.match(r"M([-\d.]+),([-\d.]+)", path).groups())
            end = tuple(float(v) for v in re.findall(r"([-\d.]+),([-\d.]+)", path)[-1])
            head = _points(group.find(f"{SVG_NS}polygon").get("points"))
            # The arrowhead's tip: its corner farthest from where the line stops.
            tip = max(head, key=lambda p: math.dist(p, end))
            edges.append((source, target, start, tip, " ".join(texts)))
        elif kind in ("cluster", "graph"):
            others.extend(t.text or "" for t in group.findall(f"{SVG_NS}text"))
    return nodes, edges, others


def _points(text: str) -> list[tuple[float, float]]:
    return [tuple(float(v) for v in pair.split(",")) for pair in text.split()]


def _on_border(point, box, tolerance: float = 1.5) -> bool:
    """The point lies on the box's outline (within `tolerance` SVG units)."""
    x, y = point
    x0, y0, x1, y1, _ = box
    inside_x = x0 - tolerance <= x <= x1 + tolerance
    inside_y = y0 - tolerance <= y <= y1 + tolerance
    near_side = min(abs(x - x0), abs(x - x1)) <= tolerance and inside_y
    near_top = min(abs(y - y0), abs(y - y1)) <= tolerance and inside_x
    return near_side or near_top


@pytest.mark.parametrize("lang", LANGS)
def test_theory_of_change(db, lang):
    steps, links = queries.theory_of_change(db, ORG, "G1")
    fig = figures.theory_of_change(steps, links, lang=lang)
    _assert_house_style(fig, lang)
    nodes, edges, others = _diagram(_svg_of(fig))
    # One box per step with its whole text, one arrow per link between the right boxes.
    text_of = {
        f"step_{code}": text for code, text in zip(steps["code"], steps["text"], strict=True)
    }
    assert {n: box[4] for n, box in nodes.items()} == text_of
    assert sorted((f, t) for f, t, *_ in edges) == sorted(
        (f"step_{a}", f"step_{b}")
        for a, b in zip(links["from_code"], links["to_code"], strict=True)
    )
    by_text = {box[4]: box for box in nodes.values()}
    # Interventions left, the intermediate result in the middle, the effect right.
    assert by_text["Lesekurs"][2] < by_text["Mer lesing"][0]
    assert by_text["Leksehjelp"][2] < by_text["Mer lesing"][0]
    assert by_text["Mer lesing"][2] < by_text["Flere elever lærer mer"][0]
    # The critical assumption: a number on its arrow, written out under the diagram.
    numbered = [e for e in edges if e[4]]
    assert [(e[0], e[1], e[4]) for e in numbered] == [
        (f"step_{a}", f"step_{b}", "1")
        for a, b, text in links.itertuples(index=False)
        if isinstance(text, str) and text
    ]
    assert f"1: {translate('col.assumption', lang)}: Foreldre deltar" in others
    for kind in ("intervention", "intermediate_result", "effect"):
        assert translate(f"change.{kind}", lang) in others


LONG = (
    "Alle skoler tilbyr gratis leksehjelp tre ettermiddager i uken, med lærere og frivillige "
    "som kjenner elevenes planer"
)


def _long_theory(interventions: int = 3) -> tuple[pd.DataFrame, pd.DataFrame]:
    steps = [
        {"code": f"T{i}", "kind": "intervention", "text": f"{i}. {LONG}", "position": i}
        for i in range(interventions)
    ]
    steps += [
        {
            "code": "R1",
            "kind": "intermediate_result",
            "text": "Flere elever " + LONG,
            "position": 10,
        },
        {"code": "R2", "kind": "intermediate_result", "text": "Mer lesing hjemme", "position": 11},
        {"code": "E", "kind": "effect", "text": "Flere elever fullfører " + LONG, "position": 20},
    ]
    links = [
        {"from_code": f"T{i}", "to_code": "R1" if i % 2 else "R2", "assumption": None}
        for i in range(interventions)
    ]
    links[0]["assumption"] = "Foreldrene " + LONG
    links += [
        {"from_code": "R1", "to_code": "E", "assumption": "Skolene " + LONG},
        {"from_code": "R2", "to_code": "E", "assumption": None},
        {"from_code": "T0", "to_code": "R1", "assumption": None},
    ]
    return pd.DataFrame(steps), pd.DataFrame(links)


@pytest.mark.parametrize("fit", [None, figures.SLIDE_DRAWING_PX], ids=["card", "slide"])
@pytest.mark.parametrize("interventions", [1, 3, 5])
def test_theory_of_change_arrows_end_on_the_boxes_whatever_the_texts(interventions, fit):
    steps, links = _long_theory(interventions)
    svg = figures.theory_of_change_svg(steps, links, lang="nb", fit=fit)
    nodes, edges, others = _diagram(svg)
    assert len(nodes) == len(steps) and len(edges) == len(links)
    for source, target, start, tip, _ in edges:
        assert _on_border(start, nodes[source]), (source, start, nodes[source][:4])
        assert _on_border(tip, nodes[target]), (target, tip, nodes[target][:4])
    # Boxes grow with their text: every word is in its box, lines of at most CHANGE_WRAP.
    for code, text in zip(steps["code"], steps["text"], strict=True):
        assert nodes[f"step_{code}"][4] == text
    root = ElementTree.fromstring(svg)
    for group in root.iter(f"{SVG_NS}g"):
        if group.get("class") != "node":
            continue
        for line in group.iter(f"{SVG_NS}text"):
            assert len(line.text) <= max(figures.FIT_WRAPS)
            assert line.get("text-anchor") == "middle"
    if fit is None:  # a card's boxes are narrow
        lines = [t for g in root.iter(f"{SVG_NS}g") if g.get("class") == "node" for t in g]
        assert all(len(t.text) <= figures.CHANGE_WRAP for t in lines if t.text)
    # The assumptions are written out in full under the diagram, numbered.
    notes = " ".join(others)
    assert f"1: Forutsetning: Foreldrene {LONG}" in notes
    assert f"2: Forutsetning: Skolene {LONG}" in notes


@pytest.mark.parametrize("interventions", [1, 3])
def test_theory_of_change_text_is_24_px_on_a_1080p_slide(interventions):
    """Long texts (about 120 characters a box, two long assumptions) still give box text of
    at least 24 px when the drawing is scaled into a 1080p slide's plot area."""
    steps, links = _long_theory(interventions)
    svg = figures.theory_of_change_svg(steps, links, lang="nb", fit=figures.SLIDE_DRAWING_PX)
    width, height = figures.svg_size(svg)
    scale = min(figures.SLIDE_DRAWING_PX[0] / width, figures.SLIDE_DRAWING_PX[1] / height)
    sizes = {float(t.get("font-size")) for t in ElementTree.fromstring(svg).iter(f"{SVG_NS}text")}
    assert min(sizes) * scale >= 24, (width, height, sizes)


def test_theory_of_change_text_stays_text():
    """Step texts come from imported files: markup in them is drawn as text by Graphviz."""
    steps = pd.DataFrame(
        {"code": ["E"], "kind": ["effect"], "text": ["<b>Flere</b> & \\l færre"], "position": [1]}
    )
    links = pd.DataFrame(columns=["from_code", "to_code", "assumption"])
    nodes, _, _ = _diagram(figures.theory_of_change_svg(steps, links, lang="nb"))
    assert nodes["step_E"][4] == "<b>Flere</b> & \\l færre"


# --- Service review ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_review_completion_bar_by_sector(db, lang):
    completion = queries.review_completion(db, F(year=2021), as_of=END_2021)
    fig = figures.review_completion_bar(completion, by="sector", lang=lang)
    _assert_house_style(fig, lang)
    assert fig.layout.barmode == "stack"
    bars = _bars(fig)
    assert bars == {
        _outcome_name("delivered_on_time", lang): {"Skole": 1, "Helse": 0},
        _outcome_name("delivered_late", lang): {"Skole": 1, "Helse": 0},
        _outcome_name("late", lang): {"Skole": 0, "Helse": 2},
    }
    # Each stack adds up to the sector's tasks in the query layer.
    per_sector = completion.groupby("sector_name")["tasks"].sum()
    for sector in ("Skole", "Helse"):
        assert sum(b[sector] for b in bars.values()) == per_sector[sector]
    codes = {t.name: dict(zip(t.y, t.customdata, strict=True)) for t in fig.data}
    assert all(c == {"Skole": "S1", "Helse": "S2"} for c in codes.values())


def test_review_completion_bar_by_part_before_august(db):
    completion = queries.review_completion(db, F(year=2021), as_of=dt.date(2021, 8, 1))
    fig = figures.review_completion_bar(completion, by="part", lang="en")
    bars = _bars(fig)
    ic, op, inv = (
        translate(f"part.{p}", "en")
        for p in ("internal_control", "budget_operating", "budget_investment")
    )
    assert bars == {
        "✔ Delivered on time": {ic: 1, op: 0, inv: 0},
        "◐ Delivered late": {ic: 0, op: 1, inv: 0},
        _outcome_name("pending", "en"): {ic: 0, op: 0, inv: 1},
        _outcome_name("late", "en"): {ic: 1, op: 0, inv: 0},
    }
    # Stacked in the order on time, late delivery, pending, late.
    assert [t.name for t in fig.data] == [
        _outcome_name(k, "en") for k in ("delivered_on_time", "delivered_late", "pending", "late")
    ]
    assert {c for t in fig.data for c in t.customdata} == {
        "internal_control",
        "budget_operating",
        "budget_investment",
    }


def test_review_timeline(db):
    deadlines = queries.review_deadlines(db, F(year=2021))
    fig = figures.review_timeline(deadlines, year=2021, lang="nb")
    _assert_house_style(fig, "nb")
    (trace,) = fig.data
    assert [pd.Timestamp(x) for x in trace.x] == [
        pd.Timestamp(2021, 6, 30),
        pd.Timestamp(2021, 8, 31),
    ]
    # 30.06: 1 of 2 by the deadline; 31.08: 0 of 2 (one late, one not delivered).
    assert trace.text[0] == "Internkontroll<br>50\u00a0% levert innen 30.06.2021"
    assert trace.text[1].endswith("<br>0\u00a0% levert innen 31.08.2021")
    assert "Budsjettinnspill drift" in trace.text[1]
    assert "Budsjettinnspill investering" in trace.text[1]
    assert list(fig.layout.xaxis.ticktext) == [translate(f"month.{m}", "nb") for m in range(1, 13)]


@pytest.mark.parametrize("lang", LANGS)
def test_review_budget_bar_in_millions(db, lang):
    budget = queries.review_budget_totals(db, F(year=2021))
    fig = figures.review_budget_bar(budget, lang=lang)
    _assert_house_style(fig, lang)
    operating = translate("part.budget_operating", lang)
    investment = translate("part.budget_investment", lang)
    assert _bars(fig) == {
        operating: {"Skole": 1.0, "Helse": 0.0},
        investment: {"Skole": 0.0, "Helse": 5.0},
    }
    shapes = {t.name: t.marker.pattern.shape for t in fig.data}
    assert shapes == {operating: "", investment: "/"}


# --- Minuttjakt -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_savings_cumulative(db, lang):
    months = queries.savings_by_month(db, F(year=2020))
    goal = queries.savings_goal_hours(db, F(year=2020))
    fig = figures.savings_cumulative(months, goal_hours=goal, year=2020, lang=lang)
    _assert_house_style(fig, lang)
    measured, estimated, goal_line = fig.data
    month_names = [translate(f"month.{m}", lang) for m in range(1, 13)]
    assert list(measured.x) == list(estimated.x) == list(goal_line.x) == month_names
    assert list(measured.y) == months["measured_cumulative"].tolist() == [10] + [30] * 11
    assert list(estimated.y) == months["estimated_cumulative"].tolist() == [0, 0] + [9] * 10
    assert list(goal_line.y) == [100] * 12
    assert measured.name == translate("basis.measured", lang)
    assert estimated.name == translate("basis.estimated", lang)
    assert goal_line.name == f"{translate('legend.goal', lang)} 2020"
    assert estimated.line.dash == "dot" and goal_line.line.dash == "dash"
    assert list(fig.layout.xaxis.categoryarray) == month_names
    # Never a line of measured + estimated.
    assert all(list(t.y) != [10, 30] + [39] * 10 for t in fig.data)


def test_savings_cumulative_through_month_and_without_goal(db):
    months = queries.savings_by_month(db, F(year=2021))
    fig = figures.savings_cumulative(months, goal_hours=None, year=2021, lang="en", through_month=2)
    assert len(fig.data) == 2  # no goal line without a goal
    measured, estimated = fig.data
    assert list(measured.x) == ["Jan", "Feb"]
    assert list(measured.y) == [7, 7] and list(estimated.y) == [0, 0]
    # The axis still has every month, so the line stops where the data stops.
    assert len(fig.layout.xaxis.categoryarray) == 12


@pytest.mark.parametrize("lang", LANGS)
def test_savings_hours_bar_by_sector(db, lang):
    by_sector = queries.savings_by_sector(db, F(year=2020))
    fig = figures.savings_hours_bar(
        by_sector, label_column="sector_name", lang=lang, code_column="sector_code"
    )
    _assert_house_style(fig, lang)
    assert fig.layout.barmode == "group"  # side by side, never stacked into a sum
    measured_word = translate("basis.measured", lang)
    estimated_word = translate("basis.estimated", lang)
    assert [t.name for t in fig.data] == [measured_word, estimated_word]
    assert _bars(fig) == {
        measured_word: {"Skole": 30, "Helse": 0},
        estimated_word: {"Skole": 4, "Helse": 5},
    }
    # Largest measured on top (horizontal bars draw bottom-up).
    assert all(list(t.y) == ["Helse", "Skole"] for t in fig.data)
    assert all(list(t.customdata) == ["S2", "S1"] for t in fig.data)
    measured, estimated = fig.data
    assert measured.marker.pattern.shape == ""
    assert estimated.marker.pattern.shape == "/"
    # No trace carries measured + estimated.
    assert all(list(t.x) != [5, 34] for t in fig.data)
    # The numbers are the query layer's.
    assert list(measured.x) == by_sector["measured_hours"].tolist()[::-1]
    assert list(estimated.x) == by_sector["estimated_hours"].tolist()[::-1]


def test_savings_hours_bar_by_process_with_limit(db):
    by_process = queries.savings_by_process(db, F(year=2020))
    fig = figures.savings_hours_bar(by_process, label_column="process_name", lang="nb", limit=1)
    assert _bars(fig) == {
        "Målte timer": {"Fakturakontroll": 30},
        "Estimerte timer": {"Fakturakontroll": 4},
    }
    assert all(t.customdata is None for t in fig.data)
    full = figures.savings_hours_bar(by_process, label_column="process_name", lang="nb")
    assert _bars(full)["Estimerte timer"] == {"Vaktplan": 5, "Fakturakontroll": 4}
    # Where a phone may break the long names (assets/responsive.js); short ones need none.
    assert full.layout.meta["hyphenated"] == {
        "Fakturakontroll": hyphenate("Fakturakontroll", "nb")
    } != {"Fakturakontroll": "Fakturakontroll"}


@pytest.mark.parametrize("lang", LANGS)
def test_process_pipeline(db, lang):
    pipeline = queries.process_pipeline(db, F())
    fig = figures.process_pipeline(pipeline, lang=lang)
    _assert_house_style(fig, lang)
    development = translate("stage.in_development", lang)
    production = translate("stage.in_production", lang)
    assert _bars(fig) == {
        translate("kind.automate", lang): {development: 0, production: 1},
        translate("kind.simplify", lang): {development: 1, production: 0},
    }
    # Stages in pipeline order, whatever order the query returns them in.
    assert all(list(t.x) == [development, production] for t in fig.data)
    total = sum(v for bars in _bars(fig).values() for v in bars.values())
    assert total == pipeline["processes"].sum() == 2


# --- Every builder: house style, and nothing to show ---------------------------------------


def _all_figures(db, filters: Filters, lang: str) -> dict[str, go.Figure]:
    status = queries.indicator_status(db, filters.with_year(2022))
    steps, links = queries.theory_of_change(db, filters.organisation, "G1")
    year_2021, year_2020 = filters.with_year(2021), filters.with_year(2020)
    return {
        "status_counts_bar": figures.status_counts_bar(status, lang=lang),
        "theory_of_change": figures.theory_of_change(steps, links, lang=lang),
        "review_completion_bar": figures.review_completion_bar(
            queries.review_completion(db, year_2021, as_of=END_2021), by="sector", lang=lang
        ),
        "review_completion_bar_part": figures.review_completion_bar(
            queries.review_completion(db, year_2021, as_of=END_2021), by="part", lang=lang
        ),
        "review_timeline": figures.review_timeline(
            queries.review_deadlines(db, year_2021), year=2021, lang=lang
        ),
        "review_budget_bar": figures.review_budget_bar(
            queries.review_budget_totals(db, year_2021), lang=lang
        ),
        "savings_hours_bar": figures.savings_hours_bar(
            queries.savings_by_sector(db, year_2020), label_column="sector_name", lang=lang
        ),
        "process_pipeline": figures.process_pipeline(
            queries.process_pipeline(db, filters), lang=lang
        ),
    }


@pytest.mark.parametrize("lang", LANGS)
def test_every_figure_has_the_template_and_the_separators(db, lang):
    built = _all_figures(db, F(), lang)
    months = queries.savings_by_month(db, F(year=2020))
    built["savings_cumulative"] = figures.savings_cumulative(
        months, goal_hours=100, year=2020, lang=lang
    )
    status = queries.indicator_status(db, F()).set_index("indicator_code")
    built["indicator_trend"] = figures.indicator_trend(
        queries.indicator_series(db, F(), goal_code="G2"), status.loc["I3"], lang=lang
    )
    for name, fig in built.items():
        # The theory of change is one drawing (an image), every other figure has traces.
        assert fig.layout.images if name == "theory_of_change" else fig.data, name
        _assert_house_style(fig, lang)
    assert built["status_counts_bar"].layout.separators == (",\u00a0" if lang != "en" else ".,")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("year", ["2020", "2021", "2022"])
def test_every_chart_of_the_app_is_plain_data(db, lang, year):
    """What a view's data callback sends as it is: every chart of the registry, each
    indicator's trend and the theory of change, built as the views build them."""
    from dashboard import charts
    from dashboard.view_state import view_state

    state = view_state({"year": [year], "lang": [lang], "goal": ["G1"]}, engine=db)
    frames = charts.Frames(db, state)
    chart_ids = [r.id for r in charts.registry()] + [charts.THEORY_OF_CHANGE_ID]
    chart_ids += [
        f"{charts.INDICATOR_PREFIX}{code}" for code in frames.indicator_status["indicator_code"]
    ]
    drawn = 0
    for chart_id in chart_ids:
        chart = charts.build(chart_id, frames)
        if chart is not None and chart.figure is not None:
            checked(chart.figure)
            _assert_house_style(go.Figure(chart.figure), lang)
            drawn += 1
    assert drawn >= len(chart_ids) - 1


@pytest.mark.parametrize("lang", LANGS)
def test_empty_frames_give_empty_figures(db, lang):
    built = _all_figures(db, Filters(organisation="nope"), lang)
    for name, fig in built.items():
        assert len(fig.data) == 0, name
        assert len(fig.layout.annotations) == 0 and len(fig.layout.images) == 0, name
        _assert_house_style(fig, lang)
        fig.to_json()  # and it serialises


def test_savings_cumulative_of_nothing():
    empty = pd.DataFrame(
        columns=[
            "month",
            "measured_hours",
            "estimated_hours",
            "measured_cumulative",
            "estimated_cumulative",
        ]
    )
    fig = figures.savings_cumulative(empty, goal_hours=None, year=2020, lang="nb")
    assert all(len(t.y) == 0 for t in fig.data)
    _assert_house_style(fig, "nb")


# --- Units and decimals per indicator ------------------------------------------------------------


def _set_unit(engine, code: str, unit: str, decimals: int | None) -> None:
    from sqlalchemy import update

    from dashboard.models import Indicator

    with engine.begin() as conn:
        conn.execute(
            update(Indicator)
            .where(Indicator.code == code)
            .values(unit_of_measure=unit, decimals=decimals)
        )


@pytest.mark.parametrize(
    ("lang", "value", "baseline", "axis"),
    [
        ("nb", "62,0\u00a0%", "Utgangsverdi 50,0\u00a0% (2018)", "%"),
        ("da", "62,0\u00a0%", "Udgangsværdi 50,0\u00a0% (2018)", "%"),
        ("en", "62.0%", "Baseline 50.0% (2018)", "%"),
    ],
)
def test_a_percentage_indicator_everywhere(db, lang, value, baseline, axis):
    from dashboard import charts
    from dashboard.view_state import view_state

    state = view_state({"year": ["2022"], "lang": [lang]}, engine=db)
    chart = charts.build("trend-I1", charts.Frames(db, state))
    assert f": {value} " in chart.summary and baseline in chart.summary
    figure = checked(chart.figure)
    trace = figure.data[0]
    assert value in list(trace.text)  # the tooltip writes what the sentence writes
    assert figure.layout.yaxis.title.text == axis
    assert chart.table_for_export().iloc[-1].tolist()[1] == value


@pytest.mark.parametrize(
    ("lang", "decimals", "latest", "axis"),
    [
        ("nb", None, "21", "Antall"),
        ("da", None, "21", "Antal"),
        ("en", None, "21", ""),  # no unit word for a count in English
        ("nb", 2, "21,00", "Antall"),
        ("en", 2, "21.00", ""),
    ],
)
def test_a_count_indicator_has_no_decimals_unless_it_says_so(db, lang, decimals, latest, axis):
    from dashboard import charts
    from dashboard.view_state import view_state

    _set_unit(db, "I2", "antall", decimals)
    state = view_state({"year": ["2022"], "lang": [lang]}, engine=db)
    frames = charts.Frames(db, state)
    chart = charts.build("trend-I2", frames)
    figure = checked(chart.figure)
    assert figure.layout.yaxis.title.text == axis
    assert latest in list(figure.data[0].text)
    assert "antall" not in chart.summary and ",0 " not in chart.summary
    status = charts.build("indicator-status", frames)
    row = status.table_for_export().set_index(status.columns[2].header).loc["Fravær"]
    # The latest value in the status table, in its decimals.
    assert row[translate("col.latest_value", lang)] == latest
