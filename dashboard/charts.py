"""The chart catalogue: every chart the app shows, by id, built from a view state.

A chart is its figure plus everything that travels with it: title, one-sentence summary (the
text alternative), the numbers as a table, and the filter a click on it sets. The views draw
them in chart cards; the export routes render the same chart to PNG/SVG/PDF/CSV/Excel from the
same id and query string. `Frames` runs each query once per view, however many charts use it,
and through the app's query cache (`dashboard.cache`) when there is one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd
import plotly.graph_objects as go
from sqlalchemy import Engine

from dashboard import cache as query_cache
from dashboard import data_version, figures, queries, summaries
from dashboard.i18n import format_date, format_money, format_number, translate
from dashboard.status import count_by_status
from dashboard.view_state import PARAM_CORE_AREA, PARAM_SECTOR, ViewState

TOP_PROCESSES = 15


@dataclass(frozen=True)
class Column:
    """A table column: frame column, header text, and how a cell is written."""

    key: str
    header: str
    format: Callable[[object], str] = str


@dataclass(frozen=True)
class ChartData:
    chart_id: str
    title: str
    figure: go.Figure | None
    summary: str
    table: pd.DataFrame | None = None
    columns: Sequence[Column] = ()
    empty: bool = False
    crossfilter_param: str | None = None
    # The file-name stem of exports, e.g. "effektmal_oppvekst-skole_2025".
    file_stem: str = ""

    def table_for_export(self) -> pd.DataFrame:
        """The table as users read it: translated headers, formatted cells."""
        if self.table is None or not self.columns:
            return pd.DataFrame()
        return pd.DataFrame(
            {c.header: [c.format(v) for v in self.table[c.key]] for c in self.columns}
        )


@dataclass
class Frames:
    """The query results of one view, each fetched at most once (and from the cache if it has
    them: `cache` is the app's query cache, given by the web side; None in tests and the CLI)."""

    engine: Engine
    state: ViewState
    as_of: dt.date = field(default_factory=dt.date.today)
    cache: query_cache.QueryCache | None = None

    @property
    def lang(self) -> str:
        return self.state.lang

    def filters(self, area: str) -> queries.Filters:
        return self.state.filters_for(area)

    @cached_property
    def data_versions(self) -> data_version.Versions | None:
        """The organisation's data versions: one small query per view, before any cached one,
        so that a frame is never stored under a newer version than the data it holds."""
        organisation = self.state.filters.organisation
        return data_version.current_versions(self.engine, organisation) if organisation else None

    def _query(self, area: str, query: Callable, *args: object, **kwargs: object):
        """query(engine, *args, **kwargs), through the cache when there is one. The key holds
        the query's name, its arguments and the versions of the organisation and `area`."""
        if self.cache is None or self.data_versions is None:
            return query(self.engine, *args, **kwargs)
        versions = self.data_versions
        key = self.cache.key(
            self.engine,
            query.__name__,
            organisation_id=versions.organisation_id,
            versions=versions.of("organisation", area),
            params=(*args, *(f"{k}={v}" for k, v in sorted(kwargs.items()))),
        )
        return self.cache.get_or_compute(key, lambda: query(self.engine, *args, **kwargs))

    @cached_property
    def indicator_status(self) -> pd.DataFrame:
        return self._query("effect_goals", queries.indicator_status, self.filters("effect_goals"))

    @cached_property
    def review_completion(self) -> pd.DataFrame:
        return self._query(
            "service_review",
            queries.review_completion,
            self.filters("service_review"),
            as_of=self.as_of,
        )

    @cached_property
    def review_deadlines(self) -> pd.DataFrame:
        return self._query(
            "service_review", queries.review_deadlines, self.filters("service_review")
        )

    @cached_property
    def review_outstanding(self) -> pd.DataFrame:
        return self._query(
            "service_review",
            queries.review_outstanding,
            self.filters("service_review"),
            as_of=self.as_of,
        )

    @cached_property
    def review_budget(self) -> pd.DataFrame:
        return self._query(
            "service_review", queries.review_budget_totals, self.filters("service_review")
        )

    @cached_property
    def savings_months(self) -> pd.DataFrame | None:
        filters = self.filters("savings")
        if not filters.year:
            return None
        return self._query("savings", queries.savings_by_month, filters)

    @cached_property
    def savings_totals(self) -> queries.SavingsTotals:
        goal = self._query("savings", queries.savings_goal_hours, self.filters("savings"))
        return queries.savings_totals(self.savings_months, goal_hours=goal)

    @cached_property
    def savings_by_sector(self) -> pd.DataFrame:
        return self._query("savings", queries.savings_by_sector, self.filters("savings"))

    @cached_property
    def savings_by_process(self) -> pd.DataFrame:
        return self._query("savings", queries.savings_by_process, self.filters("savings"))

    @cached_property
    def process_pipeline(self) -> pd.DataFrame:
        return self._query("savings", queries.process_pipeline, self.filters("savings"))

    def indicator_series(self, goal_code: str) -> pd.DataFrame:
        return self._query(
            "effect_goals",
            queries.indicator_series,
            self.filters("effect_goals"),
            goal_code=goal_code,
        )

    def theory_of_change(self, goal_code: str) -> tuple[pd.DataFrame, pd.DataFrame]:
        return self._query(
            "effect_goals",
            queries.theory_of_change,
            self.state.filters.organisation or "",
            goal_code,
        )


# --- helpers ------------------------------------------------------------------------------------


def _file_stem(frames: Frames, area_word: str, area: str) -> str:
    """`effektmal_oppvekst-skole_2025`: what, for which sector, which year."""
    state = frames.state
    parts = [area_word, state.filters.sector or state.filters.core_area or "alle"]
    year = state.year_for(area)
    if year:
        parts.append(str(year))
    return "_".join(parts)


def _number(lang: str, decimals: int = 0) -> Callable[[object], str]:
    return lambda v: format_number(None if pd.isna(v) else v, lang, decimals=decimals)


def _word(prefix: str, lang: str) -> Callable[[object], str]:
    return lambda v: translate(f"{prefix}.{v}", lang)


# --- effect goals -------------------------------------------------------------------------------


def indicator_columns(lang: str) -> list[Column]:
    return [
        Column("core_area_name", translate("col.core_area", lang)),
        Column("goal_text", translate("col.goal", lang)),
        Column("indicator_name", translate("col.indicator", lang)),
        Column("baseline_value", translate("col.baseline", lang), _number(lang, 1)),
        Column("latest_value", translate("col.latest_value", lang), _number(lang, 1)),
        Column("target_value", translate("col.target", lang), _number(lang, 1)),
        Column("status", translate("col.status", lang), _word("status", lang)),
    ]


def indicator_status_chart(frames: Frames) -> ChartData:
    lang, indicators = frames.lang, frames.indicator_status
    year = frames.state.year_for("effect_goals")
    return ChartData(
        chart_id="indicator-status",
        title=translate("chart.indicator_status", lang, year=year or ""),
        figure=figures.status_counts_bar(indicators, lang=lang),
        summary=summaries.status_counts(count_by_status(indicators), lang=lang, what="indicators"),
        table=indicators,
        columns=indicator_columns(lang),
        empty=indicators.empty,
        crossfilter_param=None if frames.state.filters.core_area else PARAM_CORE_AREA,
        file_stem=_file_stem(frames, "effektmal", "effect_goals"),
    )


def indicator_trend_chart(frames: Frames, indicator_code: str) -> ChartData | None:
    """One indicator's trend; None when the code is not among the filtered indicators."""
    lang, indicators = frames.lang, frames.indicator_status
    match = indicators[indicators["indicator_code"] == indicator_code]
    if match.empty:
        return None
    row = match.iloc[0]
    series = frames.indicator_series(row["goal_code"])
    values = series[series["indicator_code"] == indicator_code]
    return ChartData(
        chart_id=f"{INDICATOR_PREFIX}{indicator_code}",
        title=row["indicator_name"],
        figure=figures.indicator_trend(values, row, lang=lang),
        summary=indicator_sentence(row, lang),
        table=values,
        columns=[
            Column("period", translate("col.year", lang)),
            Column("value", translate("col.value", lang), _number(lang, 1)),
            Column(
                "comment", translate("col.comment", lang), lambda c: c if isinstance(c, str) else ""
            ),
        ],
        file_stem=f"indikator_{indicator_code}_{frames.state.year_for('effect_goals') or ''}",
    )


def indicator_sentence(row: pd.Series, lang: str) -> str:
    if pd.isna(row["latest_value"]):
        return translate("effect.indicator_no_data", lang, name=row["indicator_name"])
    return translate(
        "effect.indicator_sentence",
        lang,
        name=row["indicator_name"],
        value=format_number(row["latest_value"], lang, decimals=1),
        unit=row["unit_of_measure"],
        year=int(row["latest_period"]),
        target=format_number(row["target_value"], lang, decimals=1),
        target_year=int(row["target_year"]),
        baseline=format_number(row["baseline_value"], lang, decimals=1),
        baseline_year=int(row["baseline_year"]),
        direction=translate(f"direction.{row['direction']}", lang),
        status=translate(f"status.{row['status']}", lang),
    )


def theory_of_change_chart(frames: Frames) -> ChartData | None:
    """The drill-down goal's theory of change; None without a (known) goal."""
    lang, goal = frames.lang, frames.state.goal
    if not goal or goal not in set(frames.indicator_status["goal_code"]):
        return None
    steps, links = frames.theory_of_change(goal)
    return ChartData(
        chart_id="theory-of-change",
        title=theory_of_change_title(frames.indicator_status, goal, lang),
        figure=figures.theory_of_change(steps, links, lang=lang),
        summary=translate("effect.theory_summary", lang, steps=len(steps), links=len(links)),
        table=theory_table(steps, links),
        columns=[
            Column("kind", translate("col.kind", lang), _word("change", lang)),
            Column("text", translate("col.step", lang)),
            Column("leads_to", translate("col.leads_to", lang)),
            Column("assumption", translate("col.assumption", lang)),
        ],
        empty=steps.empty,
        file_stem=f"endringsteori_{goal}",
    )


def theory_of_change_title(indicators: pd.DataFrame, goal: str, lang: str) -> str:
    """ "Integration: <the goal>: Endringsteori": two goals of one core area never share a title."""
    row = indicators.loc[indicators["goal_code"] == goal].iloc[0]
    return translate(
        "effect.theory_of_change_of", lang, area=row["core_area_name"], goal=row["goal_text"]
    )


def theory_table(steps: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    """One row per step and outgoing link: the diagram as a table."""
    text_of = dict(zip(steps["code"], steps["text"], strict=True))
    rows = []
    for step in steps.itertuples():
        outgoing = links[links["from_code"] == step.code]
        for link in outgoing.itertuples() if not outgoing.empty else [None]:
            rows.append(
                {
                    "kind": step.kind,
                    "text": step.text,
                    "leads_to": text_of.get(link.to_code, "") if link else "",
                    "assumption": link.assumption
                    if link and isinstance(link.assumption, str)
                    else "",
                }
            )
    return pd.DataFrame(rows, columns=["kind", "text", "leads_to", "assumption"])


# --- service review -----------------------------------------------------------------------------


def _completion_columns(lang: str) -> list[Column]:
    return [
        Column("sector_name", translate("col.sector", lang)),
        Column("part", translate("col.part", lang), _word("part", lang)),
        Column("status", translate("col.status", lang), _word("review_status", lang)),
        Column("outcome", translate("col.outcome", lang), _word("outcome", lang)),
        Column("tasks", translate("col.tasks", lang), _number(lang)),
    ]


def _review_chart(frames: Frames, by: str) -> ChartData:
    lang, completion = frames.lang, frames.review_completion
    year = frames.state.year_for("service_review")
    return ChartData(
        chart_id=f"review-by-{by}",
        title=translate(f"chart.review_by_{by}", lang, year=year or ""),
        figure=figures.review_completion_bar(completion, by=by, lang=lang),
        summary=summaries.review_completion(completion, year=year, lang=lang),
        table=completion,
        columns=_completion_columns(lang),
        empty=completion.empty,
        crossfilter_param=PARAM_SECTOR
        if by == "sector" and not frames.state.filters.sector
        else None,
        file_stem=_file_stem(frames, f"tjenestegjennomgang_{by}", "service_review"),
    )


def review_by_sector_chart(frames: Frames) -> ChartData:
    return _review_chart(frames, "sector")


def review_by_part_chart(frames: Frames) -> ChartData:
    return _review_chart(frames, "part")


def review_timeline_chart(frames: Frames) -> ChartData:
    lang, deadlines = frames.lang, frames.review_deadlines
    year = frames.state.year_for("service_review")
    summary = (
        translate(
            "review.timeline_summary",
            lang,
            deadlines=", ".join(
                f"{translate(f'part.{row.part}', lang)} {format_date(row.deadline, lang)}"
                for row in deadlines.itertuples()
            ),
        )
        if not deadlines.empty
        else translate("empty.service_review", lang)
    )
    return ChartData(
        chart_id="review-timeline",
        title=translate("chart.review_timeline", lang, year=year or ""),
        figure=figures.review_timeline(deadlines, year=year, lang=lang) if year else None,
        summary=summary,
        table=deadlines,
        columns=[
            Column("part", translate("col.part", lang), _word("part", lang)),
            Column("deadline", translate("col.deadline", lang), lambda d: format_date(d, lang)),
            Column("tasks", translate("col.tasks", lang), _number(lang)),
            Column(
                "delivered_by_deadline", translate("col.delivered_by_deadline", lang), _number(lang)
            ),
        ],
        empty=deadlines.empty,
        file_stem=_file_stem(frames, "frister", "service_review"),
    )


def review_budget_chart(frames: Frames) -> ChartData:
    lang, budget = frames.lang, frames.review_budget
    year = frames.state.year_for("service_review")
    return ChartData(
        chart_id="review-budget",
        title=translate("chart.review_budget", lang, year=year or ""),
        figure=figures.review_budget_bar(budget, lang=lang),
        summary=summaries.review_budget(budget, lang=lang),
        table=budget,
        columns=[
            Column("sector_name", translate("col.sector", lang)),
            Column("part", translate("col.part", lang), _word("part", lang)),
            Column("amount_nok", translate("col.amount", lang), lambda v: format_money(v, lang)),
            Column("inputs", translate("col.inputs", lang), _number(lang)),
        ],
        empty=budget.empty,
        file_stem=_file_stem(frames, "budsjettinnspill", "service_review"),
    )


# --- minuttjakt ---------------------------------------------------------------------------------


def _hours_columns(lang: str) -> list[Column]:
    return [
        Column("measured_hours", translate("basis.measured", lang), _number(lang)),
        Column("estimated_hours", translate("basis.estimated", lang), _number(lang)),
    ]


def savings_cumulative_chart(frames: Frames) -> ChartData:
    lang, months, totals = frames.lang, frames.savings_months, frames.savings_totals
    year = frames.state.year_for("savings")
    through = frames.as_of.month if year == frames.as_of.year else None
    empty = months is None or not (totals.measured_hours or totals.estimated_hours)
    return ChartData(
        chart_id="savings-cumulative",
        title=translate("chart.savings_cumulative", lang, year=year or ""),
        figure=None
        if months is None
        else figures.savings_cumulative(
            months, goal_hours=totals.goal_hours, year=year, lang=lang, through_month=through
        ),
        summary=summaries.savings_year(
            totals.measured_hours,
            totals.estimated_hours,
            goal=totals.goal_hours,
            year=year,
            lang=lang,
        ),
        table=months,
        columns=[
            Column("month", translate("col.month", lang), _word("month", lang)),
            *_hours_columns(lang),
            Column(
                "measured_cumulative", translate("col.measured_cumulative", lang), _number(lang)
            ),
        ],
        empty=empty,
        file_stem=_file_stem(frames, "minuttjakt", "savings"),
    )


def savings_by_sector_chart(frames: Frames) -> ChartData:
    lang, frame = frames.lang, frames.savings_by_sector
    year = frames.state.year_for("savings")
    return ChartData(
        chart_id="savings-by-sector",
        title=translate("chart.savings_by_sector", lang, year=year or ""),
        figure=figures.savings_hours_bar(
            frame, label_column="sector_name", code_column="sector_code", lang=lang
        ),
        summary=summaries.hours_ranking(frame, label_column="sector_name", lang=lang),
        table=frame,
        columns=[Column("sector_name", translate("col.sector", lang)), *_hours_columns(lang)],
        empty=frame.empty,
        crossfilter_param=None if frames.state.filters.sector else PARAM_SECTOR,
        file_stem=_file_stem(frames, "minuttjakt_sektor", "savings"),
    )


def savings_by_process_chart(frames: Frames) -> ChartData:
    lang, frame = frames.lang, frames.savings_by_process
    year = frames.state.year_for("savings")
    return ChartData(
        chart_id="savings-by-process",
        title=translate("chart.savings_by_process", lang, year=year or "", limit=TOP_PROCESSES),
        figure=figures.savings_hours_bar(
            frame, label_column="process_name", lang=lang, limit=TOP_PROCESSES
        ),
        summary=summaries.hours_ranking(frame, label_column="process_name", lang=lang),
        table=frame,
        columns=[
            Column("process_name", translate("col.process", lang)),
            Column("sector_name", translate("col.sector", lang)),
            Column("kind", translate("col.kind", lang), _word("kind", lang)),
            Column("stage", translate("col.stage", lang), _word("stage", lang)),
            *_hours_columns(lang),
            Column("runs", translate("col.runs", lang), _number(lang)),
        ],
        empty=frame.empty,
        file_stem=_file_stem(frames, "minuttjakt_prosess", "savings"),
    )


def savings_pipeline_chart(frames: Frames) -> ChartData:
    lang, frame = frames.lang, frames.process_pipeline
    return ChartData(
        chart_id="savings-pipeline",
        title=translate("chart.savings_pipeline", lang),
        figure=figures.process_pipeline(frame, lang=lang),
        summary=summaries.pipeline(frame, lang=lang),
        table=frame,
        columns=[
            Column("stage", translate("col.stage", lang), _word("stage", lang)),
            Column("kind", translate("col.kind", lang), _word("kind", lang)),
            Column("processes", translate("col.processes", lang), _number(lang)),
        ],
        empty=frame.empty,
        file_stem=_file_stem(frames, "minuttjakt_fase", "savings"),
    )


CHARTS: dict[str, Callable[[Frames], ChartData | None]] = {
    "indicator-status": indicator_status_chart,
    "theory-of-change": theory_of_change_chart,
    "review-by-sector": review_by_sector_chart,
    "review-by-part": review_by_part_chart,
    "review-timeline": review_timeline_chart,
    "review-budget": review_budget_chart,
    "savings-cumulative": savings_cumulative_chart,
    "savings-by-sector": savings_by_sector_chart,
    "savings-by-process": savings_by_process_chart,
    "savings-pipeline": savings_pipeline_chart,
}
INDICATOR_PREFIX = "trend-"
# The area (view) each chart belongs to: it decides which year "newest" means.
AREA_OF_CHART: dict[str, str] = {
    "indicator-status": "effect_goals",
    "theory-of-change": "effect_goals",
    "review-by-sector": "service_review",
    "review-by-part": "service_review",
    "review-timeline": "service_review",
    "review-budget": "service_review",
    "savings-cumulative": "savings",
    "savings-by-sector": "savings",
    "savings-by-process": "savings",
    "savings-pipeline": "savings",
}


def area_of(chart_id: str) -> str:
    return AREA_OF_CHART.get(chart_id, "effect_goals")  # trend-<code>: an indicator


def build(chart_id: str, frames: Frames) -> ChartData | None:
    """The chart with this id for the view, or None when there is no such chart.

    `trend-<code>` is one indicator's trend (any indicator among the filtered ones).
    """
    if chart_id in CHARTS:
        return CHARTS[chart_id](frames)
    if chart_id.startswith(INDICATOR_PREFIX):
        return indicator_trend_chart(frames, chart_id.removeprefix(INDICATOR_PREFIX))
    return None
