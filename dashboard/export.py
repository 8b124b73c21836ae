"""Chart snapshots and the data behind them, as managers put them into budget papers and slides.

A snapshot is never a bare plot: the image carries the chart's title, the active filters, the
data source, the date of export and, for the demo organisation, the demo-data label. The data
export is the chart's own table (the numbers the chart draws), as CSV the way Nordic Excel opens
it and as an Excel workbook with a sheet that says what the numbers are.

Pure functions build the figures and files; `dashboard.image_renderer` draws the images.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re
import unicodedata
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from dashboard import image_renderer, theme
from dashboard.charts import ChartData, Frames
from dashboard.deck import Slide, deck_slides, frames_for_slide
from dashboard.i18n import format_date, translate
from dashboard.models import DataArea
from dashboard.routes import Route
from dashboard.view_state import ViewState, describe_filters

EXPORT_PATH = Route.EXPORT
IMAGE_FORMATS = image_renderer.FORMATS
DATA_FORMATS = ("csv", "xlsx")
FORMATS = (*IMAGE_FORMATS, *DATA_FORMATS)
DECK_ID = "deck"
SCALES = (1, 2, 3, 4)
DEFAULT_SCALE = 2  # print quality
MEDIA_TYPES = {
    "png": "image/png",
    "svg": "image/svg+xml",
    "pdf": "application/pdf",
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
SNAPSHOT_WIDTH = 1200
# Room above the plot for title, subtitle and legend, and below it for the caption.
HEADER_PX, FOOTER_PX = 120, 80
# Cells that Excel and LibreOffice would run as a formula (OWASP "CSV injection").
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def export_href(state: ViewState, chart_id: str, fmt: str, **params: str | None) -> str:
    """The export link of a chart with the view's own filters: /export/<id>.<fmt>?…"""
    return state.href(f"{EXPORT_PATH}/{chart_id}.{fmt}", **params)


def file_name(stem: str, fmt: str, as_of: dt.date) -> str:
    """`effektmal_oppvekst-skole_2025_2026-05-12.png`: what, for whom, which year, exported when.
    The stem is made a safe slug whatever codes it holds (a code stored before codes were
    checked may hold a quote, a slash or a line break, which a header must not carry)."""
    return f"{safe_slug(stem)}_{as_of.isoformat()}.{fmt}"


_UNSAFE = re.compile(r"[^\w.-]+")
SLUG_LENGTH = 120


def safe_slug(text: str) -> str:
    """Letters (any alphabet), digits, `-`, `_` and `.`; every other run of characters becomes
    one `-`; no leading dots or dashes; at most SLUG_LENGTH characters; never empty."""
    slug = _UNSAFE.sub("-", unicodedata.normalize("NFC", text)).strip(".-")[:SLUG_LENGTH]
    return slug.strip(".-") or "eksport"


def deck_file_stem(state: ViewState) -> str:
    """`seminar_helse-velferd_2025`: the deck's file name says for whom and which year."""
    f = state.filters
    parts = [translate("export.deck_file", state.lang), f.sector or f.core_area or "alle"]
    if f.year:
        parts.append(str(f.year))
    return "_".join(parts)


@dataclass(frozen=True)
class Caption:
    """The context every snapshot carries."""

    title: str
    filters: str
    source: str
    exported: str
    demo: str | None

    @property
    def footer(self) -> str:
        return " · ".join(p for p in (self.source, self.exported, self.demo) if p)


def caption_for(state: ViewState, *, title: str, area: str, as_of: dt.date) -> Caption:
    lang = state.lang
    organisation = next(
        (o["name"] for o in state.organisations if o["code"] == state.filters.organisation), ""
    )
    return Caption(
        title=title,
        filters=describe_filters(state, area=area),
        source=translate("export.source", lang, organisation=organisation),
        exported=translate("export.exported", lang, date=format_date(as_of, lang)),
        demo=translate("export.demo_label", lang) if state.is_demo else None,
    )


SNAPSHOT_SIDE_PX = 24 + 32  # the plot's left and right margins


def _plot_height(chart: ChartData) -> int:
    if chart.figure is None:
        return 420
    meta = chart.figure.layout.meta
    if isinstance(meta, dict) and meta.get("svg_width"):
        # A drawing (the theory of change): as tall as the snapshot's width makes it.
        width = SNAPSHOT_WIDTH - SNAPSHOT_SIDE_PX
        return round(width * meta["svg_height"] / meta["svg_width"]) + 16
    return int(chart.figure.layout.height or 420)


def snapshot_size(chart: ChartData) -> tuple[int, int]:
    return SNAPSHOT_WIDTH, _plot_height(chart) + HEADER_PX + FOOTER_PX


def _drawable(chart: ChartData) -> go.Figure:
    """A copy of the chart's figure to dress for export; an empty result becomes its sentence,
    not an empty axis."""
    if chart.empty or chart.figure is None:
        figure = go.Figure()
        figure.add_annotation(
            text=html.escape(chart.summary), x=0.5, y=0.5, xref="paper", yref="paper",
            showarrow=False, font={"size": 18},
        )  # fmt: skip
        figure.update_xaxes(visible=False)
        figure.update_yaxes(visible=False)
        return figure
    return go.Figure(chart.figure)


def snapshot_figure(chart: ChartData, caption: Caption) -> go.Figure:
    """The chart with its context drawn on it: title and filters above, source, date and demo
    label below. An empty result becomes its sentence, not an empty axis."""
    width, height = snapshot_size(chart)
    figure = _drawable(chart)
    plot_height = height - HEADER_PX - FOOTER_PX
    figure.update_layout(
        width=width,
        height=height,
        autosize=False,
        # Names come from imported files: plotly would draw tags in them as markup.
        title={
            "text": f"<b>{html.escape(caption.title)}</b>",
            "subtitle": {"text": html.escape(caption.filters), "font": {"size": 15}},
            "x": 0.01,
            "xanchor": "left",
            "xref": "container",
            "y": 0.985,
            "yanchor": "top",
            "yref": "container",
            "font": {"size": 22},
        },
        margin={"t": HEADER_PX, "b": FOOTER_PX, "l": 24, "r": 32},
    )
    figure.add_annotation(
        text=html.escape(caption.footer), xref="paper", yref="paper", x=1,
        y=-(FOOTER_PX - 6) / plot_height, xanchor="right", yanchor="bottom", showarrow=False,
        align="right", font={"size": 13, "color": theme.TEXT_COLOUR},
    )  # fmt: skip
    return figure


def render_snapshot(chart: ChartData, caption: Caption, *, fmt: str, scale: float = 1) -> bytes:
    width, height = snapshot_size(chart)
    figure = snapshot_figure(chart, caption)
    return image_renderer.render(figure.to_dict(), fmt=fmt, width=width, height=height, scale=scale)


# --- the data behind a chart ------------------------------------------------------------------


def neutralise(value: object) -> object:
    """A text cell a spreadsheet would run as a formula gets a leading apostrophe; numbers stay
    numbers (a negative number is data, not a formula)."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def export_table(chart: ChartData) -> pd.DataFrame:
    """The chart's numbers with translated headers: numbers and dates as values (so a
    spreadsheet can sum them), words (status, part, stage …) as the user reads them."""
    if chart.table is None or not chart.columns:
        return pd.DataFrame()
    columns = {}
    for column in chart.columns:
        values = chart.table[column.key]
        if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
            columns[column.header] = values
        elif values.map(lambda v: isinstance(v, dt.date)).all() and len(values):
            columns[column.header] = values
        else:
            columns[column.header] = [neutralise(column.format(v)) for v in values]
    return pd.DataFrame(columns)


def table_csv(chart: ChartData, lang: str) -> bytes:
    """UTF-8 with BOM (so Excel keeps æøå); in nb/da `;` and a decimal comma, as Excel there
    expects, in en `,` and a decimal point."""
    nordic = lang in ("nb", "da")
    frame = export_table(chart)
    text = frame.to_csv(
        index=False,
        sep=";" if nordic else ",",
        decimal="," if nordic else ".",
        date_format="%d.%m.%Y" if nordic else "%Y-%m-%d",
        quoting=csv.QUOTE_MINIMAL,
        lineterminator="\r\n",
    )
    return text.encode("utf-8-sig")


def table_xlsx(chart: ChartData, caption: Caption, lang: str) -> bytes:
    """The table on its own sheet, and a second sheet with what it is: title, filters, source,
    date of export, demo label."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    frame = export_table(chart)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = translate("export.sheet_data", lang)[:31]
    sheet.append(list(frame.columns))
    for row in frame.itertuples(index=False):
        sheet.append([None if _is_missing(v) else v for v in row])
    for index, header in enumerate(frame.columns, start=1):
        width = max([len(str(header)), *(len(str(v)) for v in frame.iloc[:, index - 1])] or [8])
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 8), 60)
    sheet.freeze_panes = "A2"
    about = workbook.create_sheet(translate("export.sheet_about", lang)[:31])
    for key, value in (
        ("export.about_title", caption.title),
        ("export.about_filters", caption.filters),
        ("export.about_source", caption.source),
        ("export.about_exported", caption.exported),
        ("export.about_demo", caption.demo or ""),
    ):
        about.append([translate(key, lang), neutralise(value)])
    about.column_dimensions["A"].width = 18
    about.column_dimensions["B"].width = 90
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _is_missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and value != value)


# --- the seminar deck as one PDF --------------------------------------------------------------

DECK_PAGE_PX = (1600, 900)  # 16:9, as the projector shows it
DECK_HEADER_PX = 150
PT_PER_PX = 0.75  # Chromium prints a CSS pixel as 0.75 pt


def deck_pdf(frames: Frames) -> bytes:
    """The seminar deck, one PDF page per slide, in the order presentation mode shows it: each
    page a header (slide title, filters, source, date, demo label, slide number) above the
    slide's one or two charts, drawn as vectors and merged onto the page with pypdf."""
    from pypdf import PageObject, PdfWriter

    slides = deck_slides(frames)
    writer = PdfWriter()
    width, height = DECK_PAGE_PX
    chart_height = height - DECK_HEADER_PX
    for number, slide in enumerate(slides or [None], start=1):
        page = PageObject.create_blank_page(width=width * PT_PER_PX, height=height * PT_PER_PX)
        header = _deck_header(frames, slide, number=number, total=len(slides))
        _place(page, _pdf_page(header, width, DECK_HEADER_PX), x=0, y=chart_height)
        charts = _slide_charts(frames, slide) if slide else []
        slot = width // max(len(charts), 1)
        for index, chart in enumerate(charts):
            figure = _deck_chart_figure(chart, width=slot, height=chart_height)
            _place(page, _pdf_page(figure, slot, chart_height), x=index * slot, y=0)
        writer.add_page(page)
    writer.add_metadata({"/Title": translate("export.deck_title", frames.lang)})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _slide_charts(frames: Frames, slide: Slide) -> list[ChartData]:
    from dashboard import charts

    slide_frames = frames_for_slide(frames, slide)
    built = [charts.build(chart_id, slide_frames) for chart_id in slide.chart_ids]
    return [chart for chart in built if chart is not None]


def _deck_header(frames: Frames, slide: Slide | None, *, number: int, total: int) -> go.Figure:
    state, lang = frames.state, frames.lang
    caption = caption_for(
        state,
        title=slide.title if slide else translate("present.empty", lang),
        area=slide.section if slide else DataArea.EFFECT_GOALS,
        as_of=frames.as_of,
    )
    figure = go.Figure()
    figure.update_xaxes(visible=False)
    figure.update_yaxes(visible=False)
    figure.update_layout(margin={"t": 0, "b": 0, "l": 0, "r": 0})
    lines = [
        (f"<b>{html.escape(caption.title)}</b>", 0.80, 26),
        (html.escape(caption.filters), 0.45, 16),
        (html.escape(caption.footer), 0.17, 13),
    ]
    for text, y, size in lines:
        figure.add_annotation(
            text=text, x=0.02, y=y, xref="paper", yref="paper", xanchor="left",
            showarrow=False, font={"size": size},
        )  # fmt: skip
    if total:
        figure.add_annotation(
            text=translate("present.slide_of", lang, number=number, total=total),
            x=0.98, y=0.17, xref="paper", yref="paper", xanchor="right", showarrow=False,
            font={"size": 13},
        )  # fmt: skip
    return figure


def _deck_chart_figure(chart: ChartData, *, width: int, height: int) -> go.Figure:
    figure = _drawable(chart)
    figure.update_layout(
        width=width,
        height=height,
        autosize=False,
        title={"text": f"<b>{html.escape(chart.title)}</b>", "x": 0.02, "font": {"size": 18}},
        margin={"t": 90, "b": 80, "l": 32, "r": 32},
    )
    return figure


def _pdf_page(figure: go.Figure, width: int, height: int):
    from pypdf import PdfReader

    data = image_renderer.render(figure.to_dict(), fmt="pdf", width=width, height=height)
    return PdfReader(io.BytesIO(data)).pages[0]


def _place(page, source, *, x: float, y: float) -> None:
    """Draw a one-page PDF onto the slide page, (x, y) in pixels from the bottom left."""
    from pypdf import Transformation

    page.merge_transformed_page(source, Transformation().translate(x * PT_PER_PX, y * PT_PER_PX))
