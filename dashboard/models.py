"""The data model: one schema for all three areas, for one or more organisations.

Every table is created and changed through Alembic migrations (dashboard/migrations), never by
`create_all`. Natural keys (codes) are unique per organisation so an import can upsert on them.
Enumerations are stored as plain strings with CHECK constraints, so SQLite and PostgreSQL agree.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Deterministic constraint names, so migrations can alter them on every backend.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Direction(enum.StrEnum):
    """Which way an indicator should move."""

    HIGHER = "higher"
    LOWER = "lower"


class ChangeStepKind(enum.StrEnum):
    """A step in a theory of change (forandringsteori), in the order the diagram draws them."""

    INTERVENTION = "intervention"
    INTERMEDIATE_RESULT = "intermediate_result"
    EFFECT = "effect"


class ReviewPart(enum.StrEnum):
    """The parts of tjenestens gjennomgang."""

    INTERNAL_CONTROL = "internal_control"
    BUDGET_OPERATING = "budget_operating"
    BUDGET_INVESTMENT = "budget_investment"
    RENEWAL_NEED = "renewal_need"


class ReviewStatus(enum.StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    SUBMITTED = "submitted"


class ProcessKind(enum.StrEnum):
    """What minuttjakt does to a work process."""

    AUTOMATE = "automate"
    SIMPLIFY = "simplify"
    REMOVE = "remove"


class ProcessStage(enum.StrEnum):
    IDEA = "idea"
    IN_DEVELOPMENT = "in_development"
    IN_PRODUCTION = "in_production"
    RETIRED = "retired"


class SavingsBasis(enum.StrEnum):
    """Measured hours (counted robot runs) are never summed with estimated ones."""

    MEASURED = "measured"
    ESTIMATED = "estimated"


def _enum(kind: type[enum.StrEnum], name: str) -> Enum:
    return Enum(
        kind,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=32,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class Organisation(Base):
    __tablename__ = "organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    # The organisation's own region in official statistics: kommunenummer (SSB, e.g. 3314),
    # kommunekode (Danmarks Statistik, e.g. 461) or Kolada id. Empty: no comparison.
    region_code: Mapped[str | None] = mapped_column(String(32))

    sectors: Mapped[list[Sector]] = relationship(back_populates="organisation")
    comparison_regions: Mapped[list[ComparisonRegion]] = relationship(
        back_populates="organisation", order_by="ComparisonRegion.position"
    )


class ComparisonKind(enum.StrEnum):
    """Why a region is in an organisation's comparison: drawn and named differently."""

    GROUP = "group"  # its KOSTRA group (EKG07), Danish kommunegruppe
    COUNTRY = "country"  # EAK, the Danish or Swedish whole
    PEER = "peer"  # a named neighbour or like municipality


class ComparisonRegion(Base):
    """A region an organisation compares itself with in official statistics."""

    __tablename__ = "comparison_region"
    __table_args__ = (UniqueConstraint("organisation_id", "region_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    region_code: Mapped[str] = mapped_column(String(32))
    kind: Mapped[ComparisonKind] = mapped_column(_enum(ComparisonKind, "comparison_kind"))
    position: Mapped[int] = mapped_column(Integer, default=0)

    organisation: Mapped[Organisation] = relationship(back_populates="comparison_regions")


core_area_sector = Table(
    "core_area_sector",
    Base.metadata,
    Column("core_area_id", ForeignKey("core_area.id", ondelete="CASCADE"), primary_key=True),
    Column("sector_id", ForeignKey("sector.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_core_area_sector_sector_id", "sector_id"),
)


class Sector(Base):
    """nb: sektor / tjenesteområde; da: forvaltning."""

    __tablename__ = "sector"
    __table_args__ = (UniqueConstraint("organisation_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))

    organisation: Mapped[Organisation] = relationship(back_populates="sectors")
    core_areas: Mapped[list[CoreArea]] = relationship(
        secondary=core_area_sector, back_populates="sectors"
    )


class CoreArea(Base):
    """nb: kjerneområde; da: kerneområde. Cross-cutting ones link to several sectors."""

    __tablename__ = "core_area"
    __table_args__ = (UniqueConstraint("organisation_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    introduced_budget_year: Mapped[int | None] = mapped_column(Integer)
    is_cross_cutting: Mapped[bool] = mapped_column(Boolean, default=False)

    sectors: Mapped[list[Sector]] = relationship(
        secondary=core_area_sector, back_populates="core_areas"
    )
    goals: Mapped[list[EffectGoal]] = relationship(back_populates="core_area")


class Unit(Base):
    """A tjeneste or seksjon: the level that delivers the service review."""

    __tablename__ = "unit"
    __table_args__ = (UniqueConstraint("organisation_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    sector_id: Mapped[int] = mapped_column(ForeignKey("sector.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))

    sector: Mapped[Sector] = relationship()


class EffectGoal(Base):
    """An effektmål the council adopted for a core area."""

    __tablename__ = "effect_goal"
    __table_args__ = (UniqueConstraint("organisation_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    core_area_id: Mapped[int] = mapped_column(
        ForeignKey("core_area.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(String(64))
    adopted_budget_year: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)

    core_area: Mapped[CoreArea] = relationship(back_populates="goals")
    indicators: Mapped[list[Indicator]] = relationship(back_populates="goal")
    change_steps: Mapped[list[ChangeStep]] = relationship(back_populates="goal")


class Indicator(Base):
    __tablename__ = "indicator"
    __table_args__ = (UniqueConstraint("organisation_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    effect_goal_id: Mapped[int] = mapped_column(
        ForeignKey("effect_goal.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(300))
    unit_of_measure: Mapped[str] = mapped_column(String(32))
    # Decimals its values are shown with; empty: by unit (counts and kroner 0, the rest 1).
    decimals: Mapped[int | None] = mapped_column(Integer)
    direction: Mapped[Direction] = mapped_column(_enum(Direction, "direction"))
    baseline_value: Mapped[float] = mapped_column(Float)
    baseline_year: Mapped[int] = mapped_column(Integer)
    target_value: Mapped[float] = mapped_column(Float)
    target_year: Mapped[int] = mapped_column(Integer)
    # A statistics series (`ssb:12134:KOSAG110000`) the values come from; manual values win.
    series_code: Mapped[str | None] = mapped_column(String(300))

    goal: Mapped[EffectGoal] = relationship(back_populates="indicators")
    values: Mapped[list[IndicatorValue]] = relationship(back_populates="indicator")


class ValueOrigin(enum.StrEnum):
    """Where an indicator value came from."""

    MANUAL = "manual"  # imported or typed in; wins over the statistics store
    STATISTICS = "statistics"  # copied from the indicator's series (dashboard.statistics.link)


class IndicatorValue(Base):
    """One yearly measurement; a missing year is a missing row, never a zero."""

    __tablename__ = "indicator_value"
    __table_args__ = (
        UniqueConstraint("indicator_id", "period"),
        Index("ix_indicator_value_period", "period"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id", ondelete="CASCADE"))
    period: Mapped[int] = mapped_column(Integer)
    value: Mapped[float] = mapped_column(Float)
    comment: Mapped[str | None] = mapped_column(Text)
    origin: Mapped[ValueOrigin] = mapped_column(
        _enum(ValueOrigin, "value_origin"), default=ValueOrigin.MANUAL, server_default="manual"
    )

    indicator: Mapped[Indicator] = relationship(back_populates="values")


class GoalAssessment(Base):
    """A goal's overall written assessment for a year (the council seminar's verdict)."""

    __tablename__ = "goal_assessment"
    __table_args__ = (UniqueConstraint("effect_goal_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    effect_goal_id: Mapped[int] = mapped_column(
        ForeignKey("effect_goal.id", ondelete="CASCADE"), index=True
    )
    year: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)


class ChangeStep(Base):
    """A box in a goal's theory of change."""

    __tablename__ = "change_step"
    __table_args__ = (UniqueConstraint("effect_goal_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    effect_goal_id: Mapped[int] = mapped_column(
        ForeignKey("effect_goal.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(String(64))
    kind: Mapped[ChangeStepKind] = mapped_column(_enum(ChangeStepKind, "change_step_kind"))
    text: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)

    goal: Mapped[EffectGoal] = relationship(back_populates="change_steps")


class ChangeLink(Base):
    """An arrow in a theory of change, with the critical assumption written on it."""

    __tablename__ = "change_link"
    __table_args__ = (UniqueConstraint("from_step_id", "to_step_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    from_step_id: Mapped[int] = mapped_column(
        ForeignKey("change_step.id", ondelete="CASCADE"), index=True
    )
    to_step_id: Mapped[int] = mapped_column(
        ForeignKey("change_step.id", ondelete="CASCADE"), index=True
    )
    assumption: Mapped[str | None] = mapped_column(Text)


class ServiceReviewTask(Base):
    """One part of one unit's yearly service review (tjenestens gjennomgang)."""

    __tablename__ = "service_review_task"
    __table_args__ = (
        UniqueConstraint("unit_id", "year", "part"),
        Index("ix_service_review_task_year", "year"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    part: Mapped[ReviewPart] = mapped_column(_enum(ReviewPart, "review_part"))
    deadline: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[ReviewStatus] = mapped_column(_enum(ReviewStatus, "review_status"))
    submitted_on: Mapped[dt.date | None] = mapped_column(Date)
    # Budget inputs: the amount the unit asks for (kroner); empty for the other parts.
    amount_nok: Mapped[float | None] = mapped_column(Float)
    comment: Mapped[str | None] = mapped_column(Text)

    unit: Mapped[Unit] = relationship()


class SavingsGoal(Base):
    """The yearly goal for measured hours saved: the organisation's (no sector) or one sector's.

    A view compares with the goal of the level it shows, never with another level's: the
    organisation's goal is not a sector's, and sector goals need not add up to it.
    """

    __tablename__ = "savings_goal"
    __table_args__ = (
        UniqueConstraint("organisation_id", "year", "sector_id"),
        # NULLs are distinct in a unique constraint: one organisation-level goal per year.
        Index(
            "uq_savings_goal_organisation_year",
            "organisation_id",
            "year",
            unique=True,
            sqlite_where=text("sector_id IS NULL"),
            postgresql_where=text("sector_id IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    hours: Mapped[float] = mapped_column(Float)
    sector_id: Mapped[int | None] = mapped_column(
        ForeignKey("sector.id", ondelete="CASCADE"), index=True
    )


class SavingsProcess(Base):
    """A minuttjakt process: a work process robotised, simplified or removed."""

    __tablename__ = "savings_process"
    __table_args__ = (UniqueConstraint("organisation_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    sector_id: Mapped[int] = mapped_column(ForeignKey("sector.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id", ondelete="SET NULL"))
    code: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[ProcessKind] = mapped_column(_enum(ProcessKind, "process_kind"))
    stage: Mapped[ProcessStage] = mapped_column(_enum(ProcessStage, "process_stage"))
    go_live: Mapped[dt.date | None] = mapped_column(Date)

    sector: Mapped[Sector] = relationship()
    records: Mapped[list[SavingsRecord]] = relationship(back_populates="process")


class SavingsRecord(Base):
    """Hours saved by one process in one month, measured or estimated."""

    __tablename__ = "savings_record"
    __table_args__ = (
        UniqueConstraint("process_id", "period", "basis"),
        Index("ix_savings_record_period", "period"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(ForeignKey("savings_process.id", ondelete="CASCADE"))
    period: Mapped[dt.date] = mapped_column(Date)  # first day of the month
    hours: Mapped[float] = mapped_column(Float)
    basis: Mapped[SavingsBasis] = mapped_column(_enum(SavingsBasis, "savings_basis"))
    runs: Mapped[int | None] = mapped_column(Integer)

    process: Mapped[SavingsProcess] = relationship(back_populates="records")


class DataArea(enum.StrEnum):
    """The parts of an organisation's data that change together (an import's areas)."""

    ORGANISATION = "organisation"
    EFFECT_GOALS = "effect_goals"
    SERVICE_REVIEW = "service_review"
    SAVINGS = "savings"


class DataVersion(Base):
    """How often an area of an organisation's data has changed. Every write (an import, the demo
    loader) bumps it in its own transaction (`dashboard.data_version`); it is part of every query
    cache key, so every worker and host reads afresh after a change.

    No foreign key to organisation, on purpose: the row outlives a deleted organisation, so a
    version never goes back (SQLite may give a new organisation the id of a deleted one).
    """

    __tablename__ = "data_version"

    organisation_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    area: Mapped[DataArea] = mapped_column(_enum(DataArea, "data_area"), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, default=0)
    # When the area last changed (UTC): the views' "Data oppdatert dd.mm.yyyy".
    updated_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class ImportRun(Base):
    """What every import changed: which file, how many rows, when."""

    __tablename__ = "import_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    file_name: Mapped[str] = mapped_column(String(500))
    area: Mapped[str] = mapped_column(String(32))
    rows_read: Mapped[int] = mapped_column(Integer)
    rows_added: Mapped[int] = mapped_column(Integer)
    rows_changed: Mapped[int] = mapped_column(Integer)
    imported_by: Mapped[str | None] = mapped_column(String(200))
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())


class Role(enum.StrEnum):
    """What a user may do; each role may do everything the ones before it may."""

    VIEWER = "viewer"  # read the views (when REQUIRE_LOGIN asks for a login at all)
    EDITOR = "editor"  # and import data
    ADMIN = "admin"  # and add and disable users

    @property
    def rank(self) -> int:
        return list(Role).index(self)

    def includes(self, other: Role) -> bool:
        return self.rank >= other.rank


class AppUser(Base):
    """A built-in user (when no single sign-on proxy names the users). The password is stored
    only as werkzeug's salted scrypt hash. Users are disabled, never deleted, so the names in
    import_run.imported_by keep meaning someone."""

    __tablename__ = "app_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(_enum(Role, "role"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)


# --- Official statistics (dashboard/statistics) ------------------------------------------------


class StatRegionKind(enum.StrEnum):
    """What a region code of a statistics source stands for."""

    MUNICIPALITY = "municipality"
    COUNTY = "county"  # SSB EKA.., a Danish region, a Swedish region (Kolada 00NN)
    GROUP = "group"  # KOSTRA group (EKG..), a Danish kommunegruppe, a Kolada group
    COUNTRY = "country"  # EAK, EAKUO, Danish 000, Kolada 0000
    OTHER = "other"  # e.g. SSB's house-price regions


class StatSeries(Base):
    """One statistics series: a source's table and content (and, where the table has more
    dimensions, the chosen value of each), identified as `source:table:content[:DIM=code…]`,
    e.g. `ssb:12134:KOSAG110000`, `dst:STRAF42:STRAF42:HERKOMST1=00`, `kolada:N01951`."""

    __tablename__ = "stat_series"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(300), unique=True)
    source: Mapped[str] = mapped_column(String(16))
    table_id: Mapped[str] = mapped_column(String(64))
    content: Mapped[str] = mapped_column(String(200))
    label: Mapped[str] = mapped_column(Text)
    unit: Mapped[str | None] = mapped_column(String(100))
    decimals: Mapped[int | None] = mapped_column(Integer)
    # "Statistisk sentralbyrå, tabell 12134": the source line charts and exports print.
    source_note: Mapped[str] = mapped_column(Text)
    licence: Mapped[str] = mapped_column(Text)
    source_updated: Mapped[str | None] = mapped_column(String(40))
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)


class StatRegion(Base):
    """A region code as its source writes it (municipality numbers, EKG07, EAK, Danish
    kommunekoder, Kolada ids), with its name. Codes are per source: 0301 is Oslo at SSB."""

    __tablename__ = "stat_region"
    __table_args__ = (UniqueConstraint("source", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(16))
    code: Mapped[str] = mapped_column(String(32))
    name: Mapped[str | None] = mapped_column(String(200))
    kind: Mapped[StatRegionKind] = mapped_column(_enum(StatRegionKind, "stat_region_kind"))


class StatValue(Base):
    """One value of a series for one region and period (`2024`, `2023K4`, `2024M01`: as the
    source gives it). A missing value has no number and a status (SSB `..` not available, `.`
    not applicable, `:` confidential): never a zero. `value_text` is the number exactly as the
    source wrote it, so `statistics show` prints what the source gave."""

    __tablename__ = "stat_value"
    __table_args__ = (
        UniqueConstraint("series_id", "region_code", "period"),
        CheckConstraint("value IS NOT NULL OR status IS NOT NULL", name="value_or_status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    series_id: Mapped[int] = mapped_column(ForeignKey("stat_series.id", ondelete="CASCADE"))
    region_code: Mapped[str] = mapped_column(String(32))
    period: Mapped[str] = mapped_column(String(16))
    value: Mapped[float | None] = mapped_column(Float)
    value_text: Mapped[str | None] = mapped_column(String(40))
    status: Mapped[str | None] = mapped_column(String(8))


class StatRenumbering(Base):
    """A municipality that got a new number (0624 → 3048 on 2020-01-01, 3048 → 3314 on
    2024-01-01: Øvre Eiker), so a series follows one municipality across reforms. Only a
    renumbering of one whole municipality belongs here, never a merger of several."""

    __tablename__ = "stat_renumbering"
    __table_args__ = (UniqueConstraint("source", "old_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(16))
    old_code: Mapped[str] = mapped_column(String(32))
    new_code: Mapped[str] = mapped_column(String(32))
    valid_from: Mapped[dt.date] = mapped_column(Date)


class AuditEvent(Base):
    """One thing that was done and must be answerable for: a login, a failed login, a logout, a
    user or role change, an import, a deck export. Written in the same transaction as the change
    it records (dashboard/audit.py), so a change without its record, or a record of a change that
    was rolled back, cannot happen. Never updated or deleted by the app."""

    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_at", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())  # UTC
    action: Mapped[str] = mapped_column(String(32))  # audit.ACTIONS
    actor: Mapped[str] = mapped_column(String(200))  # who did it ("?" when nobody is known)
    target: Mapped[str | None] = mapped_column(String(200))  # the user or file it concerns
    detail: Mapped[str | None] = mapped_column(String(1000))
    address: Mapped[str | None] = mapped_column(String(64))  # the client's IP address
    request_id: Mapped[str | None] = mapped_column(String(64))


class UserSession(Base):
    """A built-in user's signed-in session, checked on every request (dashboard/users.py): the
    session cookie holds a random token, this table only its SHA-256, so someone who reads the
    table cannot sign in with it. Ended (ended_at) by logout, by an admin, and for all of a
    user's sessions by a new password, a new role or disabling; over without a request for
    SESSION_IDLE_MINUTES, and SESSION_MAX_HOURS after the login whatever happens."""

    __tablename__ = "user_session"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 hex of the token
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)  # UTC
    last_seen_at: Mapped[dt.datetime] = mapped_column(DateTime)  # UTC
    ended_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    address: Mapped[str | None] = mapped_column(String(64))
    user_agent: Mapped[str | None] = mapped_column(String(200))


class LoginThrottle(Base):
    """Login tries per user name and client address (dashboard/users.py authenticate): at
    MAX_FAILURES the pair is locked until locked_until (UTC), each lock twice as long as the one
    before. Per address, so guessing at a name locks out the guesser, not the user."""

    __tablename__ = "login_throttle"

    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    address: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer)  # tries taken since the last lock or success
    locks: Mapped[int] = mapped_column(Integer)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
