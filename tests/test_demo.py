"""The demo data: the facts from the seeds, its internal consistency, determinism and the load API.

Every test runs on SQLite and (with TEST_DATABASE_URL) on PostgreSQL through the `engine` fixture.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine, func, select, text
from sqlalchemy.engine import make_url

from dashboard.db import get_engine
from dashboard.ingest import demo
from dashboard.models import (
    ChangeLink,
    ChangeStep,
    ChangeStepKind,
    CoreArea,
    EffectGoal,
    Indicator,
    IndicatorValue,
    Organisation,
    ProcessKind,
    ProcessStage,
    ReviewPart,
    ReviewStatus,
    SavingsBasis,
    SavingsGoal,
    SavingsProcess,
    SavingsRecord,
    Sector,
    ServiceReviewTask,
    Unit,
    core_area_sector,
)
from dashboard.status import classify_indicator
from tests.small_fixture import dump


@pytest.fixture
def loaded(engine: Engine) -> Engine:
    demo.load_demo(engine)
    return engine


def _all(engine: Engine, stmt) -> list:
    with engine.connect() as conn:
        return list(conn.execute(stmt).all())


# --- Minuttjakt -------------------------------------------------------------------------------


NB, DK = demo.norway.CODE, demo.denmark.CODE


def _org_id(engine: Engine, code: str) -> int:
    return _all(engine, select(Organisation.id).where(Organisation.code == code))[0][0]


def _measured_hours(engine: Engine, year: int, org: str = NB) -> float:
    stmt = (
        select(func.sum(SavingsRecord.hours))
        .join(SavingsProcess, SavingsProcess.id == SavingsRecord.process_id)
        .join(Organisation, Organisation.id == SavingsProcess.organisation_id)
        .where(
            Organisation.code == org,
            SavingsRecord.basis == SavingsBasis.MEASURED,
            SavingsRecord.period >= dt.date(year, 1, 1),
            SavingsRecord.period < dt.date(year + 1, 1, 1),
        )
    )
    with engine.connect() as conn:
        return conn.execute(stmt).scalar_one()


def test_measured_hours_in_2020_are_exactly_sandnes_figure(loaded: Engine) -> None:
    assert _measured_hours(loaded, 2020) == 3389
    # The same in plain SQL, as a report writer would ask it.
    with loaded.connect() as conn:
        total = conn.execute(
            text(
                "SELECT SUM(r.hours) FROM savings_record r"
                " JOIN savings_process p ON p.id = r.process_id"
                " JOIN organisation o ON o.id = p.organisation_id"
                " WHERE o.code = :org AND r.basis = 'measured'"
                " AND r.period >= :start AND r.period < :end"
            ),
            {"org": NB, "start": dt.date(2020, 1, 1), "end": dt.date(2021, 1, 1)},
        ).scalar_one()
    assert total == 3389
    # The Danish demo has invented hours of its own, not Sandnes' figure.
    assert 0 < _measured_hours(loaded, 2020, DK) != 3389


@pytest.mark.parametrize("org", [NB, DK])
def test_measured_hours_grow_after_2020(loaded: Engine, org: str) -> None:
    totals = [_measured_hours(loaded, year, org) for year in range(2020, 2026)]
    assert totals == sorted(totals)
    assert totals[-1] >= 9_000  # 2025


def test_simplified_and_removed_processes_are_never_measured(loaded: Engine) -> None:
    rows = _all(
        loaded,
        select(SavingsProcess.kind, SavingsRecord.basis, func.count())
        .join(SavingsRecord, SavingsRecord.process_id == SavingsProcess.id)
        .group_by(SavingsProcess.kind, SavingsRecord.basis),
    )
    counts = {(str(kind), str(basis)): n for kind, basis, n in rows}
    assert counts.get(("simplify", "measured"), 0) == 0
    assert counts.get(("remove", "measured"), 0) == 0
    assert counts[("simplify", "estimated")] > 0
    assert counts[("remove", "estimated")] > 0
    assert counts[("automate", "measured")] > 0
    assert counts[("automate", "estimated")] > 0  # some robots also carry their estimate


@pytest.mark.parametrize("org", [NB, DK])
def test_savings_records_follow_the_process_stage(loaded: Engine, org: str) -> None:
    org_id = _org_id(loaded, org)
    processes = _all(
        loaded,
        select(SavingsProcess.id, SavingsProcess.stage, SavingsProcess.go_live).where(
            SavingsProcess.organisation_id == org_id
        ),
    )
    assert 20 <= len(processes) <= 30
    spans = {
        pid: (first, last)
        for pid, first, last in _all(
            loaded,
            select(
                SavingsRecord.process_id,
                func.min(SavingsRecord.period),
                func.max(SavingsRecord.period),
            ).group_by(SavingsRecord.process_id),
        )
    }
    stages = Counter(str(stage) for _, stage, _ in processes)
    assert set(stages) == {"idea", "in_development", "in_production", "retired"}
    for pid, stage, go_live in processes:
        if stage in (ProcessStage.IDEA, ProcessStage.IN_DEVELOPMENT):
            assert go_live is None and pid not in spans
        else:
            first, last = spans[pid]
            assert go_live == first and first.day == 1
            assert last <= dt.date(2026, 10, 1)
    measured_without_runs = _all(
        loaded,
        select(func.count()).where(
            SavingsRecord.basis == SavingsBasis.MEASURED, SavingsRecord.runs.is_(None)
        ),
    )
    assert measured_without_runs == [(0,)]
    goals = _all(
        loaded,
        select(SavingsGoal.year, SavingsGoal.hours)
        .where(SavingsGoal.sector_id.is_(None), SavingsGoal.organisation_id == org_id)
        .order_by(SavingsGoal.year),
    )
    assert [year for year, _ in goals] == list(range(2020, 2027))
    assert goals[0][1] == {NB: 3000, DK: 2500}[org]
    # Some sectors have goals of their own (Helse og velferd: 600 h in 2020, against its 472
    # measured hours), others none: their views say so.
    sector_goals = dict(
        _all(
            loaded,
            select(Sector.code, func.count())
            .join(SavingsGoal, SavingsGoal.sector_id == Sector.id)
            .where(Sector.organisation_id == org_id)
            .group_by(Sector.code),
        )
    )
    assert (
        set(sector_goals)
        == {
            NB: {"organisasjon", "helse-velferd", "byutvikling-teknisk", "oppvekst-skole"},
            DK: {"borgmester", "aeldre-handicap"},
        }[org]
    )
    if org == DK:
        return
    helse_2020 = _all(
        loaded,
        select(SavingsGoal.hours)
        .join(Sector, SavingsGoal.sector_id == Sector.id)
        .where(Sector.code == "helse-velferd", SavingsGoal.year == 2020),
    )
    assert helse_2020 == [(600,)]


# --- Sectors, core areas, goals ---------------------------------------------------------------


def test_sectors_units_and_core_areas(loaded: Engine) -> None:
    nb = _org_id(loaded, NB)
    sectors = dict(_all(loaded, select(Sector.id, Sector.name).where(Sector.organisation_id == nb)))
    assert sorted(sectors.values()) == sorted(
        [
            "Oppvekst skole",
            "Oppvekst barn og unge",
            "Helse og velferd",
            "Byutvikling og teknisk",
            "Kultur og næring",
            "Organisasjon",
        ]
    )
    units_per_sector = Counter(
        sid for (sid,) in _all(loaded, select(Unit.sector_id).where(Unit.organisation_id == nb))
    )
    assert set(units_per_sector) == set(sectors)
    assert all(3 <= n <= 6 for n in units_per_sector.values())
    assert ("Digitalisering",) in _all(
        loaded,
        select(Unit.name)
        .join(Sector, Sector.id == Unit.sector_id)
        .where(Sector.name == "Organisasjon"),
    )

    links = _all(
        loaded,
        select(core_area_sector.c.core_area_id, core_area_sector.c.sector_id).where(
            core_area_sector.c.sector_id.in_(sectors)
        ),
    )
    assert {sector for _, sector in links} == set(sectors)  # every sector has a core area
    sectors_of: dict[int, int] = Counter(area for area, _ in links)
    areas = _all(
        loaded,
        select(
            CoreArea.id, CoreArea.name, CoreArea.is_cross_cutting, CoreArea.introduced_budget_year
        ).where(CoreArea.organisation_id == nb),
    )
    assert 12 <= len(areas) <= 16
    for area_id, name, cross, year in areas:
        assert year in (2011, 2012, 2013)
        assert (2 <= sectors_of[area_id] <= 3) if cross else sectors_of[area_id] == 1, name
    assert {name for _, name, cross, _ in areas if cross} == {"Helse og trivsel", "Integrering"}


def test_the_danish_demo_is_odense_s_forvaltninger_in_danish(loaded: Engine) -> None:
    dk = _org_id(loaded, DK)
    sectors = dict(_all(loaded, select(Sector.id, Sector.name).where(Sector.organisation_id == dk)))
    assert sorted(sectors.values()) == [
        "Borgmesterforvaltningen",
        "By- og Kulturforvaltningen",
        "Børn- og Ungeforvaltningen",
        "Social- og Arbejdsmarkedsforvaltningen",
        "Ældre- og Handicapforvaltningen",
    ]
    links = _all(
        loaded,
        select(core_area_sector.c.sector_id).where(core_area_sector.c.sector_id.in_(sectors)),
    )
    assert {sector for (sector,) in links} == set(sectors)  # every forvaltning has a kerneområde
    areas = _all(
        loaded,
        select(CoreArea.name, CoreArea.is_cross_cutting).where(CoreArea.organisation_id == dk),
    )
    names = {name for name, _ in areas}
    assert {"Læring og Udvikling", "Ledige", "Sygedagpengemodtagere", "Plejeboliger"} <= names
    assert {name for name, cross in areas if cross} == {"Sundhed og trivsel", "Integration"}

    # Each organisation in its own language: no goal, indicator or unit text is shared.
    def texts(org_id: int) -> set[str]:
        goals = _all(loaded, select(EffectGoal.text).where(EffectGoal.organisation_id == org_id))
        indicators = _all(loaded, select(Indicator.name).where(Indicator.organisation_id == org_id))
        return {t for (t,) in goals + indicators}

    nb_texts, dk_texts = texts(_org_id(loaded, NB)), texts(dk)
    assert len(nb_texts) == len(dk_texts) and not nb_texts & dk_texts
    units = _all(loaded, select(Indicator.unit_of_measure).where(Indicator.organisation_id == dk))
    assert {u for (u,) in units} == {"%", "antal", "dage", "ton", "mio. kr.", "timer"}
    processes = _all(
        loaded, select(SavingsProcess.name).where(SavingsProcess.organisation_id == dk)
    )
    assert ("Refusion af sygedagpenge",) in processes


def test_goals_have_indicators_and_a_theory_of_change(loaded: Engine) -> None:
    goals = _all(loaded, select(EffectGoal.id, EffectGoal.text, EffectGoal.adopted_budget_year))
    per_area = Counter(a for (a,) in _all(loaded, select(EffectGoal.core_area_id)))
    assert set(per_area.values()) <= {1, 2}
    assert len(per_area) == len(_all(loaded, select(CoreArea.id)))
    indicators = Counter(g for (g,) in _all(loaded, select(Indicator.effect_goal_id)))
    steps = _all(
        loaded,
        select(ChangeStep.id, ChangeStep.effect_goal_id, ChangeStep.kind, ChangeStep.text),
    )
    step_goal = {sid: gid for sid, gid, _, _ in steps}
    step_kind = {sid: ChangeStepKind(kind) for sid, _, kind, _ in steps}
    kinds: dict[int, Counter] = defaultdict(Counter)
    for _, gid, kind, _ in steps:
        kinds[gid][ChangeStepKind(kind)] += 1
    effect_text = {gid: t for _, gid, kind, t in steps if kind == ChangeStepKind.EFFECT}

    for goal_id, goal_text, adopted in goals:
        assert 2011 <= adopted <= 2013
        assert 2 <= indicators[goal_id] <= 4
        assert 2 <= kinds[goal_id][ChangeStepKind.INTERVENTION] <= 4
        assert 1 <= kinds[goal_id][ChangeStepKind.INTERMEDIATE_RESULT] <= 3
        assert kinds[goal_id][ChangeStepKind.EFFECT] == 1
        assert effect_text[goal_id] == goal_text

    links = _all(
        loaded, select(ChangeLink.from_step_id, ChangeLink.to_step_id, ChangeLink.assumption)
    )
    allowed = {
        (ChangeStepKind.INTERVENTION, ChangeStepKind.INTERMEDIATE_RESULT),
        (ChangeStepKind.INTERMEDIATE_RESULT, ChangeStepKind.EFFECT),
    }
    for source, target, _ in links:
        assert step_goal[source] == step_goal[target]  # links stay within their goal
        assert (step_kind[source], step_kind[target]) in allowed
    # Every step takes part in the chain, and some arrows carry a critical assumption.
    linked = {s for s, _, _ in links} | {t for _, t, _ in links}
    assert linked == set(step_goal)
    assert any(assumption for _, _, assumption in links)
    assert any(assumption is None for _, _, assumption in links)


def test_indicator_values_have_history_gaps_and_mixed_outcomes(loaded: Engine) -> None:
    indicators = _all(
        loaded,
        select(
            Indicator.id,
            Indicator.name,
            Indicator.direction,
            Indicator.baseline_value,
            Indicator.baseline_year,
            Indicator.target_value,
            Indicator.target_year,
        ),
    )
    values: dict[int, dict[int, float]] = defaultdict(dict)
    for iid, period, value in _all(
        loaded, select(IndicatorValue.indicator_id, IndicatorValue.period, IndicatorValue.value)
    ):
        values[iid][period] = value

    statuses: Counter = Counter()
    with_gap = 0
    for iid, _, _, baseline, baseline_year, target, target_year in indicators:
        years = sorted(values[iid])
        assert len(years) >= 6
        assert years[0] >= 2016 and years[-1] <= 2025
        with_gap += years != list(range(years[0], years[-1] + 1))
        achievement = (values[iid][years[-1]] - baseline) / (target - baseline)
        statuses[classify_indicator(achievement, years[-1], baseline_year, target_year)] += 1
    assert with_gap >= 1
    assert {"met", "on_track", "at_risk", "off_track"} <= set(statuses)
    assert {str(row[2]) for row in indicators} == {"higher", "lower"}

    by_name = {name: (iid, target) for iid, name, *_, target, _ in indicators}
    for name in ("Sysselsettingsandel", "Beskæftigelsesfrekvens"):  # nb and da demo
        employment, target = by_name[name]
        assert (values[employment][2021], values[employment][2022], target) == (71.9, 74.3, 75.3)
    over_80 = next(v for k, v in by_name.items() if "over 80 år" in k)
    assert values[over_80[0]][2022] == 63.4 and over_80[1] == 59.2

    comments = _all(loaded, select(func.count()).where(IndicatorValue.comment.is_not(None)))
    assert comments[0][0] >= 3


# --- Service review ---------------------------------------------------------------------------


def test_service_review_2021_has_the_real_deadlines_and_a_mix(loaded: Engine) -> None:
    units = _all(loaded, select(Unit.id))
    tasks = _all(
        loaded,
        select(
            ServiceReviewTask.unit_id,
            ServiceReviewTask.part,
            ServiceReviewTask.deadline,
            ServiceReviewTask.status,
            ServiceReviewTask.submitted_on,
            ServiceReviewTask.amount_nok,
        ).where(ServiceReviewTask.year == 2021),
    )
    assert len(tasks) == 4 * len(units)  # every unit, every part
    deadlines = {ReviewPart(part): deadline for _, part, deadline, *_ in tasks}
    assert deadlines == {
        ReviewPart.INTERNAL_CONTROL: dt.date(2021, 6, 30),
        ReviewPart.BUDGET_OPERATING: dt.date(2021, 8, 31),
        ReviewPart.BUDGET_INVESTMENT: dt.date(2021, 8, 31),
        ReviewPart.RENEWAL_NEED: dt.date(2021, 8, 31),
    }
    outcomes = Counter()
    for _, part, deadline, status, submitted_on, amount in tasks:
        if status == ReviewStatus.SUBMITTED:
            assert submitted_on is not None
            outcomes["on_time" if submitted_on <= deadline else "late"] += 1
        else:
            assert submitted_on is None
            outcomes[str(status)] += 1
        if part in (ReviewPart.BUDGET_OPERATING, ReviewPart.BUDGET_INVESTMENT):
            if status == ReviewStatus.NOT_STARTED:
                assert amount is None
            else:
                assert 200_000 <= amount <= 15_000_000
        else:
            assert amount is None
    assert set(outcomes) == {"on_time", "late", "in_progress", "not_started"}
    assert outcomes["on_time"] > len(tasks) / 2  # most deliver on time


def test_service_review_covers_2021_to_2026(loaded: Engine) -> None:
    rows = _all(
        loaded,
        select(ServiceReviewTask.year, ServiceReviewTask.deadline, ServiceReviewTask.status),
    )
    assert {year for year, _, _ in rows} == set(range(2021, 2027))
    for year, deadline, _ in rows:
        assert (deadline.year, deadline.month, deadline.day) in ((year, 6, 30), (year, 8, 31))
    outstanding = Counter(year for year, _, status in rows if status != ReviewStatus.SUBMITTED)
    assert outstanding[2026] > max(outstanding[year] for year in range(2022, 2026))


# --- API: empty check, refusal, determinism ----------------------------------------------------


def test_database_is_empty_before_and_not_after(engine: Engine) -> None:
    assert demo.database_is_empty(engine)
    demo.load_demo(engine)
    assert not demo.database_is_empty(engine)
    orgs = _all(
        engine,
        select(Organisation.code, Organisation.name, Organisation.is_demo).order_by(
            Organisation.code
        ),
    )
    assert orgs == [(NB, "Demo kommune", True), (DK, "Demo Kommune (DK)", True)]


def test_loading_twice_is_refused_and_changes_nothing(loaded: Engine) -> None:
    before = dump(loaded)
    with pytest.raises(ValueError, match="already exists"):
        demo.load_demo(loaded)
    assert dump(loaded) == before


@pytest.fixture
def second_engine(request, db_url: str, tmp_path, sqlite_template: str) -> Iterator[Engine]:
    """Another fresh, migrated database of the same kind as `engine`."""
    if make_url(db_url).get_backend_name() == "sqlite":
        path = tmp_path / "second.sqlite3"
        shutil.copy(sqlite_template, path)
        url = f"sqlite:///{path}"
        yield get_engine(url)
        get_engine(url).dispose()
        return
    template = request.getfixturevalue("pg_template")
    base = make_url(os.environ["TEST_DATABASE_URL"])
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    name = f"dash_demo_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    url = base.set(database=name).render_as_string(hide_password=False)
    try:
        yield get_engine(url)
    finally:
        get_engine(url).dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_load_is_deterministic(engine: Engine, second_engine: Engine) -> None:
    demo.load_demo(engine)
    demo.load_demo(second_engine)
    # The data versions carry the time of the load ("Data oppdatert"): everything else is equal.
    skip = ("data_version",)
    first, second = dump(engine, skip=skip), dump(second_engine, skip=skip)
    assert first == second
    assert len(first["savings_record"]) > 1000


def test_another_seed_keeps_the_facts(engine: Engine) -> None:
    demo.load_demo(engine, seed=7)
    assert _measured_hours(engine, 2020) == 3389
    kinds = Counter(str(kind) for (kind,) in _all(engine, select(SavingsProcess.kind)))
    assert kinds[ProcessKind.AUTOMATE] > kinds[ProcessKind.SIMPLIFY] > 0
