"""The small fixture (tests/small_fixture.py) with markup and script in every name a user can
import: what a hostile or careless spreadsheet could put in the database. Used by the XSS tests
(tests/test_xss.py, tests/browser/test_xss.py).

Every payload calls alert(): in a browser, one that runs opens a dialog.
"""

from __future__ import annotations

from sqlalchemy import Engine, select, update

from dashboard.db import session_scope
from dashboard.models import (
    ChangeLink,
    ChangeStep,
    CoreArea,
    EffectGoal,
    Indicator,
    IndicatorValue,
    Organisation,
    SavingsProcess,
    Sector,
    Unit,
)
from tests.small_fixture import load_small_fixture

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
JS_LINK = '<a href="javascript:alert(1)">lenke</a>'
WEB_LINK = '<a href="https://evil.example/">Fakturakontroll</a>'
SVG = "<svg onload=alert(1)>"
STYLE = '<span style="font-size:90px">Vaktplan</span>'
PLAIN = "<b>Sundhed</b> & <i>trivsel</i> &amp; &lt;u&gt;"
BARE_JS = "javascript:alert(1)"

ORG_NAME = f"Test{SCRIPT}kommune"
SECTOR_S1 = f"{SCRIPT}Skole"
SECTOR_S2 = f"{IMG}Helse"
AREA_A = f"Læring {JS_LINK}"
AREA_B = PLAIN
AREA_X = BARE_JS
GOAL_G1 = f"{IMG}Flere elever lærer mer"
INDICATOR_I1 = f"{SCRIPT}Lesing"
UNIT_I1 = "<img src=x onerror=alert(1)>%"  # the column holds 32 characters
COMMENT = f"{IMG} {JS_LINK} Ny metode"
STEP_T1 = f"{SCRIPT}Lesekurs"
ASSUMPTION = f"{IMG}Foreldre deltar"
UNIT_U2 = f"{SVG}Hjemmetjenesten"
PROCESS_P1 = WEB_LINK
PROCESS_P2 = STYLE

# Every hostile text, for "it is shown literally somewhere".
TEXTS = (
    ORG_NAME, SECTOR_S1, SECTOR_S2, AREA_A, AREA_B, AREA_X, GOAL_G1, INDICATOR_I1, UNIT_I1,
    COMMENT, STEP_T1, ASSUMPTION, UNIT_U2, PROCESS_P1, PROCESS_P2,
)  # fmt: skip


def load_hostile_fixture(engine: Engine) -> None:
    load_small_fixture(engine)
    with session_scope(engine) as s:
        s.execute(update(Organisation).values(name=ORG_NAME))
        for model, code, name in (
            (Sector, "S1", SECTOR_S1),
            (Sector, "S2", SECTOR_S2),
            (CoreArea, "A", AREA_A),
            (CoreArea, "B", AREA_B),
            (CoreArea, "X", AREA_X),
            (Unit, "U2", UNIT_U2),
            (SavingsProcess, "P1", PROCESS_P1),
            (SavingsProcess, "P2", PROCESS_P2),
        ):
            s.execute(update(model).where(model.code == code).values(name=name))
        s.execute(update(EffectGoal).where(EffectGoal.code == "G1").values(text=GOAL_G1))
        s.execute(
            update(Indicator)
            .where(Indicator.code == "I1")
            .values(name=INDICATOR_I1, unit_of_measure=UNIT_I1)
        )
        i1 = s.scalar(select(Indicator.id).where(Indicator.code == "I1"))
        s.execute(
            update(IndicatorValue)
            .where(IndicatorValue.indicator_id == i1, IndicatorValue.period == 2021)
            .values(comment=COMMENT)
        )
        s.execute(update(ChangeStep).where(ChangeStep.code == "T1").values(text=STEP_T1))
        s.execute(
            update(ChangeLink)
            .where(ChangeLink.assumption.is_not(None))
            .values(assumption=ASSUMPTION)
        )
