"""The shapes a demo organisation is written in (`norway.py`, `denmark.py`); `dashboard.ingest.demo`
turns one into rows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from dashboard.models import Direction, ProcessKind, ProcessStage

HIGHER = Direction.HIGHER
LOWER = Direction.LOWER

# Intended outcome of a generated indicator, in the words of `dashboard.status`.
MET, ON_TRACK, AT_RISK, OFF_TRACK = "met", "on_track", "at_risk", "off_track"

AUTOMATE, SIMPLIFY, REMOVE = ProcessKind.AUTOMATE, ProcessKind.SIMPLIFY, ProcessKind.REMOVE
IDEA, IN_DEVELOPMENT = ProcessStage.IDEA, ProcessStage.IN_DEVELOPMENT
IN_PRODUCTION, RETIRED = ProcessStage.IN_PRODUCTION, ProcessStage.RETIRED

# Units whose values are shown with one decimal unless an indicator says otherwise.
ONE_DECIMAL_UNITS = ("%", "timer", "mill. kr", "mio. kr.")


class Ind(NamedTuple):
    """An indicator. Without `values` its series is generated to end in `outcome`."""

    name: str
    unit: str
    direction: Direction
    baseline: float
    baseline_year: int
    target: float
    target_year: int
    outcome: str
    values: dict[int, float] | None = None  # fixed yearly values (real follow-ups)
    gaps: tuple[int, ...] = ()  # years known to have no measurement
    comments: dict[int, str] | None = None
    decimals: int | None = None  # default: one for ONE_DECIMAL_UNITS, none otherwise


class Goal(NamedTuple):
    """An effect goal with its theory of change (the effect step is the goal text itself)."""

    core_area: str
    adopted: int
    text: str
    indicators: tuple[Ind, ...]
    # (text, indices of the intermediate results it leads to, critical assumption on the arrow)
    interventions: tuple[tuple[str, tuple[int, ...], str | None], ...]
    # (text, critical assumption on the arrow to the effect)
    results: tuple[tuple[str, str | None], ...]


class Proc(NamedTuple):
    """A minuttjakt process. Robots (automate) in production have measured runs; the others an
    estimate per month, since simplification gains "cannot be measured directly"."""

    code: str
    name: str
    sector: str
    unit: str | None
    kind: ProcessKind
    stage: ProcessStage
    go_live: str | None = None  # "YYYY-MM"
    minutes_per_run: float | None = None  # robots only
    runs_per_month: int | None = None  # robots only, at full volume in the go-live year
    estimated_hours: float | None = None  # estimated hours per month
    retired: str | None = None  # last month with records, "YYYY-MM"


@dataclass(frozen=True)
class DemoOrganisation:
    """One demo organisation, in its own language: what `load_demo` writes for it."""

    code: str
    name: str
    region_code: str | None
    # (code, name)
    sectors: tuple[tuple[str, str], ...]
    # (sector code, unit code, name): the units that each deliver a service review
    units: tuple[tuple[str, str, str], ...]
    # (code, name, introduced budget year, cross-cutting, sector codes)
    core_areas: tuple[tuple[str, str, int, bool, tuple[str, ...]], ...]
    goals: tuple[Goal, ...]
    processes: tuple[Proc, ...]
    # Comments units write on a late, an open and a renewal-need answer of the service review
    late_comments: tuple[str, ...]
    open_comments: tuple[str, ...]
    renewal_comments: tuple[str, ...]
    # (year, hours): the organisation's yearly goal for measured hours
    savings_goals: tuple[tuple[int, float], ...]
    # (sector, ((year, hours), ...)): the sectors that set their own goal
    sector_savings_goals: tuple[tuple[str, tuple[tuple[int, float], ...]], ...]
    # A real total the measured hours of 2020 are scaled to (Sandnes: 3 389), or None
    measured_hours_2020: int | None = None
