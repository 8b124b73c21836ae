"""A small dataset whose numbers are worked out by hand in the comments (used by query,
figure and page tests).

Organisation `test` ("Testkommune"), sectors S1 "Skole" and S2 "Helse"; core areas A (S1),
B (S2) and X (cross-cutting: S1 and S2).

Effect goals (status as of 2022):
- G1 (A), indicator I1 higher-is-better, baseline 50 (2018) → target 70 (2024); values 2018: 50,
  2019: 54, 2021: 60, 2022: 62 (2020 missing). a = (62−50)/(70−50) = 0.6; e = 4/6 = 0.667;
  0.6 ≥ 0.567 → on_track.
- G1 (A), indicator I2 lower-is-better, baseline 20 (2018) → target 10 (2024); values 2020: 22,
  2022: 21. a = (21−20)/(10−20) = −0.1 → off_track. G1 rolls up to off_track.
- G2 (B), indicator I3 higher, baseline 10 (2019) → target 20 (2022); 2022: 21 → a = 1.1 → met.
- G3 (X), indicator I4 with no values → no_data.

Service review 2021 (as of 2021-12-31): U1 (S1) internal_control submitted 20.06 (deadline 30.06,
on time); U1 budget_operating submitted 05.09 (deadline 31.08, late), 1 000 000 kr; U2 (S2)
internal_control not_started (late); U2 budget_investment in_progress (late), 5 000 000 kr.

Minuttjakt: P1 automate in S1, measured 2020-01 10 h (100 runs), 2020-02 20 h (150 runs),
2021-01 7 h; estimated 2020-03 4 h. P2 simplify in S2, estimated 2020-03 5 h. Goal 2020: 100 h
for the municipality, 40 h for S1 (30 / 40 = 75 % reached); S2 has no goal of its own (its view
says so, never shows the 100 h).
So 2020: measured 30 h, estimated 9 h (S1: 30 measured + 4 estimated; S2: 5 estimated).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine, select

from dashboard.db import session_scope
from dashboard.models import (
    Base,
    ChangeLink,
    ChangeStep,
    CoreArea,
    EffectGoal,
    Indicator,
    IndicatorValue,
    Organisation,
    SavingsGoal,
    SavingsProcess,
    SavingsRecord,
    Sector,
    ServiceReviewTask,
    Unit,
)

ORG = "test"


def load_small_fixture(engine: Engine) -> None:
    with session_scope(engine) as s:
        org = Organisation(code=ORG, name="Testkommune", is_demo=False)
        s.add(org)
        s.flush()
        s1 = Sector(organisation=org, code="S1", name="Skole")
        s2 = Sector(organisation=org, code="S2", name="Helse")
        area_a = CoreArea(organisation_id=org.id, code="A", name="Læring", sectors=[s1])
        area_b = CoreArea(organisation_id=org.id, code="B", name="Sundhed", sectors=[s2])
        area_x = CoreArea(organisation_id=org.id, code="X", name="Integration", sectors=[s1, s2],
                          is_cross_cutting=True)
        s.add_all([s1, s2, area_a, area_b, area_x])
        s.flush()
        g1 = EffectGoal(organisation_id=org.id, core_area=area_a, code="G1",
                        adopted_budget_year=2012, text="Flere elever lærer mer")
        g2 = EffectGoal(organisation_id=org.id, core_area=area_b, code="G2",
                        adopted_budget_year=2012, text="Flere er sunde")
        g3 = EffectGoal(organisation_id=org.id, core_area=area_x, code="G3",
                        adopted_budget_year=2013, text="Flere er i arbeid")
        s.add_all([g1, g2, g3])
        s.flush()

        def indicator(goal, code, name, direction, baseline, target):
            return Indicator(organisation_id=org.id, goal=goal, code=code, name=name,
                             unit_of_measure="%", direction=direction, baseline_value=baseline[0],
                             baseline_year=baseline[1], target_value=target[0],
                             target_year=target[1])

        i1 = indicator(g1, "I1", "Andel som mestrer lesing", "higher", (50, 2018), (70, 2024))
        i2 = indicator(g1, "I2", "Fravær", "lower", (20, 2018), (10, 2024))
        i3 = indicator(g2, "I3", "Andel fysisk aktive", "higher", (10, 2019), (20, 2022))
        i4 = indicator(g3, "I4", "Sysselsetting", "higher", (60, 2020), (70, 2025))
        s.add_all([i1, i2, i3, i4])
        s.flush()
        values = [(i1, 2018, 50), (i1, 2019, 54), (i1, 2021, 60), (i1, 2022, 62),
                  (i2, 2020, 22), (i2, 2022, 21), (i3, 2022, 21)]
        s.add_all([IndicatorValue(indicator=i, period=p, value=v,
                                  comment="Ny metode" if (i, p) == (i1, 2021) else None)
                   for i, p, v in values])
        steps = [
            ChangeStep(goal=g1, code="T1", kind="intervention", text="Lesekurs", position=1),
            ChangeStep(goal=g1, code="T2", kind="intervention", text="Leksehjelp", position=2),
            ChangeStep(goal=g1, code="R1", kind="intermediate_result", text="Mer lesing",
                       position=3),
            ChangeStep(goal=g1, code="E1", kind="effect", text="Flere elever lærer mer",
                       position=4),
        ]
        s.add_all(steps)
        s.flush()
        s.add_all([
            ChangeLink(from_step_id=steps[0].id, to_step_id=steps[2].id,
                       assumption="Foreldre deltar"),
            ChangeLink(from_step_id=steps[1].id, to_step_id=steps[2].id),
            ChangeLink(from_step_id=steps[2].id, to_step_id=steps[3].id),
        ])
        u1 = Unit(organisation_id=org.id, sector=s1, code="U1", name="Sentrum skole")
        u2 = Unit(organisation_id=org.id, sector=s2, code="U2", name="Hjemmetjenesten")
        s.add_all([u1, u2])
        s.flush()
        june, august = dt.date(2021, 6, 30), dt.date(2021, 8, 31)
        s.add_all([
            ServiceReviewTask(unit=u1, year=2021, part="internal_control", deadline=june,
                              status="submitted", submitted_on=dt.date(2021, 6, 20)),
            ServiceReviewTask(unit=u1, year=2021, part="budget_operating", deadline=august,
                              status="submitted", submitted_on=dt.date(2021, 9, 5),
                              amount_nok=1_000_000),
            ServiceReviewTask(unit=u2, year=2021, part="internal_control", deadline=june,
                              status="not_started"),
            ServiceReviewTask(unit=u2, year=2021, part="budget_investment", deadline=august,
                              status="in_progress", amount_nok=5_000_000),
        ])
        p1 = SavingsProcess(organisation_id=org.id, sector=s1, unit_id=u1.id, code="P1",
                            name="Fakturakontroll", kind="automate", stage="in_production",
                            go_live=dt.date(2019, 12, 1))
        p2 = SavingsProcess(organisation_id=org.id, sector=s2, code="P2", name="Vaktplan",
                            kind="simplify", stage="in_development")
        s.add_all([p1, p2])
        s.flush()
        s.add_all([
            SavingsRecord(process=p1, period=dt.date(2020, 1, 1), hours=10, basis="measured",
                          runs=100),
            SavingsRecord(process=p1, period=dt.date(2020, 2, 1), hours=20, basis="measured",
                          runs=150),
            SavingsRecord(process=p1, period=dt.date(2021, 1, 1), hours=7, basis="measured",
                          runs=40),
            SavingsRecord(process=p1, period=dt.date(2020, 3, 1), hours=4, basis="estimated"),
            SavingsRecord(process=p2, period=dt.date(2020, 3, 1), hours=5, basis="estimated"),
            SavingsGoal(organisation_id=org.id, year=2020, hours=100),
            SavingsGoal(organisation_id=org.id, year=2020, hours=40, sector_id=s1.id),
        ])


def dump(engine: Engine, skip: tuple[str, ...] = ()) -> dict[str, list[tuple]]:
    """Every row of every table, in primary-key order: "the database is unchanged" is
    dump(engine) == before."""
    with engine.connect() as conn:
        return {
            table.name: [
                tuple(row)
                for row in conn.execute(select(table).order_by(*table.primary_key.columns))
            ]
            for table in Base.metadata.sorted_tables
            if table.name not in skip
        }
