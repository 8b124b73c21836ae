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
from sqlalchemy import Engine

from dashboard import cache as query_cache
from dashboard import data_version, figures, queries, summaries
from dashboard.i18n import (
    format_date,
    format_money,
    format_number,
    format_quantity,
    translate,
    translate_count,
    unit_label,
)
from dashboard.models import DataArea
from dashboard.routes import Route
from dashboard.status import count_by_status, goal_statuses
from dashboard.view_state import PARAM_CORE_AREA, PARAM_SECTOR, ViewState

TOP_PROCESSES = 15


@dataclass(frozen=True)
class Column:
    """A table column: frame column, header text, and how a cell is written."""

    key: str
    header: str
    format: Callable[[object], str] = str
    # A cell written from its whole row (a value in its indicator's unit and decimals).
    row_format: Callable[[dict], str] | None = None

    def cell(self, row: dict) -> str:
        return self.row_format(row) if self.row_format else self.format(row[self.key])


@dataclass(frozen=True)
class ChartData:
    chart_id: str
    title: str
    figure: figures.Figure | None  # plain data, as plotly.js draws it
    summary: str
    table: pd.DataFrame | None = None
    columns: Sequence[Column] = ()
    empty: bool = False
    crossfilter_param: str | None = None
    # The file-name stem of exports, e.g. "effektmal_oppvekst-skole_2025".
    file_stem: str = ""
    # A written assessment that goes with the figures (an indicator's latest): shown under the
    # chart, on its slide and in its image export, wrapped to a few lines.
    note: str | None = None
    # Official statistics drawn in it: "Kilde: Statistisk sentralbyrå, tabell 12134".
    source_note: str = ""

    @property
    def note_lines(self) -> list[str]:
        return summaries.assessment_lines(self.note) if self.note else []

    def table_for_export(self) -> pd.DataFrame:
        """The table as users read it: translated headers, formatted cells."""
        if self.table is None or not self.columns:
            return pd.DataFrame()
        rows = self.table.to_dict("records")
        return pd.DataFrame({c.header: [c.cell(row) for row in rows] for c in self.columns})


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
        if self.state.data_versions is not None:  # read for this very request by view_state
            return self.state.data_versions
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
        return self._query(
            DataArea.EFFECT_GOALS, queries.indicator_status, self.filters(DataArea.EFFECT_GOALS)
        )

    def updated(self, *areas: DataArea | str) -> dt.date | None:
        """When the newest of these areas (all, when none given) last changed."""
        versions = self.data_versions
        if versions is None:
            return None
        wanted = [str(a) for a in areas] or list(versions.updated)
        dates = [versions.updated.get(a) for a in wanted]
        present = [d for d in dates if d is not None]
        return max(present).date() if present else None

    @cached_property
    def previous_goal_counts(self) -> dict[str, int] | None:
        """Goals by status the year before the one shown (None: no values that year)."""
        filters = self.filters(DataArea.EFFECT_GOALS)
        if not filters.year or filters.year - 1 not in (
            self.state.years.get(DataArea.EFFECT_GOALS) or []
        ):
            return None
        previous = self._query(
            DataArea.EFFECT_GOALS, queries.indicator_status, filters.with_year(filters.year - 1)
        )
        return count_by_status(goal_statuses(previous))

    @cached_property
    def review_completion(self) -> pd.DataFrame:
        return self._query(
            DataArea.SERVICE_REVIEW,
            queries.review_completion,
            self.filters(DataArea.SERVICE_REVIEW),
            as_of=self.as_of,
        )

    @cached_property
    def review_deadlines(self) -> pd.DataFrame:
        return self._query(
            DataArea.SERVICE_REVIEW, queries.review_deadlines, self.filters(DataArea.SERVICE_REVIEW)
        )

    @cached_property
    def review_outstanding(self) -> pd.DataFrame:
        return self._query(
            DataArea.SERVICE_REVIEW,
            queries.review_outstanding,
            self.filters(DataArea.SERVICE_REVIEW),
            as_of=self.as_of,
        )

    @cached_property
    def review_budget(self) -> pd.DataFrame:
        return self._query(
            DataArea.SERVICE_REVIEW,
            queries.review_budget_totals,
            self.filters(DataArea.SERVICE_REVIEW),
        )

    @cached_property
    def savings_months(self) -> pd.DataFrame | None:
        filters = self.filters(DataArea.SAVINGS)
        if not filters.year:
            return None
        return self._query(DataArea.SAVINGS, queries.savings_by_month, filters)

    @cached_property
    def savings_totals(self) -> queries.SavingsTotals:
        """Against the goal of the level shown (a sector's own goal, not the organisation's)."""
        filters = self.filters(DataArea.SAVINGS)
        goal = self._query(DataArea.SAVINGS, queries.savings_goal_hours, filters)
        level = queries.goal_level(filters)
        name = self._level_name(filters) if level is not queries.GoalLevel.ORGANISATION else None
        return queries.savings_totals(
            self.savings_months,
            goal_hours=goal,
            level=level,
            level_name=name,
            year_over=bool(filters.year and filters.year < self.as_of.year),
            previous_hours=self._previous_hours(filters),
        )

    def _level_name(self, filters: queries.Filters) -> str | None:
        """The sector's or core area's name: from the view state's filter options, read for
        this request already, rather than another statement."""
        options = self.state.options
        if options is None or filters.organisation != self.state.filters.organisation:
            return self._query(DataArea.ORGANISATION, queries.level_name, filters)
        if filters.sector:
            found, code = options.sectors, filters.sector
        elif filters.core_area:
            found, code = options.core_areas, filters.core_area
        else:
            return None
        return next((o["name"] for o in found if o["code"] == code), None)

    def _previous_hours(self, filters: queries.Filters) -> float | None:
        """Measured hours the year before: over the same months while this year is running
        (January–now against January–now), else the whole year. None without records then."""
        if not filters.year:
            return None
        year = filters.year - 1
        if year not in (self.state.years.get(DataArea.SAVINGS) or []):
            return None
        months = self._query(DataArea.SAVINGS, queries.savings_by_month, filters.with_year(year))
        if filters.year == self.as_of.year:
            months = months[months["month"] <= self.as_of.month]
        return float(months["measured_hours"].sum())

    @cached_property
    def savings_by_sector(self) -> pd.DataFrame:
        return self._query(
            DataArea.SAVINGS, queries.savings_by_sector, self.filters(DataArea.SAVINGS)
        )

    @cached_property
    def savings_by_process(self) -> pd.DataFrame:
        return self._query(
            DataArea.SAVINGS, queries.savings_by_process, self.filters(DataArea.SAVINGS)
        )

    @cached_property
    def process_pipeline(self) -> pd.DataFrame:
        return self._query(
            DataArea.SAVINGS, queries.process_pipeline, self.filters(DataArea.SAVINGS)
        )

    def indicator_series(self, goal_code: str) -> pd.DataFrame:
        return self._query(
            DataArea.EFFECT_GOALS,
            queries.indicator_series,
            self.filters(DataArea.EFFECT_GOALS),
            goal_code=goal_code,
        )

    def indicator_comparison(
        self, indicator_code: str
    ) -> tuple[queries.SeriesInfo | None, pd.DataFrame]:
        return self._query(
            DataArea.EFFECT_GOALS,
            queries.indicator_comparison,
            self.state.filters.organisation or "",
            indicator_code,
            year=self.state.year_for(DataArea.EFFECT_GOALS),
        )

    def goal_assessment(self, goal_code: str) -> str | None:
        """ "Samlet vurdering 2022: …": the goal's overall assessment for the year shown."""
        year = self.state.year_for(DataArea.EFFECT_GOALS)
        if not (year and self.state.filters.organisation):
            return None
        text = self._query(
            DataArea.EFFECT_GOALS,
            queries.goal_assessment,
            self.state.filters.organisation,
            goal_code,
            year,
        )
        if not text:
            return None
        return translate(
            "effect.goal_assessment", self.lang, year=year, text=" ".join(text.split())
        )

    def theory_of_change(self, goal_code: str) -> tuple[pd.DataFrame, pd.DataFrame]:
        return self._query(
            DataArea.EFFECT_GOALS,
            queries.theory_of_change,
            self.state.filters.organisation or "",
            goal_code,
        )


# --- the record -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ChartRecord:
    """Everything the app knows about one chart. The views lay out their charts from these
    records, the export routes find a chart by its id here, and the deck puts the charts with
    the same `slide` key on one slide, so a new chart is one record (plus its figure and summary
    functions and its strings): see docs/adding-a-chart.md."""

    id: str
    area: DataArea
    title_key: str  # translation key; given `year` (and whatever `title_params` adds)
    frames: tuple[str, ...]  # the Frames results it reads (each fetched once per view)
    table: Callable[[Frames], pd.DataFrame | None]  # the numbers behind it (CSV/Excel, table)
    figure: Callable[[Frames], figures.Figure | None]
    summary: Callable[[Frames], str]  # one sentence: the chart's text alternative
    columns: Callable[[str], list[Column]]  # the table's columns, for a language
    file_word: str  # first word of export file names, e.g. "minuttjakt_sektor"
    # The query parameter a click on a bar sets (the code of what was clicked), offered while
    # that filter is not set yet.
    crossfilter: str | None = None
    views: tuple[Route, ...] = ()  # the views that show it, in registry order
    full_width: bool = False  # a whole row on its view, else half of one
    slide: str | None = None  # deck: charts with the same key share one slide
    empty: Callable[[Frames], bool] | None = None  # default: no table rows
    title_params: Callable[[Frames], dict[str, object]] | None = None

    def is_empty(self, frames: Frames) -> bool:
        if self.empty is not None:
            return self.empty(frames)
        table = self.table(frames)
        return table is None or table.empty

    def build(self, frames: Frames) -> ChartData:
        lang, state = frames.lang, frames.state
        table = self.table(frames)
        year = state.year_for(self.area)
        params = self.title_params(frames) if self.title_params else {}
        filter_set = {PARAM_SECTOR: state.filters.sector, PARAM_CORE_AREA: state.filters.core_area}
        return ChartData(
            chart_id=self.id,
            title=translate(self.title_key, lang, year=year or "", **params),
            figure=self.figure(frames),
            summary=self.summary(frames),
            table=table,
            columns=self.columns(lang),
            empty=self.is_empty(frames),
            crossfilter_param=None if filter_set.get(self.crossfilter) else self.crossfilter,
            file_stem=_file_stem(frames, self.file_word, self.area),
        )


# --- helpers ------------------------------------------------------------------------------------


def _file_stem(frames: Frames, area_word: str, area: DataArea) -> str:
    """`effektmal_oppvekst-skole_2025`: what, for which sector, which year, in the user's
    language (`area_word` names a `file.` message)."""
    state, lang = frames.state, frames.lang
    parts = [
        translate(f"file.{area_word}", lang),
        state.filters.sector or state.filters.core_area or translate("file.all", lang),
    ]
    year = state.year_for(area)
    if year:
        parts.append(str(year))
    return "_".join(parts)


def _number(lang: str, decimals: int = 0) -> Callable[[object], str]:
    return lambda v: format_number(None if pd.isna(v) else v, lang, decimals=decimals)


def _year(value: object) -> str:
    """A year as a year: 2022, never "2 022" or "2022.0"; nothing where there is none."""
    return "" if value is None or pd.isna(value) else str(int(value))


def _word(prefix: str, lang: str) -> Callable[[object], str]:
    return lambda v: translate(f"{prefix}.{v}", lang)


# --- effect goals -------------------------------------------------------------------------------


def _quantity(key: str, lang: str) -> Callable[[dict], str]:
    """A value in its indicator's unit and decimals (`57,5 %`, `31 768`, `kr 1 200`)."""
    return lambda row: format_quantity(
        None if pd.isna(row[key]) else row[key],
        row["unit_of_measure"],
        lang,
        decimals=int(row["decimals"]),
    )


def indicator_columns(lang: str) -> list[Column]:
    return [
        Column("core_area_name", translate("col.core_area", lang)),
        Column("goal_text", translate("col.goal", lang)),
        Column("indicator_name", translate("col.indicator", lang)),
        # The unit and the year of each value: 74,3 means nothing without "%" and "2022".
        # Values in the indicator's unit and decimals; the export keeps the exact numbers.
        Column("unit_of_measure", translate("col.unit", lang), lambda u: unit_label(u, lang)),
        Column(
            "baseline_value",
            translate("col.baseline", lang),
            row_format=_quantity("baseline_value", lang),
        ),
        Column("baseline_year", translate("col.baseline_year", lang), _year),
        Column(
            "latest_value",
            translate("col.latest_value", lang),
            row_format=_quantity("latest_value", lang),
        ),
        Column("latest_period", translate("col.latest_year", lang), _year),
        Column(
            "target_value",
            translate("col.target", lang),
            row_format=_quantity("target_value", lang),
        ),
        Column("target_year", translate("col.target_year", lang), _year),
        Column("status", translate("col.status", lang), _word("status", lang)),
    ]


def indicator_trend_chart(frames: Frames, indicator_code: str) -> ChartData | None:
    """One indicator's trend; None when the code is not among the filtered indicators. An
    indicator fed from official statistics also draws its KOSTRA group and the country, and its
    table (and so its CSV and Excel) carries every comparison region's values."""
    lang, indicators = frames.lang, frames.indicator_status
    match = indicators[indicators["indicator_code"] == indicator_code]
    if match.empty:
        return None
    row = match.iloc[0]
    series = frames.indicator_series(row["goal_code"])
    values = series[series["indicator_code"] == indicator_code]
    year = frames.state.year_for(DataArea.EFFECT_GOALS)
    places = int(row["decimals"])
    info, comparison = frames.indicator_comparison(indicator_code)
    value_format = lambda v: format_quantity(  # noqa: E731
        None if pd.isna(v) else v, row["unit_of_measure"], lang, decimals=places
    )
    columns = [
        Column("period", translate("col.year", lang)),
        Column("value", translate("col.value", lang), value_format),
    ]
    table = values
    summary = indicator_sentence(row, lang)
    if info is not None and not comparison.empty:
        table, region_columns = comparison_table(values, comparison, lang)
        columns = [columns[0], *region_columns]
        columns.append(Column("origin", translate("col.origin", lang), _word("origin", lang)))
        summary = " ".join(p for p in (summary, summaries.comparison(comparison, row, lang)) if p)
    columns.append(
        Column("comment", translate("col.comment", lang), lambda c: c if isinstance(c, str) else "")
    )
    return ChartData(
        chart_id=f"{INDICATOR_PREFIX}{indicator_code}",
        title=row["indicator_name"],
        figure=figures.indicator_trend(values, row, lang=lang, comparison=comparison),
        summary=summary,
        note=summaries.latest_assessment(values, row, lang),
        table=table,
        columns=columns,
        file_stem=f"{translate('file.indikator', frames.lang)}_{indicator_code}_{year or ''}",
        source_note=source_line(info, lang),
    )


def source_line(info: queries.SeriesInfo | None, lang: str) -> str:
    if info is None:
        return ""
    return translate("stats.source_line", lang, source=info.source_note)


def comparison_table(
    values: pd.DataFrame, comparison: pd.DataFrame, lang: str
) -> tuple[pd.DataFrame, list[Column]]:
    """One row per year: the indicator's own value and origin, then each comparison region's
    value (an empty cell where the source has none)."""
    table = values[["period", "value", "comment", "origin"]].copy()
    table["period"] = table["period"].astype(int)
    own_name = comparison.loc[comparison["kind"] == "own", "region_name"]
    columns = [
        Column(
            "value",
            own_name.iloc[0] if not own_name.empty else translate("col.value", lang),
            _number(lang, 1),
        )
    ]
    others = comparison[comparison["kind"] != "own"]
    for index, ((_, _code, name), region) in enumerate(
        others.groupby(["position", "region_code", "region_name"], sort=True)
    ):
        key = f"region_{index}"
        per_year = region[["period", "value"]].rename(columns={"value": key})
        table = table.merge(per_year, on="period", how="outer")
        columns.append(Column(key, str(name), _number(lang, 1)))
    return table.sort_values("period").reset_index(drop=True), columns


def peer_chart(frames: Frames, indicator_code: str) -> ChartData | None:
    """The latest year's value of the municipality among its peers, ranked, with its KOSTRA
    group and the country as lines; None for an indicator not fed from official statistics."""
    lang, indicators = frames.lang, frames.indicator_status
    match = indicators[indicators["indicator_code"] == indicator_code]
    if match.empty:
        return None
    row = match.iloc[0]
    info, comparison = frames.indicator_comparison(indicator_code)
    if info is None:
        return None
    own = comparison[(comparison["kind"] == "own") & comparison["value"].notna()]
    chart_id = f"{PEERS_PREFIX}{indicator_code}"
    title_year = int(own["period"].max()) if not own.empty else ""
    title = translate("compare.peer_title", lang, name=row["indicator_name"], year=title_year)
    table_columns = [
        Column("region_name", translate("col.region", lang)),
        Column("kind", translate("col.comparison_kind", lang), _word("comparison", lang)),
        Column("value", translate("col.value", lang), _number(lang, 1)),
        Column("status", translate("col.status", lang), lambda v: v if isinstance(v, str) else ""),
    ]
    if own.empty:
        return ChartData(
            chart_id=chart_id,
            title=title,
            figure=None,
            summary=translate("compare.no_data", lang, name=row["indicator_name"]),
            empty=True,
            file_stem=f"{translate('file.sammenligning', lang)}_{indicator_code}",
            source_note=source_line(info, lang),
        )
    year = int(own["period"].max())
    latest = comparison[comparison["period"] == year]
    # Every comparison region, also one without a figure that year.
    missing = [
        {
            "region_code": r.region_code,
            "region_name": r.region_name,
            "kind": r.kind,
            "position": r.position,
            "period": year,
            "value": None,
            "status": "..",
        }
        for r in comparison.drop_duplicates("region_code").itertuples()
        if r.region_code not in set(latest["region_code"])
    ]
    if missing:
        latest = pd.concat([latest, pd.DataFrame(missing)], ignore_index=True)
    own_code = own["region_code"].iloc[0]
    higher = row["direction"] == "higher"
    return ChartData(
        chart_id=chart_id,
        title=title,
        figure=figures.peer_ranking(
            latest,
            own_code=own_code,
            unit=row["unit_of_measure"],
            lang=lang,
            higher_is_better=higher,
        ),
        summary=summaries.peer_rank(latest, own_code, row, lang, year),
        table=latest.sort_values(["position", "region_name"]).reset_index(drop=True),
        columns=table_columns,
        file_stem=f"{translate('file.sammenligning', lang)}_{indicator_code}_{year}",
        source_note=source_line(info, lang),
    )


def indicator_sentence(row: pd.Series, lang: str) -> str:
    if pd.isna(row["latest_value"]):
        return translate("effect.indicator_no_data", lang, name=row["indicator_name"])
    unit, places = row["unit_of_measure"], int(row["decimals"])
    return translate(
        "effect.indicator_sentence",
        lang,
        name=row["indicator_name"],
        value=format_quantity(row["latest_value"], unit, lang, decimals=places),
        year=int(row["latest_period"]),
        target=format_quantity(row["target_value"], unit, lang, decimals=places),
        target_year=int(row["target_year"]),
        baseline=format_quantity(row["baseline_value"], unit, lang, decimals=places),
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
        chart_id=THEORY_OF_CHANGE_ID,
        title=theory_of_change_title(frames.indicator_status, goal, lang),
        figure=figures.theory_of_change(steps, links, lang=lang),
        summary=translate(
            "effect.theory_summary",
            lang,
            steps=translate_count("count.steps", len(steps), lang),
            links=translate_count("count.links", len(links), lang),
        ),
        table=theory_table(steps, links),
        columns=[
            Column("kind", translate("col.kind", lang), _word("change", lang)),
            Column("text", translate("col.step", lang)),
            Column("leads_to", translate("col.leads_to", lang)),
            Column("assumption", translate("col.assumption", lang)),
        ],
        empty=steps.empty,
        file_stem=f"{translate('file.endringsteori', frames.lang)}_{goal}",
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


INDICATOR_STATUS = ChartRecord(
    id="indicator-status",
    area=DataArea.EFFECT_GOALS,
    title_key="chart.indicator_status",
    frames=("indicator_status",),
    table=lambda f: f.indicator_status,
    figure=lambda f: figures.status_counts_bar(f.indicator_status, lang=f.lang),
    summary=lambda f: summaries.status_counts(
        count_by_status(f.indicator_status), lang=f.lang, what="indicators"
    ),
    columns=indicator_columns,
    file_word="effektmal",
    crossfilter=PARAM_CORE_AREA,
    views=(Route.OVERVIEW, Route.EFFECT_GOALS),
    slide="effect_goals-status",
)


# --- service review -----------------------------------------------------------------------------


def _completion_columns(lang: str) -> list[Column]:
    return [
        Column("sector_name", translate("col.sector", lang)),
        Column("part", translate("col.part", lang), _word("part", lang)),
        Column("status", translate("col.status", lang), _word("review_status", lang)),
        Column("outcome", translate("col.outcome", lang), _word("outcome", lang)),
        Column("tasks", translate("col.tasks", lang), _number(lang)),
    ]


def _review_completion_record(by: str, **kwargs: object) -> ChartRecord:
    return ChartRecord(
        id=f"review-by-{by}",
        area=DataArea.SERVICE_REVIEW,
        title_key=f"chart.review_by_{by}",
        frames=("review_completion",),
        table=lambda f: f.review_completion,
        figure=lambda f: figures.review_completion_bar(f.review_completion, by=by, lang=f.lang),
        summary=lambda f: summaries.review_completion(
            f.review_completion, year=f.state.year_for(DataArea.SERVICE_REVIEW), lang=f.lang
        ),
        columns=_completion_columns,
        file_word=f"tjenestegjennomgang_{by}",
        **kwargs,  # type: ignore[arg-type]
    )


def _timeline_summary(frames: Frames) -> str:
    lang, deadlines = frames.lang, frames.review_deadlines
    if deadlines.empty:
        return translate("empty.service_review", lang)
    return translate(
        "review.timeline_summary",
        lang,
        deadlines=", ".join(
            f"{translate(f'part.{part}', lang)} {format_date(deadline, lang)}"
            for part, deadline in zip(deadlines["part"], deadlines["deadline"], strict=True)
        ),
    )


def _timeline_figure(frames: Frames) -> figures.Figure | None:
    year = frames.state.year_for(DataArea.SERVICE_REVIEW)
    if not year:
        return None
    return figures.review_timeline(frames.review_deadlines, year=year, lang=frames.lang)


def _timeline_columns(lang: str) -> list[Column]:
    return [
        Column("part", translate("col.part", lang), _word("part", lang)),
        Column("deadline", translate("col.deadline", lang), lambda d: format_date(d, lang)),
        Column("tasks", translate("col.tasks", lang), _number(lang)),
        Column(
            "delivered_by_deadline", translate("col.delivered_by_deadline", lang), _number(lang)
        ),
    ]


def _budget_columns(lang: str) -> list[Column]:
    return [
        Column("sector_name", translate("col.sector", lang)),
        Column("part", translate("col.part", lang), _word("part", lang)),
        Column("amount_nok", translate("col.amount", lang), lambda v: format_money(v, lang)),
        Column("inputs", translate("col.inputs", lang), _number(lang)),
    ]


REVIEW_BY_SECTOR = _review_completion_record(
    "sector",
    crossfilter=PARAM_SECTOR,
    views=(Route.OVERVIEW, Route.SERVICE_REVIEW),
    slide="service_review-sector",
)
REVIEW_BY_PART = _review_completion_record(
    "part", views=(Route.SERVICE_REVIEW,), slide="service_review-parts"
)
REVIEW_TIMELINE = ChartRecord(
    id="review-timeline",
    area=DataArea.SERVICE_REVIEW,
    title_key="chart.review_timeline",
    frames=("review_deadlines",),
    table=lambda f: f.review_deadlines,
    figure=_timeline_figure,
    summary=_timeline_summary,
    columns=_timeline_columns,
    file_word="frister",
    views=(Route.SERVICE_REVIEW,),
    full_width=True,
    slide="service_review-parts",
)
REVIEW_BUDGET = ChartRecord(
    id="review-budget",
    area=DataArea.SERVICE_REVIEW,
    title_key="chart.review_budget",
    frames=("review_budget",),
    table=lambda f: f.review_budget,
    figure=lambda f: figures.review_budget_bar(f.review_budget, lang=f.lang),
    summary=lambda f: summaries.review_budget(f.review_budget, lang=f.lang),
    columns=_budget_columns,
    file_word="budsjettinnspill",
    views=(Route.SERVICE_REVIEW,),
    full_width=True,
)


# --- minuttjakt ---------------------------------------------------------------------------------


def _hours_columns(lang: str) -> list[Column]:
    return [
        Column("measured_hours", translate("basis.measured", lang), _number(lang)),
        Column("estimated_hours", translate("basis.estimated", lang), _number(lang)),
    ]


def _cumulative_figure(frames: Frames) -> figures.Figure | None:
    months, totals = frames.savings_months, frames.savings_totals
    if months is None:
        return None
    year = frames.state.year_for(DataArea.SAVINGS)
    through = frames.as_of.month if year == frames.as_of.year else None
    return figures.savings_cumulative(
        months, goal_hours=totals.goal_hours, year=year, lang=frames.lang, through_month=through
    )


def _cumulative_summary(frames: Frames) -> str:
    totals = frames.savings_totals
    return summaries.savings_year(
        totals.measured_hours,
        totals.estimated_hours,
        goal=totals.goal_hours,
        year=frames.state.year_for(DataArea.SAVINGS),
        lang=frames.lang,
        name=summaries.level_label(totals, frames.lang),
    )


def _cumulative_columns(lang: str) -> list[Column]:
    return [
        Column("month", translate("col.month", lang), _word("month", lang)),
        *_hours_columns(lang),
        Column("measured_cumulative", translate("col.measured_cumulative", lang), _number(lang)),
    ]


def _process_columns(lang: str) -> list[Column]:
    return [
        Column("process_name", translate("col.process", lang)),
        Column("sector_name", translate("col.sector", lang)),
        Column("kind", translate("col.kind", lang), _word("kind", lang)),
        Column("stage", translate("col.stage", lang), _word("stage", lang)),
        *_hours_columns(lang),
        Column("runs", translate("col.runs", lang), _number(lang)),
    ]


def _pipeline_columns(lang: str) -> list[Column]:
    return [
        Column("stage", translate("col.stage", lang), _word("stage", lang)),
        Column("kind", translate("col.kind", lang), _word("kind", lang)),
        Column("processes", translate("col.processes", lang), _number(lang)),
    ]


SAVINGS_CUMULATIVE = ChartRecord(
    id="savings-cumulative",
    area=DataArea.SAVINGS,
    title_key="chart.savings_cumulative",
    frames=("savings_months", "savings_totals"),
    table=lambda f: f.savings_months,
    figure=_cumulative_figure,
    summary=_cumulative_summary,
    columns=_cumulative_columns,
    file_word="minuttjakt",
    views=(Route.OVERVIEW, Route.SAVINGS),
    slide="savings-cumulative",
    empty=lambda f: (
        f.savings_months is None
        or not (f.savings_totals.measured_hours or f.savings_totals.estimated_hours)
    ),
)
SAVINGS_BY_SECTOR = ChartRecord(
    id="savings-by-sector",
    area=DataArea.SAVINGS,
    title_key="chart.savings_by_sector",
    frames=("savings_by_sector",),
    table=lambda f: f.savings_by_sector,
    figure=lambda f: figures.savings_hours_bar(
        f.savings_by_sector, label_column="sector_name", code_column="sector_code", lang=f.lang
    ),
    summary=lambda f: summaries.hours_ranking(
        f.savings_by_sector, label_column="sector_name", lang=f.lang, noun="count.sectors"
    ),
    columns=lambda lang: [
        Column("sector_name", translate("col.sector", lang)),
        *_hours_columns(lang),
    ],
    file_word="minuttjakt_sektor",
    crossfilter=PARAM_SECTOR,
    views=(Route.SAVINGS,),
    slide="savings-breakdown",
)
SAVINGS_PIPELINE = ChartRecord(
    id="savings-pipeline",
    area=DataArea.SAVINGS,
    title_key="chart.savings_pipeline",
    frames=("process_pipeline",),
    table=lambda f: f.process_pipeline,
    figure=lambda f: figures.process_pipeline(f.process_pipeline, lang=f.lang),
    summary=lambda f: summaries.pipeline(f.process_pipeline, lang=f.lang),
    columns=_pipeline_columns,
    file_word="minuttjakt_fase",
    views=(Route.SAVINGS,),
    slide="savings-breakdown",
)
SAVINGS_BY_PROCESS = ChartRecord(
    id="savings-by-process",
    area=DataArea.SAVINGS,
    title_key="chart.savings_by_process",
    frames=("savings_by_process",),
    table=lambda f: f.savings_by_process,
    figure=lambda f: figures.savings_hours_bar(
        f.savings_by_process, label_column="process_name", lang=f.lang, limit=TOP_PROCESSES
    ),
    summary=lambda f: summaries.hours_ranking(
        f.savings_by_process, label_column="process_name", lang=f.lang
    ),
    columns=_process_columns,
    file_word="minuttjakt_prosess",
    views=(Route.SAVINGS,),
    full_width=True,
    title_params=lambda f: {"limit": TOP_PROCESSES},
)


# --- the registry -------------------------------------------------------------------------------

# Order matters: a view shows its charts, and the deck its slides, in this order.
REGISTRY: tuple[ChartRecord, ...] = (
    INDICATOR_STATUS,
    REVIEW_BY_SECTOR,
    REVIEW_BY_PART,
    REVIEW_TIMELINE,
    REVIEW_BUDGET,
    SAVINGS_CUMULATIVE,
    SAVINGS_BY_SECTOR,
    SAVINGS_PIPELINE,
    SAVINGS_BY_PROCESS,
)
# Charts drawn per effect goal (drill-down and deck): built from the goal, not a record.
INDICATOR_PREFIX = "trend-"
PEERS_PREFIX = "peers-"  # the "compared with" chart of an indicator fed from statistics
THEORY_OF_CHANGE_ID = "theory-of-change"


def registry() -> tuple[ChartRecord, ...]:
    """The chart records; read at call time, so a test can add one (monkeypatch REGISTRY)."""
    return REGISTRY


def record(chart_id: str) -> ChartRecord | None:
    return next((r for r in registry() if r.id == chart_id), None)


def for_view(view: Route) -> list[ChartRecord]:
    return [r for r in registry() if view in r.views]


def area_of(chart_id: str) -> DataArea:
    found = record(chart_id)
    return found.area if found else DataArea.EFFECT_GOALS  # trend-<code>, theory of change


def build(chart_id: str, frames: Frames) -> ChartData | None:
    """The chart with this id for the view, or None when there is no such chart.

    `trend-<code>` is one indicator's trend (any indicator among the filtered ones);
    `theory-of-change` the drill-down goal's.
    """
    found = record(chart_id)
    if found is not None:
        return found.build(frames)
    if chart_id == THEORY_OF_CHANGE_ID:
        return theory_of_change_chart(frames)
    if chart_id.startswith(INDICATOR_PREFIX):
        return indicator_trend_chart(frames, chart_id.removeprefix(INDICATOR_PREFIX))
    if chart_id.startswith(PEERS_PREFIX):
        return peer_chart(frames, chart_id.removeprefix(PEERS_PREFIX))
    return None
