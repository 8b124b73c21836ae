"""The project's one plotly template and the colours and symbols of statuses.

The palette is Okabe–Ito (readable for the common kinds of colour blindness), darkened where
needed so every colour keeps at least 3:1 contrast against the white background. A status is
always an icon + a word + a colour, never a colour alone.
"""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

TEMPLATE_NAME = "kommune"

# Okabe–Ito, in an order where neighbours differ in lightness too.
PALETTE = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green (3.4:1 on white)
    "#CC79A7",  # reddish purple
    "#8A6D00",  # dark yellow (yellow itself is 1.5:1 on white)
    "#56B4E9",  # sky blue (for fills beside darker lines)
    "#000000",
)
MEASURED_COLOUR = "#0072B2"
ESTIMATED_COLOUR = "#D55E00"
TARGET_COLOUR = "#333333"
BASELINE_COLOUR = "#767676"  # 4.5:1 on white
FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
TEXT_COLOUR = "#1a1a1a"

# Status: colour (≥ 3:1 on white), icon, and the catalogue key of its word.
STATUS_STYLE: dict[str, tuple[str, str]] = {
    "met": ("#006B3C", "✔"),
    "on_track": ("#009E73", "●"),
    "at_risk": ("#B35900", "▲"),
    "off_track": ("#C0392B", "✖"),
    "no_data": ("#767676", "–"),
}

# Service-review outcomes, in the order they are stacked.
OUTCOME_STYLE: dict[str, tuple[str, str]] = {
    "delivered_on_time": ("#009E73", "✔"),
    "delivered_late": ("#0072B2", "◐"),
    "pending": ("#767676", "○"),
    "late": ("#C0392B", "✖"),
}


# The template as plain data: every figure carries it in `layout.template` (figures are plain
# dicts, dashboard/figures.py), and plotly gets it as its default for what it draws itself (an
# export dressed with plotly's helpers). Shared by every figure: never changed in place.
TEMPLATE: dict = {
    "layout": {
        "font": {"family": FONT_FAMILY, "size": 15, "color": TEXT_COLOUR},
        "title": {"font": {"size": 18}, "x": 0, "xanchor": "left"},
        "colorway": list(PALETTE),
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "margin": {"l": 16, "r": 16, "t": 56, "b": 16},
        "xaxis": {
            "gridcolor": "#e5e5e5",
            "linecolor": "#595959",
            "ticks": "outside",
            "automargin": True,
            "zeroline": False,
            # "31 500", never plotly's SI "31.5k", which no Nordic reader writes.
            "exponentformat": "none",
            "separatethousands": True,
        },
        "yaxis": {
            "gridcolor": "#e5e5e5",
            "linecolor": "#595959",
            "automargin": True,
            "zeroline": False,
            # "31 500", never plotly's SI "31.5k", which no Nordic reader writes.
            "exponentformat": "none",
            "separatethousands": True,
        },
        "legend": {
            "orientation": "h",
            "yanchor": "bottom",
            "y": 1.0,
            "xanchor": "left",
            "x": 0,
            "traceorder": "normal",
        },
        "hoverlabel": {"font": {"family": FONT_FAMILY, "size": 14}},
    }
}

# Checked by plotly once, here: a misspelt property fails at import, not in the browser.
pio.templates[TEMPLATE_NAME] = go.layout.Template(TEMPLATE)
pio.templates.default = TEMPLATE_NAME
