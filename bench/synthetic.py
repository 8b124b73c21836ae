"""A national-scale synthetic dataset, written through the project's own models and migrations.

Many organisations (municipalities), each with the same shape as the demo: sectors, core areas,
effect goals with indicators and yearly values (some years missing), theories of change, a
service review per unit and year, and minuttjakt processes with monthly measured and estimated
hours. Sizes are set by the number of indicator values and savings rows; the number of
organisations follows. Deterministic (one seeded `random.Random`).
"""

from __future__ import annotations

import datetime as dt
import math
import random
import time
from dataclasses import dataclass

from sqlalchemy import Engine, func, insert, select

from dashboard import models as m
from dashboard.ingest.demo import norway

# Every synthetic organisation has the Norwegian demo's sectors (Sandnes' tjenesteområder).
SECTORS = norway.SECTORS
CORE_AREAS_PER_SECTOR = 3
GOALS_PER_CORE_AREA = 2
INDICATORS_PER_GOAL = 3
UNITS_PER_SECTOR = 8
PROCESSES_PER_SECTOR = 7
FIRST_YEAR, LAST_YEAR = 2007, 2025
REVIEW_YEARS = range(2021, 2026)
BATCH = 20_000


@dataclass(frozen=True)
class Size:
    indicator_values: int
    savings_rows: int

    @property
    def organisations(self) -> int:
        per_org_values = (
            (len(SECTORS) * CORE_AREAS_PER_SECTOR * GOALS_PER_CORE_AREA * INDICATORS_PER_GOAL)
            * (LAST_YEAR - FIRST_YEAR + 1)
            * 0.9
        )
        return max(1, math.ceil(self.indicator_values / per_org_values))

    @property
    def months_per_process(self) -> int:
        processes = self.organisations * len(SECTORS) * PROCESSES_PER_SECTOR
        return max(1, math.ceil(self.savings_rows / processes / 2))  # measured + estimated


DEFAULT = Size(indicator_values=1_000_000, savings_rows=5_000_000)
QUICK = Size(indicator_values=50_000, savings_rows=200_000)


def org_code(i: int) -> str:
    return f"kommune-{i:03d}"


def _insert(conn, table, rows: list[dict]) -> None:
    for start in range(0, len(rows), BATCH):
        conn.execute(insert(table), rows[start : start + BATCH])


def generate(engine: Engine, size: Size, *, seed: int = 7, log=print) -> dict[str, int]:
    """Write the dataset; returns the row counts. The database must be migrated and empty."""
    rng = random.Random(seed)
    started = time.perf_counter()
    counts = {"indicator_value": 0, "savings_record": 0}
    months = _month_starts(size.months_per_process)
    for o in range(size.organisations):
        with engine.begin() as conn:
            org_id = conn.execute(
                insert(m.Organisation)
                .values(code=org_code(o), name=f"Kommune {o:03d}", is_demo=False)
                .returning(m.Organisation.id)
            ).scalar_one()
            counts["indicator_value"] += _effect_goals(conn, rng, org_id)
            unit_ids, sector_ids = _units(conn, org_id)
            _service_review(conn, rng, unit_ids)
            counts["savings_record"] += _savings(conn, rng, org_id, sector_ids, months)
        if o % 25 == 0 or o == size.organisations - 1:
            log(
                f"  organisation {o + 1}/{size.organisations}: "
                f"{counts['indicator_value']:,} indicator values, "
                f"{counts['savings_record']:,} savings rows, {time.perf_counter() - started:.0f} s"
            )
    with engine.connect() as conn:
        for table in (m.IndicatorValue, m.SavingsRecord, m.ServiceReviewTask, m.Indicator):
            counts[table.__tablename__] = conn.execute(
                select(func.count()).select_from(table)
            ).scalar_one()
    return counts


def _month_starts(n: int) -> list[dt.date]:
    end = dt.date(LAST_YEAR, 12, 1)
    out = []
    year, month = end.year, end.month
    for _ in range(n):
        out.append(dt.date(year, month, 1))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return sorted(out)


def _effect_goals(conn, rng: random.Random, org_id: int) -> int:
    sector_rows = [{"organisation_id": org_id, "code": c, "name": n} for c, n in SECTORS]
    sector_ids = [
        conn.execute(insert(m.Sector).values(**row).returning(m.Sector.id)).scalar_one()
        for row in sector_rows
    ]
    values: list[dict] = []
    steps_links = []
    for s, sector_id in enumerate(sector_ids):
        for a in range(CORE_AREAS_PER_SECTOR):
            area_id = conn.execute(
                insert(m.CoreArea).values(
                    organisation_id=org_id, code=f"area-{s}-{a}", name=f"Kjerneområde {s}.{a}",
                    introduced_budget_year=2011 + a, is_cross_cutting=False,
                ).returning(m.CoreArea.id)
            ).scalar_one()  # fmt: skip
            conn.execute(
                insert(m.core_area_sector).values(core_area_id=area_id, sector_id=sector_id)
            )
            for g in range(GOALS_PER_CORE_AREA):
                goal_id = conn.execute(
                    insert(m.EffectGoal).values(
                        organisation_id=org_id, core_area_id=area_id, code=f"goal-{s}-{a}-{g}",
                        adopted_budget_year=2012, text=f"Effektmål {s}.{a}.{g}",
                    ).returning(m.EffectGoal.id)
                ).scalar_one()  # fmt: skip
                steps_links.append(goal_id)
                for i in range(INDICATORS_PER_GOAL):
                    higher = rng.random() < 0.6
                    baseline = rng.uniform(20, 80)
                    target = baseline * (1.2 if higher else 0.8)
                    indicator_id = conn.execute(
                        insert(m.Indicator).values(
                            organisation_id=org_id, effect_goal_id=goal_id,
                            code=f"ind-{s}-{a}-{g}-{i}", name=f"Indikator {s}.{a}.{g}.{i}",
                            unit_of_measure="%", direction="higher" if higher else "lower",
                            baseline_value=baseline, baseline_year=FIRST_YEAR,
                            target_value=target, target_year=LAST_YEAR + 1,
                        ).returning(m.Indicator.id)
                    ).scalar_one()  # fmt: skip
                    pace = rng.uniform(-0.2, 1.2)
                    for year in range(FIRST_YEAR, LAST_YEAR + 1):
                        if rng.random() < 0.1:
                            continue  # a missing year is a missing row
                        share = (year - FIRST_YEAR) / (LAST_YEAR + 1 - FIRST_YEAR) * pace
                        values.append(
                            {
                                "indicator_id": indicator_id,
                                "period": year,
                                "value": round(baseline + (target - baseline) * share, 1),
                            }
                        )
    _insert(conn, m.IndicatorValue.__table__, values)
    steps = []
    for goal_id in steps_links:
        steps += [
            {"effect_goal_id": goal_id, "code": "t1", "kind": "intervention", "text": "Tiltak",
             "position": 1},
            {"effect_goal_id": goal_id, "code": "r1", "kind": "intermediate_result",
             "text": "Delresultat", "position": 2},
            {"effect_goal_id": goal_id, "code": "e1", "kind": "effect", "text": "Effekt",
             "position": 3},
        ]  # fmt: skip
    _insert(conn, m.ChangeStep.__table__, steps)
    return len(values)


def _units(conn, org_id: int) -> tuple[list[int], list[int]]:
    sector_ids = list(
        conn.execute(
            select(m.Sector.id).where(m.Sector.organisation_id == org_id).order_by(m.Sector.id)
        ).scalars()
    )
    rows = [
        {"organisation_id": org_id, "sector_id": sid, "code": f"unit-{s}-{u}",
         "name": f"Enhet {s}.{u}"}
        for s, sid in enumerate(sector_ids)
        for u in range(UNITS_PER_SECTOR)
    ]  # fmt: skip
    _insert(conn, m.Unit.__table__, rows)
    unit_ids = list(
        conn.execute(select(m.Unit.id).where(m.Unit.organisation_id == org_id)).scalars()
    )
    return unit_ids, sector_ids


PARTS = ("internal_control", "budget_operating", "budget_investment", "renewal_need")
DEADLINES = {"internal_control": (6, 30), "budget_operating": (8, 31),
             "budget_investment": (8, 31), "renewal_need": (8, 31)}  # fmt: skip


def _service_review(conn, rng: random.Random, unit_ids: list[int]) -> None:
    rows = []
    for unit_id in unit_ids:
        for year in REVIEW_YEARS:
            for part in PARTS:
                deadline = dt.date(year, *DEADLINES[part])
                roll = rng.random()
                status = (
                    "submitted" if roll < 0.8 else "in_progress" if roll < 0.9 else ("not_started")
                )
                submitted = (
                    deadline + dt.timedelta(days=rng.randint(-20, 15))
                    if (status == "submitted")
                    else None
                )
                rows.append(
                    {"unit_id": unit_id, "year": year, "part": part, "deadline": deadline,
                     "status": status, "submitted_on": submitted,
                     "amount_nok": rng.randint(1, 50) * 100_000 if part.startswith("budget")
                     else None}
                )  # fmt: skip
    _insert(conn, m.ServiceReviewTask.__table__, rows)


def _savings(conn, rng, org_id: int, sector_ids: list[int], months: list[dt.date]) -> int:
    kinds, stages = ("automate", "simplify", "remove"), ("idea", "in_development", "in_production")
    rows = []
    for s, sector_id in enumerate(sector_ids):
        for p in range(PROCESSES_PER_SECTOR):
            process_id = conn.execute(
                insert(m.SavingsProcess).values(
                    organisation_id=org_id, sector_id=sector_id, code=f"proc-{s}-{p}",
                    name=f"Prosess {s}.{p}", kind=kinds[p % 3], stage=stages[p % 3],
                    go_live=months[0],
                ).returning(m.SavingsProcess.id)
            ).scalar_one()  # fmt: skip
            per_month = rng.uniform(2, 40)
            for month in months:
                rows.append({"process_id": process_id, "period": month, "basis": "measured",
                             "hours": round(per_month * rng.uniform(0.7, 1.3), 1),
                             "runs": rng.randint(10, 400)})  # fmt: skip
                rows.append({"process_id": process_id, "period": month, "basis": "estimated",
                             "hours": round(per_month * 0.4, 1), "runs": None})  # fmt: skip
    _insert(conn, m.SavingsRecord.__table__, rows)
    return len(rows)
