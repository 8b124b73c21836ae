"""Figure builders: pure functions, a frame from the query layer in, a figure out.

A figure is plain data, as plotly.js takes it: `{"data": [trace, …], "layout": {…}}` with the
project template (dashboard.theme) and the locale's number separators in its layout. Not
plotly's `go.Figure`: validating every property on each filter change cost most of a view's
update, and the browser gets the same JSON either way (the tests check each figure against
plotly's schema). Titles live in the chart card (a real heading); every text on the figure goes
through the translation layer.
"""

from __future__ import annotations

import base64
import functools
import html
import math
import re
import textwrap
from collections.abc import Iterable
from typing import Any

import pandas as pd

from dashboard import theme
from dashboard.i18n import (
    format_date,
    format_number,
    format_quantity,
    hyphenate,
    indicator_decimals,
    plotly_separators,
    translate,
    unit_label,
)
from dashboard.summaries import assessment_lines

MONTH_KEYS = tuple(f"month.{m}" for m in range(1, 13))


def _text(value: object) -> str:
    """Text from the database (names, units, step texts) as plotly must get it: plotly reads a
    subset of HTML in tick labels, hover labels and annotations (`<a href>`, `<span style>`,
    `<b>`…), so `<`, `>` and `&` are escaped. Plotly turns the entities back into the
    characters, which are then drawn as text."""
    return html.escape(str(value), quote=False)


Figure = dict[str, Any]  # {"data": [trace dicts], "layout": {…}}: what plotly.js draws


def _figure(traces: list[dict], lang: str, **layout: object) -> Figure:
    """The figure of `traces` with the house template and the language's separators; with
    horizontal bars, their long names' hyphenation points in `meta.hyphenated` (name → name
    with soft hyphens), where a narrow chart wraps them (assets/responsive.js)."""
    hyphenated = {
        name: hyphenate(name, lang)
        for trace in traces
        if trace.get("type") == "bar" and trace.get("orientation") == "h"
        for name in (trace.get("y") if trace.get("y") is not None else ())
        if isinstance(name, str)
    }
    hyphenated = {name: shown for name, shown in hyphenated.items() if shown != name}
    if hyphenated:
        layout["meta"] = {**dict(layout.get("meta") or {}), "hyphenated": hyphenated}
    return {
        "data": traces,
        "layout": {"template": theme.TEMPLATE, "separators": plotly_separators(lang), **layout},
    }


def _date(value: pd.Timestamp) -> str:
    """A date as plotly reads it, as its JSON encoder wrote a Timestamp: 2025-06-30T00:00:00."""
    return value.isoformat()


def _count_axis(largest: float) -> dict:
    """Whole-number ticks for counts: every integer while few, plotly's own spacing beyond."""
    return {"dtick": 1} if largest <= 10 else {"tickformat": ",d"}


def _pattern(shape: str) -> dict:
    """A white pattern over the bar's own colour, so a second series differs by more than
    colour. "overlay" matters: plotly's default ("replace") leaves the background transparent,
    and a white pattern on nothing is an invisible bar."""
    return {"shape": shape, "fillmode": "overlay", "fgcolor": "#ffffff", "size": 10}


def _hours_hover(lang: str, label_key: str) -> str:
    return "%{y}<br>" + translate(label_key, lang) + ": %{x:,.0f} " + translate("unit.hours", lang)


# --- Effect goals -----------------------------------------------------------------------------

# Comparison lines in an indicator's trend: (colour, dash, marker). The municipality itself is
# the solid MEASURED_COLOUR line with round markers.
COMPARISON_LINE_STYLE: dict[str, tuple[str, str, str]] = {
    "group": ("#D55E00", "dash", "diamond"),  # vermillion, dashed: the KOSTRA group
    "country": ("#000000", "dot", "triangle-up"),  # black, dotted: the country
}
PEER_COLOUR = "#767676"  # the other municipalities' bars: grey, 4.5:1 on white


def _plain_number(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _plain(value: object) -> object:
    """A number from a frame's row as JSON takes it (numpy's int64 is not an int)."""
    return value.item() if hasattr(value, "item") else value


def _missing(value: object) -> bool:
    return value is None or value != value  # NaN is the one value not equal to itself


def _cross_table(
    rows: Iterable[Any], columns: Iterable[Any], values: Iterable[Any] | None = None
) -> dict[Any, dict[Any, Any]]:
    """{row: {column: sum of values}} (a count without values): pandas' groupby([row, column])
    and unstack() for the few rows a chart has, in plain Python (pandas costs a few ms a call
    here, on every filter change). A pair with a missing key is left out, as groupby does; a
    cell that is not there is 0."""
    table: dict[Any, dict[Any, Any]] = {}
    rows, columns = list(rows), list(columns)
    values = [1] * len(rows) if values is None else list(values)
    for row, column, value in zip(rows, columns, values, strict=True):
        if _missing(row) or _missing(column):
            continue
        cells = table.setdefault(row, {})
        cells[column] = cells.get(column, 0) + value
    return table


STATUS_ORDER = ("met", "on_track", "at_risk", "off_track", "no_data")


def status_counts_bar(status: pd.DataFrame, *, lang: str) -> Figure:
    """Indicators per core area, stacked by status (icon + word in the legend and hover).

    Each bar carries its core-area code as customdata, for cross-filtering on click.
    """
    if status.empty:
        return _figure([], lang)
    counts = _cross_table(status["core_area_code"], status["status"])
    names = dict(zip(status["core_area_code"], status["core_area_name"], strict=False))
    # Largest at the top (horizontal bars draw bottom-up); ties by name, so the order is stable.
    order = sorted(
        sorted(counts), key=lambda code: (sum(counts[code].values()), names[code]), reverse=True
    )[::-1]
    return _stacked_bars(
        counts,
        order,
        [_text(names[code]) for code in order],
        styles={
            key: (*theme.STATUS_STYLE[key], translate(f"status.{key}", lang))
            for key in STATUS_ORDER
        },
        axis_key="axis.indicators",
        row_px=34,
        lang=lang,
    )


def _stacked_bars(
    counts: dict[Any, dict[str, Any]],
    order: list[Any],
    labels: list[str],
    *,
    styles: dict[str, tuple[str, str, str]],
    axis_key: str,
    row_px: int,
    lang: str,
) -> Figure:
    """Horizontal bars, one per row of `counts` ({code: {column: n}}) in `order` (labelled
    `labels`), stacked by the columns in the order of `styles` ({column: (colour, icon,
    word)}): icon and word in legend and hover, a white line between neighbours (WCAG 1.4.11),
    the row's code as customdata for cross-filtering."""
    present = {column for cells in counts.values() for column in cells}
    traces = [
        {
            "type": "bar",
            "name": f"{icon} {word}",
            "y": labels,
            "x": [counts[code].get(key, 0) for code in order],
            "orientation": "h",
            "marker": {"color": colour, "line": {"color": "#ffffff", "width": 1}},
            "customdata": list(order),
            "hovertemplate": f"%{{y}}<br>{icon} {word}: %{{x}}<extra></extra>",
        }
        for key, (colour, icon, word) in styles.items()
        if key in present
    ]
    return _figure(
        traces,
        lang,
        barmode="stack",
        height=max(260, row_px * len(labels) + 110),
        xaxis={
            "title": {"text": translate(axis_key, lang)},
            **_count_axis(max(sum(counts[code].values()) for code in order)),
        },
    )


def indicator_trend(
    values: pd.DataFrame,
    indicator: pd.Series,
    *,
    lang: str,
    year_range: tuple[int, int] | None = None,
    comparison: pd.DataFrame | None = None,
) -> Figure:
    """One indicator's yearly values with its baseline and target, and, for an indicator fed
    from official statistics, its KOSTRA group and the country (`comparison`, from
    `queries.indicator_comparison`) as dashed and dotted lines with their own markers, named in
    the legend: told apart by line style and marker, not by colour alone.

    Missing years are drawn as gaps (the line breaks), never as zeros. The target is a marker at
    the target year plus a dashed reference line; the direction is in the legend.
    """
    raw_unit = indicator["unit_of_measure"]
    places = indicator_decimals(raw_unit, indicator.get("decimals"))

    def shown(value: object) -> str:
        # The value in its unit and decimals, as the tables and sentences write it.
        return _text(format_quantity(value, raw_unit, lang, decimals=places))  # type: ignore[arg-type]

    first = int(indicator["baseline_year"])
    last = int(indicator["target_year"])
    if not values.empty:
        first = min(first, int(values["period"].min()))
        last = max(last, int(values["period"].max()))
    lines = (
        comparison[comparison["kind"].isin(list(COMPARISON_LINE_STYLE))]
        if comparison is not None and not comparison.empty
        else None
    )
    if lines is not None and not lines.empty:
        first = min(first, int(lines["period"].min()))
        last = max(last, int(lines["period"].max()))
    if year_range:
        first, last = min(first, year_range[0]), max(last, year_range[1])
    years = list(range(first, last + 1))
    by_year = dict(zip(values["period"].astype(int), values["value"], strict=True))
    y = [by_year.get(year) for year in years]
    # The assessment written with each value, in that point's tooltip (wrapped, escaped).
    comments = (
        dict(zip(values["period"].astype(int), values["comment"], strict=True))
        if "comment" in values
        else {}
    )
    notes = [
        "".join("<br>" + _text(line) for line in assessment_lines(comments[year], width=60))
        if isinstance(comments.get(year), str) and comments[year].strip()
        else ""
        for year in years
    ]
    arrow = "↑" if indicator["direction"] == "higher" else "↓"
    direction_word = translate(f"direction.{indicator['direction']}", lang)
    value_label = translate("legend.value", lang)
    measured = {
        "type": "scatter",
        "x": years,
        "y": y,
        "mode": "lines+markers",
        "name": value_label,
        "connectgaps": False,
        "line": {"color": theme.MEASURED_COLOUR, "width": 3},
        "marker": {"size": 8},
        "customdata": notes,
        "text": [shown(v) if v is not None else "" for v in y],
        "hovertemplate": f"%{{x}}: %{{text}}%{{customdata}}<extra>{value_label}</extra>",
    }
    traces = [measured]
    if lines is not None:
        own = comparison[comparison["kind"] == "own"]
        if not own.empty:  # beside the KOSTRA group and the country, the line is the municipality
            measured["name"] = _text(own["region_name"].iloc[0])
        if "origin" in values.columns:  # an imported value beside statistics: said so on hover
            manual = translate("compare.manual_value", lang)
            origin = dict(zip(values["period"].astype(int), values["origin"], strict=True))
            measured["customdata"] = [
                (f" ({manual})" if origin.get(year) == "manual" else "") + note
                for year, note in zip(years, notes, strict=True)
            ]
            measured["hovertemplate"] = (
                f"%{{x}}: %{{text}}%{{customdata}}<extra>{measured['name']}</extra>"
            )
        for (_, name, kind), region in lines.groupby(
            ["position", "region_name", "kind"], sort=True
        ):
            colour, dash, symbol = COMPARISON_LINE_STYLE[kind]
            by_region = dict(zip(region["period"].astype(int), region["value"], strict=True))
            region_y = [_plain_number(by_region.get(year)) for year in years]
            traces.append(
                {
                    "type": "scatter",
                    "x": years,
                    "y": region_y,
                    "mode": "lines+markers",
                    "name": _text(name),
                    "connectgaps": False,
                    "line": {"color": colour, "dash": dash, "width": 2.5},
                    "marker": {"symbol": symbol, "size": 8, "color": colour},
                    "text": [shown(v) if v is not None else "" for v in region_y],
                    "hovertemplate": f"%{{x}}: %{{text}}<extra>{_text(name)}</extra>",
                }
            )
    baseline_year, target_year = int(indicator["baseline_year"]), int(indicator["target_year"])
    baseline, target = _plain(indicator["baseline_value"]), _plain(indicator["target_value"])
    baseline_label = translate("legend.baseline", lang)
    target_label = translate("legend.target", lang)
    # The expected path: a straight line from baseline to target, so "behind plan" shows, not
    # only "below target".
    path_label = translate("legend.expected_path", lang)
    traces += [
        {
            "type": "scatter",
            "x": [baseline_year],
            "y": [baseline],
            "mode": "markers",
            "name": f"{baseline_label} {baseline_year}",
            "marker": {"symbol": "square", "size": 11, "color": theme.BASELINE_COLOUR},
            "text": [shown(baseline)],
            "hovertemplate": f"%{{x}}: %{{text}}<extra>{baseline_label}</extra>",
        },
        {
            "type": "scatter",
            "x": [first, last],
            "y": [target, target],
            "mode": "lines",
            "line": {"color": theme.TARGET_COLOUR, "dash": "dash", "width": 2},
            "name": f"{target_label} {target_year} ({arrow} {direction_word})",
            "hoverinfo": "skip",
        },
        {
            "type": "scatter",
            "x": [target_year],
            "y": [target],
            "mode": "markers",
            "showlegend": False,
            "marker": {"symbol": "star", "size": 14, "color": theme.TARGET_COLOUR},
            "text": [shown(target)],
            "hovertemplate": f"%{{x}}: %{{text}}<extra>{target_label}</extra>",
        },
        {
            "type": "scatter",
            "x": [baseline_year, target_year],
            "y": [baseline, target],
            "mode": "lines",
            "line": {"color": theme.BASELINE_COLOUR, "dash": "dot", "width": 2},
            "name": path_label,
            "hoverinfo": "skip",
        },
    ]
    return _figure(
        traces,
        lang,
        # Two more legend entries with comparison lines: room for them above the plot.
        height=360 if lines is not None and not lines.empty else 300,
        margin={"t": 40},
        xaxis={"dtick": 1, "range": [first - 0.4, last + 0.4], "tickformat": "d"},  # years: 2015
        yaxis={"title": {"text": _text(unit_label(raw_unit, lang))}, "tickformat": f",.{places}f"},
    )


# Theory of change: laid out by Graphviz `dot` (boxes sized to their text, edges routed and
# clipped at the box borders), drawn as one SVG. The figure carries that SVG as a vector image
# scaled to fit, so the view's card, the 1080p slide, the image export and the deck show the
# same drawing at their own size.
CHANGE_KINDS = ("intervention", "intermediate_result", "effect")
CHANGE_FILLS = {"intervention": "#E8F1F8", "intermediate_result": "#FDF0E6", "effect": "#E6F5EF"}
CHANGE_BORDERS = {"intervention": "#0072B2", "intermediate_result": "#B35900", "effect": "#006B3C"}
# Graphviz measures text through fontconfig; Liberation Sans has Arial's and Helvetica's
# metrics, so the boxes fit the text where the viewer's browser has any of the three.
CHANGE_FONT = "Liberation Sans"
CHANGE_FONT_FAMILY = "Liberation Sans, Arial, Helvetica, sans-serif"
CHANGE_FONT_PT = 14
CHANGE_WRAP = 24  # characters a box line: narrow boxes for a card, whose height is free
# For an area of fixed proportions (a slide), the line length whose drawing fills it best.
FIT_WRAPS = (24, 32, 40, 48)
NOTE_WRAP_FACTOR = 3.5  # the written-out assumptions' lines, relative to a box's
# The plot area of a theory-of-change slide at 1920 × 1080 (measured in Chromium).
SLIDE_DRAWING_PX = (1800, 700)
# The width of a half-width card's plot (px): the card's height is chosen for it.
CARD_PLOT_PX = 560


def _dot_lines(text: str, width: int) -> list[str]:
    return textwrap.wrap(str(text), width=width, break_long_words=True) or [""]


def _dot_label(text: str, width: int) -> str:
    """A plain Graphviz label, wrapped: each line centred on the box (text-anchor middle), so a
    browser whose font is a little narrower or wider still draws it inside the box."""
    return "\n".join(_dot_lines(text, width))


def theory_of_change_svg(
    steps: pd.DataFrame,
    links: pd.DataFrame,
    *,
    lang: str,
    fit: tuple[float, float] | None = None,
) -> str:
    """The theory of change as an SVG drawn by Graphviz: interventions → results → effect, left
    to right, one column per kind under its heading; a critical assumption is a number on its
    arrow and written out under the diagram.

    `fit` (width, height) is the area the drawing will fill: of the line lengths in FIT_WRAPS
    the one whose drawing scales largest into it (wide slides take longer lines, so boxes grow
    less in height). Without it, boxes are narrow, for a card whose height follows the drawing.
    """
    wraps = (CHANGE_WRAP,) if fit is None else FIT_WRAPS
    step_rows = steps.to_dict("records")
    link_rows = links.to_dict("records")
    drawings = _dot_svgs(
        tuple(_theory_source(step_rows, link_rows, lang=lang, wrap=w) for w in wraps)
    )
    if fit is None:
        return drawings[0]

    def scale(svg: str) -> float:
        width, height = svg_size(svg)
        return min(fit[0] / width, fit[1] / height)

    return max(drawings, key=scale)  # the first (narrowest) of equals


@functools.lru_cache(maxsize=256)
def _dot_svgs(sources: tuple[str, ...]) -> tuple[str, ...]:
    """The SVGs of DOT graphs, laid out by one `dot` process (it takes several graphs in one
    input and writes one SVG document each). Cached: a graph's drawing depends on its source
    only, and the deck and the views ask for the same ones again."""
    import graphviz

    output = graphviz.pipe("dot", "svg", "\n".join(sources).encode("utf-8")).decode("utf-8")
    drawings = ["<?xml" + part for part in output.split("<?xml") if part.strip()]
    if len(drawings) != len(sources):
        raise RuntimeError(f"dot drew {len(drawings)} of {len(sources)} graphs")
    # Graphviz names the font it measured; the viewer gets metric-compatible fallbacks.
    return tuple(
        svg.replace(
            f'font-family="{CHANGE_FONT} Bold"',
            f'font-family="{CHANGE_FONT_FAMILY}" font-weight="bold"',
        ).replace(f'font-family="{CHANGE_FONT}"', f'font-family="{CHANGE_FONT_FAMILY}"')
        for svg in drawings
    )


def _theory_source(steps: list[dict], links: list[dict], *, lang: str, wrap: int) -> str:
    """The DOT source of the theory of change with box lines of about `wrap` characters.

    Written out here rather than through the binding's Digraph: the deck lays out dozens of
    these, and the binding's per-attribute quoting cost more than Graphviz's layout."""
    font, size = CHANGE_FONT, CHANGE_FONT_PT
    lines = [
        "digraph {",
        f"graph [rankdir=LR ranksep=0.55 nodesep=0.25 bgcolor=transparent pad=0.1 newrank=true"
        f" fontname={_q(font)} fontsize={size}]",
        f"node [shape=box style=filled fontname={_q(font)} fontsize={size}"
        f" fontcolor={_q(theme.TEXT_COLOUR)} penwidth=2 margin={_q('0.14,0.08')}]",
        f'edge [color="#595959" penwidth=2 arrowsize=0.9 fontname={_q(font)}]',
    ]
    known = {step["code"] for step in steps}
    for kind in CHANGE_KINDS:
        in_column = [step for step in steps if step["kind"] == kind]
        if not in_column:
            continue
        # A cluster per kind: its label is the column heading; its border is not drawn.
        lines.append(
            f"subgraph cluster_{kind} {{ label={_q(translate(f'change.{kind}', lang))}"
            f" labelloc=t color=transparent fontname={_q(font + ' Bold')} fontsize={size + 2}"
        )
        for step in in_column:
            lines.append(
                f"{_q(_dot_id(step['code']))} [label={_q(_dot_label(step['text'], wrap))}"
                f" fillcolor={_q(CHANGE_FILLS[kind])} color={_q(CHANGE_BORDERS[kind])}]"
            )
        lines.append("}")
    assumptions: list[str] = []
    for link in links:
        if link["from_code"] not in known or link["to_code"] not in known:
            continue
        edge = f"{_q(_dot_id(link['from_code']))} -> {_q(_dot_id(link['to_code']))}"
        assumption = link["assumption"]
        if isinstance(assumption, str) and assumption:
            assumptions.append(assumption)
            edge += (
                ' [label=<<TABLE BORDER="0" CELLBORDER="0" CELLPADDING="3" BGCOLOR="#404040">'
                f'<TR><TD><FONT COLOR="#ffffff"><B>{len(assumptions)}</B></FONT></TD></TR>'
                "</TABLE>>]"
            )
        lines.append(edge)
    if assumptions:
        word = translate("col.assumption", lang)
        # One text per line, anchored left: nothing to misplace if the viewer's font differs.
        rows = "".join(
            f'<TR><TD ALIGN="LEFT">{html.escape(line, quote=False)}</TD></TR>'
            for number, text in enumerate(assumptions, start=1)
            for line in _dot_lines(f"{number}: {word}: {text}", round(wrap * NOTE_WRAP_FACTOR))
        )
        lines.append(
            f'graph [label=<<TABLE BORDER="0" CELLSPACING="2" CELLPADDING="1">{rows}</TABLE>>'
            " labelloc=b labeljust=l]"
        )
    lines.append("}")
    return "\n".join(lines)


def _q(text: str) -> str:
    """A DOT double-quoted string. Backslashes in the text are doubled (a `\\l` in a name stays
    text); a line break becomes DOT's centred `\\n`."""
    escaped = str(text).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\n", "\\n") + '"'


def _dot_id(code: object) -> str:
    # Quoted by the binding; a prefix keeps a code such as "graph" or "node" from being a keyword.
    return f"step_{code}"


def svg_size(svg: str) -> tuple[float, float]:
    """An SVG's (width, height) from its viewBox."""
    match = re.search(r'viewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"', svg)
    if not match:
        raise ValueError("the SVG has no viewBox")
    return float(match.group(3)), float(match.group(4))


def theory_of_change(
    steps: pd.DataFrame,
    links: pd.DataFrame,
    *,
    lang: str,
    fit: tuple[float, float] | None = None,
) -> Figure:
    """The goal's theory of change (see theory_of_change_svg) as a figure: the SVG as an image
    that fills the plot area, keeping its proportions, so it grows with the space it is given.
    The figure's height suits a half-width card; a slide or an export sets its own (and passes
    its area as `fit`)."""
    if steps.empty:
        return _figure([], lang)
    svg = theory_of_change_svg(steps, links, lang=lang, fit=fit)
    width, height = svg_size(svg)
    image = {
        "source": "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii"),
        "xref": "paper",
        "yref": "paper",
        "x": 0.5,
        "y": 0.5,
        "sizex": 1,
        "sizey": 1,
        "xanchor": "center",
        "yanchor": "middle",
        "sizing": "contain",
        "layer": "above",
    }
    return _figure(
        [],
        lang,
        images=[image],
        height=max(260, round(CARD_PLOT_PX * height / width) + 16),
        xaxis={"visible": False, "fixedrange": True, "range": [0, 1]},
        yaxis={"visible": False, "fixedrange": True, "range": [0, 1]},
        margin={"l": 8, "r": 8, "t": 8, "b": 8},
        # The drawing's own size (pt), for callers that size a slide or an export to it.
        meta={"svg_width": width, "svg_height": height},
    )


# --- Service review ---------------------------------------------------------------------------

OUTCOME_ORDER = ("delivered_on_time", "delivered_late", "pending", "late")


def review_completion_bar(completion: pd.DataFrame, *, by: str, lang: str) -> Figure:
    """Review parts per sector (by="sector") or per part (by="part"), stacked by outcome.

    Each bar carries its sector or part code as customdata, for cross-filtering on click.
    """
    if completion.empty:
        return _figure([], lang)
    key_column = "sector_code" if by == "sector" else "part"
    counts = _cross_table(completion[key_column], completion["outcome"], completion["tasks"])
    # Largest at the top; equal totals by key, so the order is the same on every render.
    totals = {key: sum(cells.values()) for key, cells in counts.items()}
    order = sorted(sorted(counts), key=lambda key: (-totals[key], str(key)))[::-1]
    if by == "sector":
        names = dict(zip(completion["sector_code"], completion["sector_name"], strict=False))
        labels = [_text(names[code]) for code in order]
    else:
        labels = [translate(f"part.{p}", lang) for p in order]
    return _stacked_bars(
        counts,
        order,
        labels,
        styles={
            key: (*theme.OUTCOME_STYLE[key], translate(f"outcome.{key}", lang))
            for key in OUTCOME_ORDER
        },
        axis_key="axis.review_parts",
        row_px=40,
        lang=lang,
    )


def review_timeline(deadlines: pd.DataFrame, *, year: int, lang: str) -> Figure:
    """The year's deadlines on a timeline, each with how many parts were in by then."""
    if deadlines.empty:
        return _figure([], lang)
    # Per deadline (in date order): its tasks, those delivered by then, its parts' names.
    by_deadline: dict[Any, tuple[int, int, list[str]]] = {}
    for deadline, tasks, delivered, part in zip(
        deadlines["deadline"],
        deadlines["tasks"],
        deadlines["delivered_by_deadline"],
        deadlines["part"],
        strict=True,
    ):
        if _missing(deadline):
            continue
        total, done, parts = by_deadline.get(deadline, (0, 0, []))
        by_deadline[deadline] = (total + tasks, done + delivered, [*parts, part])
    order = sorted(by_deadline)
    dates = [pd.Timestamp(d) for d in order]
    share = [
        (100 * done / total if total else math.nan)
        for total, done, _ in map(by_deadline.get, order)
    ]
    labels = [
        translate(
            "timeline.label",
            lang,
            # One part a line: three parts side by side ran past the slide's edge.
            parts="<br>".join(translate(f"part.{p}", lang) for p in by_deadline[d][2]),
            share=format_number(s, lang),
            date=format_date(day.date(), lang),
        )
        for d, s, day in zip(order, share, dates, strict=True)
    ]
    trace = {
        "type": "scatter",
        "x": [_date(d) for d in dates],
        "y": [0] * len(dates),
        "mode": "markers+text",
        "text": labels,
        # Alternate above and below, so labels of close deadlines do not overlap; a label near
        # the year's start or end runs inwards, so it is never cut at the edge.
        "textposition": [
            ("top " if i % 2 == 0 else "bottom ")
            + ("right" if d.month <= 3 else "left" if d.month >= 10 else "center")
            for i, d in enumerate(dates)
        ],
        "cliponaxis": False,
        "marker": {"symbol": "diamond", "size": 16, "color": theme.PALETTE[1]},
        "hovertemplate": "%{x|%d.%m.%Y}<br>%{text}<extra></extra>",
        "showlegend": False,
    }
    start = _date(pd.Timestamp(year=year, month=1, day=1))
    end = _date(pd.Timestamp(year=year, month=12, day=31))
    line = {"type": "line", "x0": start, "x1": end, "y0": 0, "y1": 0}
    return _figure(
        [trace],
        lang,
        shapes=[{**line, "line": {"color": "#595959", "width": 2}}],
        # Room above and below the line for labels of a few lines (one part a line).
        height=200 + 20 * max(label.count("<br>") for label in labels),
        xaxis={
            "range": [start, end],
            "tickvals": [_date(pd.Timestamp(year=year, month=m, day=1)) for m in range(1, 13)],
            "ticktext": [translate(key, lang) for key in MONTH_KEYS],
        },
        yaxis={"visible": False, "range": [-2, 2]},
        margin={"t": 16},
    )


def review_budget_bar(budget: pd.DataFrame, *, lang: str) -> Figure:
    """What the budget inputs add up to per sector, operating and investment side by side."""
    if budget.empty:
        return _figure([], lang)
    totals = _cross_table(budget["sector_name"], budget["part"], budget["amount_nok"])
    sums = {name: sum(cells.values()) for name, cells in totals.items()}
    order = sorted(sorted(totals), key=lambda name: (-sums[name], name))[::-1]
    present = {part for cells in totals.values() for part in cells}
    patterns = {"budget_operating": "", "budget_investment": "/"}
    labels = [_text(name) for name in order]
    traces = []
    for i, part in enumerate(("budget_operating", "budget_investment")):
        if part not in present:
            continue
        word = translate(f"part.{part}", lang)
        traces.append(
            {
                "type": "bar",
                "name": word,
                "y": labels,
                "x": [totals[name].get(part, 0) / 1e6 for name in order],
                "orientation": "h",
                "marker": {"color": theme.PALETTE[i], "pattern": _pattern(patterns[part])},
                "hovertemplate": f"%{{y}}<br>{word}: %{{x:,.1f}} "
                f"{translate('unit.mnok', lang)}<extra></extra>",
            }
        )
    return _figure(
        traces,
        lang,
        barmode="group",
        height=max(260, 52 * len(order) + 110),
        xaxis={"title": {"text": translate("axis.mnok", lang)}},
    )


# --- Minuttjakt -------------------------------------------------------------------------------


def savings_cumulative(
    months: pd.DataFrame,
    *,
    goal_hours: float | None,
    year: int,
    lang: str,
    through_month: int | None = None,
) -> Figure:
    """Running total of measured hours over the year against the goal; estimates apart, dashed.

    Months after `through_month` (the current month, in the current year) are left out rather
    than drawn flat, so the line stops where the data stops.
    """
    frame = months if through_month is None else months[months["month"] <= through_month]
    x = [translate(MONTH_KEYS[m - 1], lang) for m in frame["month"]]
    measured = translate("basis.measured", lang)
    estimated = translate("basis.estimated", lang)
    hours = translate("unit.hours", lang)
    all_months = [translate(key, lang) for key in MONTH_KEYS]
    traces = [
        {
            "type": "scatter",
            "x": x,
            "y": frame["measured_cumulative"].tolist(),
            "mode": "lines+markers",
            "name": measured,
            "line": {"color": theme.MEASURED_COLOUR, "width": 3},
            "marker": {"size": 7},
            "hovertemplate": f"%{{x}}: %{{y:,.0f}} {hours}<extra>{measured}</extra>",
        },
        {
            "type": "scatter",
            "x": x,
            "y": frame["estimated_cumulative"].tolist(),
            "mode": "lines+markers",
            "name": estimated,
            "line": {"color": theme.ESTIMATED_COLOUR, "width": 2, "dash": "dot"},
            "marker": {"size": 7, "symbol": "diamond-open"},
            "hovertemplate": f"%{{x}}: %{{y:,.0f}} {hours}<extra>{estimated}</extra>",
        },
    ]
    if goal_hours:
        goal = translate("legend.goal", lang)
        traces.append(
            {
                "type": "scatter",
                "x": all_months,
                "y": [_plain(goal_hours)] * 12,
                "mode": "lines",
                "name": f"{goal} {year}",
                "line": {"color": theme.TARGET_COLOUR, "dash": "dash", "width": 2},
                "hovertemplate": f"{goal}: %{{y:,.0f}} {hours}<extra></extra>",
            }
        )
    return _figure(
        traces,
        lang,
        height=340,
        yaxis={
            "title": {"text": translate("axis.hours_cumulative", lang)},
            "rangemode": "tozero",
            "tickformat": ",.0f",
        },
        xaxis={"categoryorder": "array", "categoryarray": all_months},
    )


def savings_hours_bar(
    frame: pd.DataFrame,
    *,
    label_column: str,
    lang: str,
    limit: int | None = None,
    code_column: str | None = None,
) -> Figure:
    """Measured and estimated hours side by side per sector or process, largest first.

    The two are separate bars (estimated hatched) and never added together. With `code_column`
    each bar carries that code as customdata, for cross-filtering on click.
    """
    if frame.empty:
        return _figure([], lang)
    hours = {basis: frame[f"{basis}_hours"].tolist() for basis in ("measured", "estimated")}
    measured, estimated = hours["measured"], hours["estimated"]
    # Largest measured first, then largest in all: Python's stable sort, as pandas' sort_values
    # on the two orders them (ties keep their order), without building frames for a few rows.
    order = sorted(
        range(len(measured)), key=lambda i: (-measured[i], -(measured[i] + estimated[i]))
    )
    if limit:
        order = order[:limit]
    order.reverse()  # horizontal bars draw bottom-up; largest at the top
    all_labels = frame[label_column].tolist()
    labels = [_text(all_labels[i]) for i in order]
    if code_column:
        all_codes = frame[code_column].tolist()
        codes = {"customdata": [all_codes[i] for i in order]}
    else:
        codes = {}
    traces = [
        {
            "type": "bar",
            "name": translate(f"basis.{basis}", lang),
            "y": labels,
            "x": [hours[basis][i] for i in order],
            "orientation": "h",
            "marker": {"color": colour, "pattern": _pattern(pattern)},
            **codes,
            "hovertemplate": _hours_hover(lang, f"basis.{basis}") + "<extra></extra>",
        }
        for basis, colour, pattern in (
            ("measured", theme.MEASURED_COLOUR, ""),
            ("estimated", theme.ESTIMATED_COLOUR, "/"),
        )
    ]
    return _figure(
        traces,
        lang,
        barmode="group",
        height=max(260, 46 * len(labels) + 110),
        xaxis={"title": {"text": translate("axis.hours", lang)}, "tickformat": ",.0f"},
    )


STAGE_ORDER = ("idea", "in_development", "in_production", "retired")
KIND_ORDER = ("automate", "simplify", "remove")


def process_pipeline(pipeline: pd.DataFrame, *, lang: str) -> Figure:
    """How many processes are ideas, in development, in production or retired, by kind."""
    if pipeline.empty:
        return _figure([], lang)
    counts = _cross_table(pipeline["stage"], pipeline["kind"], pipeline["processes"])
    stages = [s for s in STAGE_ORDER if s in counts]
    present = {kind for cells in counts.values() for kind in cells}
    labels = [translate(f"stage.{s}", lang) for s in stages]
    patterns = {"automate": "", "simplify": "x", "remove": "."}
    traces = []
    for i, kind in enumerate(KIND_ORDER):
        if kind not in present:
            continue
        word = translate(f"kind.{kind}", lang)
        traces.append(
            {
                "type": "bar",
                "name": word,
                "x": labels,
                "y": [int(counts[s].get(kind, 0)) for s in stages],
                "marker": {
                    "color": theme.PALETTE[i],
                    "pattern": _pattern(patterns[kind]),
                    # A white line parts stacked neighbours (WCAG 1.4.11).
                    "line": {"color": "#ffffff", "width": 1},
                },
                "hovertemplate": f"%{{x}}<br>{word}: %{{y}}<extra></extra>",
            }
        )
    return _figure(
        traces,
        lang,
        barmode="stack",
        height=320,
        yaxis={
            "title": {"text": translate("axis.processes", lang)},
            **_count_axis(max(sum(cells.values()) for cells in counts.values())),
        },
    )


def peer_ranking(
    latest: pd.DataFrame, *, own_code: str, unit: str, lang: str, higher_is_better: bool
) -> Figure:
    """The latest year's value of the municipality among its peers: one bar each, best first,
    the municipality's own bar in MEASURED_COLOUR with a pattern and "◆" before its name (not by
    colour alone), and its KOSTRA group and the country as named vertical lines. A peer without
    a figure is listed with "–" and no bar, never a zero. `latest`: queries.indicator_comparison
    rows of one period."""
    bars = latest[latest["kind"].isin(["own", "peer"])].copy()
    bars["sort"] = bars["value"].astype(float)
    bars = bars.sort_values("sort", ascending=not higher_is_better, na_position="last")
    labels = [
        ("◆ " if row.region_code == own_code else "")
        + _text(row.region_name)
        + (" –" if pd.isna(row.value) else "")
        for row in bars.itertuples()
    ]
    own = [row.region_code == own_code for row in bars.itertuples()]
    traces = [
        {
            "type": "bar",
            "y": labels,
            "x": [_plain_number(v) for v in bars["value"]],
            "orientation": "h",
            "marker": {
                "color": [theme.MEASURED_COLOUR if o else PEER_COLOUR for o in own],
                "pattern": {
                    "shape": ["/" if o else "" for o in own],
                    "fillmode": "overlay",
                    "fgcolor": "#ffffff",
                    "size": 10,
                },
            },
            "text": [format_number(_plain_number(v), lang, decimals=1) for v in bars["value"]],
            "textposition": "outside",
            "cliponaxis": False,
            "showlegend": False,
            "hovertemplate": f"%{{y}}: %{{x:,.1f}} {unit}<extra></extra>",
        }
    ]
    for kind in ("group", "country"):
        ref = latest[(latest["kind"] == kind) & latest["value"].notna()]
        if ref.empty:
            continue
        row = ref.iloc[0]
        colour, dash, _symbol = COMPARISON_LINE_STYLE[kind]
        value = float(row["value"])
        name = _text(row["region_name"])
        traces.append(
            {
                "type": "scatter",
                "x": [value, value],
                "y": [labels[0], labels[-1]],
                "mode": "lines",
                "line": {"color": colour, "dash": dash, "width": 2.5},
                "name": f"{name}: {format_number(value, lang, decimals=1)}",
                "hovertemplate": f"{name}: %{{x:,.1f}} {unit}<extra></extra>",
            }
        )
    height = max(220, 48 * len(labels) + 120)
    return _figure(
        traces,
        lang,
        height=height,
        margin={"t": 60, "l": 10, "r": 40},
        yaxis={"autorange": "reversed", "automargin": True},
        xaxis={"title": {"text": unit}, "rangemode": "tozero"},
        # Above the bars: below, it would cover the axis' numbers.
        legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
    )
