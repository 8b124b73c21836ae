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
import math
import re
import textwrap
import unicodedata
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from dashboard import figures, image_renderer, theme
from dashboard.charts import ChartData, Frames
from dashboard.deck import AGENDA, Slide, agenda, deck_slides, frames_for_slide
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


def file_name(stem: str, fmt: str, as_of: dt.date, *, scale: int | None = None) -> str:
    """`effektmal_oppvekst-skole_2025_2026-05-12_2x.png`: what, for whom, which year, exported
    when, and for a PNG its scale (1×, 2× and 4× are different files). The stem is made a safe
    slug whatever codes it holds (a code stored before codes were checked may hold a quote, a
    slash or a line break, which a header must not carry)."""
    suffix = f"_{scale}x" if fmt == "png" and scale else ""
    return f"{safe_slug(stem)}_{as_of.isoformat()}{suffix}.{fmt}"


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
    organisation: str = ""
    lang: str = "nb"
    source_name: str = ""  # the source without its label ("Demo kommune, styringsdashboard")
    exported_on: dt.date | None = None

    @property
    def footer(self) -> str:
        return " · ".join(p for p in (self.source, self.exported, self.demo) if p)


def caption_for(
    state: ViewState, *, title: str, area: str, as_of: dt.date, source_note: str = ""
) -> Caption:
    """`source_note`: the official statistics a chart draws ("Kilde: Statistisk sentralbyrå,
    tabell 12134"), printed with the source as the licence asks."""
    lang = state.lang
    organisation = next(
        (o["name"] for o in state.organisations if o["code"] == state.filters.organisation), ""
    )
    return Caption(
        title=title,
        filters=describe_filters(state, area=area),
        source=" · ".join(
            p
            for p in (translate("export.source", lang, organisation=organisation), source_note)
            if p
        ),
        exported=translate("export.exported", lang, date=format_date(as_of, lang)),
        demo=translate("export.demo_label", lang) if state.is_demo else None,
        organisation=organisation,
        lang=lang,
        source_name=" · ".join(
            p
            for p in (translate("export.source_name", lang, organisation=organisation), source_note)
            if p
        ),
        exported_on=as_of,
    )


SNAPSHOT_SIDE_PX = 24 + 32  # the plot's left and right margins


def _plot_height(chart: ChartData) -> int:
    if chart.figure is None:
        return 420
    layout = chart.figure["layout"]
    meta = layout.get("meta")
    if isinstance(meta, dict) and meta.get("svg_width"):
        # A drawing (the theory of change): as tall as the snapshot's width makes it.
        width = SNAPSHOT_WIDTH - SNAPSHOT_SIDE_PX
        return round(width * meta["svg_height"] / meta["svg_width"]) + 16
    return int(layout.get("height") or 420)


def _axis(figure: dict, name: str) -> dict:
    return figure["layout"].get(name) or {}


# Text sizes on a snapshot (px) and the share of a font size a character is wide on average
# (generous for Liberation Sans/Arial, whose average is about 0.5): what the margins are
# reserved from, so the title, legend, axis titles and footer each get their own band.
TITLE_PX, SUBTITLE_PX, FOOTER_FONT_PX, AXIS_FONT_PX, NOTE_FONT_PX = 22, 15, 13, 15, 15
CHAR_EM = 0.56
LINE = 1.3  # line height as a multiple of the font size
TITLE_TOP_PX = 10


@dataclass(frozen=True)
class Margins:
    top: int
    bottom: int
    left: int
    axis: int  # the part of `bottom` the x-axis's tick labels and title take
    legend_rows: int
    note: int = 0  # the part of `bottom` the written assessment takes, below the axis


def _lines(text: object) -> int:
    return str(text or "").count("<br>") + 1 if text else 0


def _text_width(text: str, font_px: float) -> float:
    return len(re.sub(r"<[^>]+>", "", text)) * font_px * CHAR_EM


def snapshot_margins(chart: ChartData, caption: Caption) -> Margins:
    """The bands above and below the plot, from the text that goes in them: title and
    filters, the legend's rows (items laid out at the snapshot's width), the x-axis's tick
    labels and title, and the footer (wrapped at the snapshot's width)."""
    figure = chart.figure if chart.figure is not None and not chart.empty else None
    usable = SNAPSHOT_WIDTH - SNAPSHOT_SIDE_PX
    legend_rows = 0
    if figure is not None:
        traces = figure["data"]
        names = [t["name"] for t in traces if t.get("name") and t.get("showlegend") is not False]
        if len(names) > 1 or any(t.get("showlegend") for t in traces):
            rows, row = 1, 0.0
            for name in names:
                item = _text_width(name, AXIS_FONT_PX) + 50  # swatch and gap
                if row and row + item > usable:
                    rows, row = rows + 1, 0.0
                row += item
            legend_rows = rows
    title_lines = max(1, math.ceil(_text_width(caption.title, TITLE_PX) / usable))
    filter_lines = max(1, math.ceil(_text_width(caption.filters, SUBTITLE_PX) / usable))
    top = round(
        TITLE_TOP_PX + title_lines * TITLE_PX * LINE + 6 + filter_lines * SUBTITLE_PX * LINE + 16
    )
    top += legend_rows * round(AXIS_FONT_PX * LINE + 6)
    axis = 0
    if figure is not None and _axis(figure, "xaxis").get("visible") is not False:
        ticks = AXIS_FONT_PX * LINE * max(1, _max_tick_lines(figure)) + 10
        title = (_axis(figure, "xaxis").get("title") or {}).get("text")
        axis = round(ticks + (_lines(title) * AXIS_FONT_PX * LINE + 12 if title else 0))
    footer_lines = max(1, math.ceil(_text_width(caption.footer, FOOTER_FONT_PX) / usable))
    footer = round(footer_lines * FOOTER_FONT_PX * LINE + 16)
    # The assessment that goes with the figures: its (at most three) lines, under the axis.
    note = round(len(chart.note_lines) * NOTE_FONT_PX * LINE + 10) if chart.note else 0
    left = _left_margin(figure) if figure is not None else 24
    return Margins(
        top=max(top, 60),
        bottom=axis + note + footer,
        left=left,
        axis=axis,
        legend_rows=legend_rows,
        note=note,
    )


def _left_margin(figure: dict) -> int:
    """Room for the y-axis: its longest tick label (a bar's category name, or the widest
    number) and its title, turned on its side."""
    if _axis(figure, "yaxis").get("visible") is False:
        return 24
    labels: list[str] = []
    numbers: list[float] = []
    for trace in figure["data"]:
        values = trace.get("y")
        if values is None:
            continue
        for value in values:
            if isinstance(value, str):
                labels.append(value)
            elif isinstance(value, int | float) and value == value:
                numbers.append(abs(float(value)))
    widest = max((_text_width(label, AXIS_FONT_PX) for label in labels), default=0.0)
    if numbers:  # "12 500,5": digits, a thousands space and a decimal or two
        digits = len(f"{max(numbers):,.1f}")
        widest = max(widest, digits * AXIS_FONT_PX * CHAR_EM)
    title = (_axis(figure, "yaxis").get("title") or {}).get("text")
    return round(16 + widest + 10 + (AXIS_FONT_PX * LINE + 10 if title else 0))


def _max_tick_lines(figure: dict) -> int:
    """Lines of the longest x tick label (category labels may carry line breaks)."""
    ticktext = _axis(figure, "xaxis").get("ticktext") or ()
    labels = list(ticktext) or [
        label for trace in figure["data"] if trace.get("orientation") != "h"
        for label in (trace.get("x") or ()) if isinstance(label, str)
    ]  # fmt: skip
    return max((_lines(label) for label in labels), default=1)


def snapshot_size(chart: ChartData, caption: Caption | None = None) -> tuple[int, int]:
    if caption is None:
        return SNAPSHOT_WIDTH, _plot_height(chart) + HEADER_PX + FOOTER_PX
    margins = snapshot_margins(chart, caption)
    return SNAPSHOT_WIDTH, _plot_height(chart) + margins.top + margins.bottom


def _drawable(chart: ChartData) -> go.Figure:
    """The chart's figure as plotly's own object (a copy, checked against plotly's schema) to
    dress for export with plotly's helpers; an empty result becomes its sentence, not an empty
    axis."""
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
    label below. An empty result becomes its sentence, not an empty axis.

    Each text has a band of its own, reserved from its measured size (snapshot_margins): the
    title and filters, then the legend, above the plot; the x-axis's labels and title, then
    the footer, below it. The bottom margin is fixed (no automargin on the x-axis), so the
    footer's place below the axis title holds."""
    width, height = snapshot_size(chart, caption)
    margins = snapshot_margins(chart, caption)
    figure = _drawable(chart)
    plot_height = height - margins.top - margins.bottom
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
            "y": 1 - TITLE_TOP_PX / height,
            "yanchor": "top",
            "yref": "container",
            "font": {"size": 22},
        },
        margin={
            "t": margins.top,
            "b": margins.bottom,
            "l": margins.left,
            "r": 32,
            "autoexpand": False,
        },
    )
    if margins.axis:
        figure.update_xaxes(automargin=False, title_standoff=8)
    figure.update_yaxes(automargin=False)
    if margins.legend_rows:
        figure.update_layout(legend={"y": 1.0, "yanchor": "bottom", "font": {"size": AXIS_FONT_PX}})
    if chart.note:
        figure.add_annotation(
            text="<br>".join(html.escape(line) for line in chart.note_lines),
            xref="paper", yref="paper", x=0, y=-(margins.axis + 4) / plot_height,
            xanchor="left", yanchor="top", showarrow=False, align="left",
            font={"size": NOTE_FONT_PX, "color": theme.TEXT_COLOUR},
        )  # fmt: skip
    per_line = int((width - SNAPSHOT_SIDE_PX) / (FOOTER_FONT_PX * CHAR_EM))
    footer = "<br>".join(html.escape(line) for line in textwrap.wrap(caption.footer, per_line))
    figure.add_annotation(
        text=footer, xref="paper", yref="paper",
        x=1, y=-(margins.bottom - 6) / plot_height, xanchor="right", yanchor="bottom",
        showarrow=False, align="right", font={"size": FOOTER_FONT_PX, "color": theme.TEXT_COLOUR},
    )  # fmt: skip
    return figure


def render_snapshot(chart: ChartData, caption: Caption, *, fmt: str, scale: float = 1) -> bytes:
    """PNG and SVG drawn by kaleido; PDF printed in the warm print tab (one page the size of
    the snapshot), where pattern fills become vector hatching and the document information
    says what the chart is (kaleido's PDF is titled after its own page)."""
    width, height = snapshot_size(chart, caption)
    figure = snapshot_figure(chart, caption)
    if fmt != "pdf":
        return image_renderer.render(
            figure.to_dict(), fmt=fmt, width=width, height=height, scale=scale
        )
    import plotly.io as pio

    data = image_renderer.print_pages(
        title=caption.title,
        lang=caption.lang,
        css=f"@page {{ size: {width}px {height}px; margin: 0; }} html, body {{ margin: 0; }}"
        f" #chart {{ width: {width}px; height: {height}px; overflow: hidden; }}",
        body='<div id="chart"></div>',
        figures={"chart": pio.to_json(figure, validate=False)},
    )
    return with_pdf_metadata(data, caption)


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


# Number formats by what a column holds. Excel shows the separators of the reader's own locale
# (3 389 and 2,5 in Norwegian), so the codes are the neutral ones.
YEAR_COLUMNS = {"period", "year", "baseline_year", "latest_period", "target_year"}
MONEY_COLUMNS = {"amount_nok"}
FORMAT_YEAR = "0"
FORMAT_WHOLE = "#,##0"
FORMAT_DECIMAL = "#,##0.0"
FORMAT_PERCENT = '0.0" %"'  # 74,3 % stored as 74.3, the number the chart and the CSV show
FORMAT_MONEY = '#,##0" kr"'
FORMAT_DATE = {"en": "yyyy-mm-dd"}
FORMAT_DATE_NORDIC = "dd.mm.yyyy"


def _column_format(key: str, values: pd.Series, units: pd.Series | None, lang: str) -> list:
    """The number format of each cell of a column (None: leave it as text)."""
    if values.map(lambda v: isinstance(v, dt.date)).all() and len(values):
        return [FORMAT_DATE.get(lang, FORMAT_DATE_NORDIC)] * len(values)
    if not pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
        return [None] * len(values)
    if key in YEAR_COLUMNS:
        return [FORMAT_YEAR] * len(values)
    if key in MONEY_COLUMNS:
        return [FORMAT_MONEY] * len(values)
    present = values.dropna()
    whole = bool(len(present)) and bool((present == present.round()).all())
    formats = []
    for index in range(len(values)):
        unit = str(units.iloc[index]).strip() if units is not None else ""
        if unit == "%":
            formats.append(FORMAT_PERCENT)
        else:
            formats.append(FORMAT_WHOLE if whole else FORMAT_DECIMAL)
    return formats


def table_xlsx(chart: ChartData, caption: Caption, lang: str) -> bytes:
    """The table on its own sheet, as a budget analyst keeps it: numbers as numbers with a
    format by what they are (thousands, decimals, percent, kroner, years, dates as dates), a
    bold header row that stays in view, an autofilter; and a second sheet "Om dataene" with
    what it is: title, filters, source, date of export, demo label (each said once)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    frame = export_table(chart)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = translate("export.sheet_data", lang)[:31]
    sheet.append(list(frame.columns))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in frame.itertuples(index=False):
        sheet.append([None if _is_missing(v) else v for v in row])
    table = chart.table if chart.table is not None else pd.DataFrame()
    units = table["unit_of_measure"] if "unit_of_measure" in table else None
    for index, column in enumerate(chart.columns if not frame.empty else (), start=1):
        formats = _column_format(column.key, table[column.key], units, lang)
        for row_number, number_format in enumerate(formats, start=2):
            if number_format:
                sheet.cell(row=row_number, column=index).number_format = number_format
    for index, header in enumerate(frame.columns, start=1):
        width = max([len(str(header)), *(len(str(v)) for v in frame.iloc[:, index - 1])] or [8])
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 10), 60)
    sheet.freeze_panes = "A2"
    if len(frame.columns):
        last = get_column_letter(len(frame.columns))
        sheet.auto_filter.ref = f"A1:{last}{len(frame) + 1}"
    about = workbook.create_sheet(translate("export.sheet_about", lang)[:31])
    rows = [
        ("export.about_title", caption.title),
        ("export.about_filters", caption.filters),
        ("export.about_source", caption.source_name or caption.source),
        ("export.about_exported", caption.exported_on or caption.exported),
    ]
    if caption.demo:
        rows.append(("export.about_demo", caption.demo))
    for key, value in rows:
        about.append([translate(key, lang), neutralise(value)])
        about.cell(row=about.max_row, column=1).font = Font(bold=True)
        if isinstance(value, dt.date):
            about.cell(row=about.max_row, column=2).number_format = FORMAT_DATE.get(
                lang, FORMAT_DATE_NORDIC
            )
    about.column_dimensions["A"].width = 18
    about.column_dimensions["B"].width = 90
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _is_missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and value != value)


# --- the seminar deck as one PDF --------------------------------------------------------------

DECK_PAGE_PX = (1600, 900)  # 16:9, as the projector shows it
DECK_FONT_PX = 19  # the charts' type on a deck page (the view's is 15)
# The area a theory of change fills on a deck page with one chart (the page less its header,
# footer and padding): it is laid out for it, as on a slide.
DECK_DRAWING_PX = (1500, 640)
DECK_CSS = """
@page { size: 1600px 900px; margin: 0; }
html, body { margin: 0; padding: 0; }
body { font-family: "Liberation Sans", Arial, Helvetica, sans-serif; color: #1a1a1a;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.slide { width: 1600px; height: 900px; box-sizing: border-box; padding: 30px 48px 22px;
  display: flex; flex-direction: column; overflow: hidden; break-after: page; }
.slide:last-of-type { break-after: auto; }
h1 { font-size: 36px; line-height: 1.15; margin: 0 0 4px; }
.filters { font-size: 19px; color: #333; margin: 0 0 10px; }
.body { flex: 1; min-height: 0; display: flex; gap: 32px; }
.chart { flex: 1 1 0; min-width: 0; display: flex; flex-direction: column; }
h2 { font-size: 24px; margin: 2px 0 4px; }
.plot, .drawing { flex: 1; min-height: 0; }
.drawing svg { width: 100%; height: 100%; }
.summary { font-size: 16px; line-height: 1.3; margin: 6px 0 0; color: #222; }
.empty { font-size: 24px; }
footer { display: flex; justify-content: space-between; gap: 24px; font-size: 15px; color: #333;
  border-top: 1px solid #bbb; padding-top: 6px; margin-top: 8px; }
.agenda { list-style: none; padding: 0; margin: 0; columns: 2; column-gap: 56px; font-size: 19px; }
.agenda li { break-inside: avoid; display: flex; justify-content: space-between; gap: 16px;
  border-bottom: 1px dotted #999; padding: 2px 0; }
.agenda .level-0 { font-weight: 700; font-size: 22px; margin-top: 10px; }
.agenda .level-1 { font-weight: 700; padding-left: 12px; margin-top: 6px; }
.agenda .level-2 { padding-left: 28px; }
.agenda .number { white-space: nowrap; }
"""


def deck_pdf(frames: Frames, *, slides: list[Slide] | None = None) -> bytes:
    """The seminar deck as one PDF, one page per slide, in the order presentation mode shows
    it: the agenda, then each slide's title, filters, its one or two charts (vectors) and a
    footer with source, date, demo label and slide number.

    Made in one pass: one HTML document, every chart drawn by plotly.js in it, printed once by
    the warm Chromium (fonts embedded once). A plain function of the view's frames, so a
    background job can call it as the export route does. `slides`: a part of the deck (the
    presenter's choice, or a benchmark's), by default all of it."""
    lang = frames.lang
    slides = deck_slides(frames) if slides is None else slides
    body, drawn = deck_document(frames, slides)
    filters = describe_filters(frames.state, area=DataArea.EFFECT_GOALS)
    data = image_renderer.print_pages(
        title=f"{translate('export.deck_title', lang)} – {filters}",
        lang=lang,
        css=DECK_CSS,
        body=body,
        figures=drawn,
    )
    caption = caption_for(
        frames.state, title=translate("export.deck_title", frames.lang), area=DataArea.EFFECT_GOALS,
        as_of=frames.as_of,
    )  # fmt: skip
    return with_pdf_metadata(data, caption)


def deck_document(frames: Frames, slides: list[Slide]) -> tuple[str, dict[str, str]]:
    """The deck as HTML for the print CSS (one 1600 × 900 page per slide), and the figures to
    draw into it (plotly JSON by element id)."""
    lang, state = frames.lang, frames.state
    total = len(slides)
    figures_json: dict[str, str] = {}
    pages = []
    for number, slide in enumerate(slides or [None], start=1):
        caption = caption_for(
            state,
            title=slide.title if slide else translate("present.empty", lang),
            area=slide.section if slide and slide.section != AGENDA else DataArea.EFFECT_GOALS,
            as_of=frames.as_of,
        )
        if slide is None:
            body = f'<p class="empty">{_h(caption.title)}</p>'
        elif slide.section == AGENDA:
            body = _agenda_html(slides, lang)
        else:
            body = _slide_charts_html(frames, slide, number, figures_json)
        count = translate("present.slide_of", lang, number=number, total=total) if total else ""
        pages.append(
            f'<section class="slide"><h1>{_h(caption.title)}</h1>'
            f'<p class="filters">{_h(caption.filters)}</p>'
            f'<div class="body">{body}</div>'
            f"<footer><span>{_h(caption.footer)}</span><span>{_h(count)}</span></footer>"
            "</section>"
        )
    return "".join(pages), figures_json


def _h(text: object) -> str:
    return html.escape(str(text), quote=True)


def _agenda_html(slides: list[Slide], lang: str) -> str:
    items = "".join(
        f'<li class="level-{item.level}"><span>{_h(item.text)}</span>'
        f'<span class="number">{_h(translate("deck.slide_number", lang, number=item.slide))}'
        "</span></li>"
        for item in agenda(slides, lang)
    )
    return f'<ul class="agenda">{items}</ul>'


def _slide_charts_html(frames: Frames, slide: Slide, number: int, figures_json: dict) -> str:
    import plotly.io as pio

    slide_frames = frames_for_slide(frames, slide)
    parts = []
    for index, chart in enumerate(_slide_charts(frames, slide)):
        heading = f"<h2>{_h(chart.title)}</h2>" if chart.title != slide.title else ""
        note = f'<em class="assessment">{_h(" ".join(chart.note_lines))}</em>' if chart.note else ""
        # The official statistics' source line goes with its chart, as the licence asks.
        source = f" {_h(chart.source_note)}" if chart.source_note else ""
        summary = f'<p class="summary">{_h(chart.summary)} {note}{source}</p>'
        if chart.empty or chart.figure is None:
            content = f'<p class="empty">{_h(chart.summary)}</p>'
            summary = ""
        elif chart.chart_id == "theory-of-change":
            steps, links = slide_frames.theory_of_change(slide.goal)
            svg = figures.theory_of_change_svg(steps, links, lang=frames.lang, fit=DECK_DRAWING_PX)
            content = f'<div class="drawing">{_inline_svg(svg)}</div>'
        else:
            plot_id = f"plot-{number}-{index}"
            # A shallow copy: the chart's figure (and the template it shares) stays as it was.
            figure = dict(chart.figure)
            layout = figure["layout"] = dict(figure.get("layout", {}))
            for key in ("width", "height", "title"):
                layout.pop(key, None)
            layout["autosize"] = True
            layout["font"] = {**layout.get("font", {}), "size": DECK_FONT_PX}
            layout["margin"] = {"t": 40, "b": 24, "l": 24, "r": 24}
            figures_json[plot_id] = pio.to_json(figure, validate=False)
            content = f'<div class="plot" id="{plot_id}"></div>'
        parts.append(f'<div class="chart">{heading}{content}{summary}</div>')
    return "".join(parts)


def _inline_svg(svg: str) -> str:
    """Graphviz's SVG document as an element of the page, filling its box (the viewBox keeps
    its proportions)."""
    start = svg.index("<svg")
    element = svg[start:]
    return re.sub(
        r'<svg width="[^"]*" height="[^"]*"', '<svg width="100%" height="100%"', element, count=1
    )


def _slide_charts(frames: Frames, slide: Slide) -> list[ChartData]:
    from dashboard import charts

    slide_frames = frames_for_slide(frames, slide)
    built = [charts.build(chart_id, slide_frames) for chart_id in slide.chart_ids]
    return [chart for chart in built if chart is not None]


def with_pdf_metadata(data: bytes, caption: Caption) -> bytes:
    """The PDF with its document information saying what it is: the title, the organisation
    as author, the filters as subject, the export date (not the printing page's title)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.add_metadata(
        {
            "/Title": caption.title,
            "/Author": caption.organisation,
            "/Subject": caption.filters,
            "/Keywords": caption.footer,
            "/Creator": translate("export.creator", caption.lang),
            "/Producer": "Chromium",
            "/CreationDate": dt.datetime.now(dt.UTC).strftime("D:%Y%m%d%H%M%SZ"),
        }
    )
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
