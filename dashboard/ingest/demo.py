"""Demo data: the fictional "Demo kommune", built on the facts in the seed documents.

Sandnes' tjenesteområder are the sectors, Odense's kerneområder (with effect goals, indicators and
theories of change) the core areas, Øvre Eiker's tjenestens gjennomgang the service review, and
Sandnes' minuttjakt the process savings, with exactly 3 389 measured hours in 2020. Everything else
(unit names, numbers, texts) is invented and only looks plausible.

The result depends on `seed` alone: one `random.Random`, drawn in a fixed order, no clock, no
dict/set ordering that could vary. Everything is written in one transaction.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from typing import Any, NamedTuple

from sqlalchemy import Engine, delete, func, insert, select
from sqlalchemy.orm import Session

from dashboard.data_version import AREAS, bump_data_version
from dashboard.db import session_scope
from dashboard.models import (
    ChangeLink,
    ChangeStep,
    ChangeStepKind,
    ComparisonKind,
    ComparisonRegion,
    CoreArea,
    Direction,
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
    StatRegion,
    StatRegionKind,
    StatSeries,
    StatValue,
    Unit,
    core_area_sector,
)
from dashboard.statistics.link import sync_indicators

DEMO_ORGANISATION_CODE = "demo"
DEMO_ORGANISATION_NAME = "Demo kommune"
DEFAULT_SEED = 2021

HIGHER = Direction.HIGHER
LOWER = Direction.LOWER

# Intended outcome of a generated indicator, in the words of `dashboard.status`.
MET, ON_TRACK, AT_RISK, OFF_TRACK = "met", "on_track", "at_risk", "off_track"

AUTOMATE, SIMPLIFY, REMOVE = ProcessKind.AUTOMATE, ProcessKind.SIMPLIFY, ProcessKind.REMOVE
IDEA, IN_DEVELOPMENT = ProcessStage.IDEA, ProcessStage.IN_DEVELOPMENT
IN_PRODUCTION, RETIRED = ProcessStage.IN_PRODUCTION, ProcessStage.RETIRED


# --- Organisation: Sandnes' tjenesteområder and invented units ---------------------------------

# (code, name)
SECTORS: tuple[tuple[str, str], ...] = (
    ("oppvekst-skole", "Oppvekst skole"),
    ("oppvekst-barn-unge", "Oppvekst barn og unge"),
    ("helse-velferd", "Helse og velferd"),
    ("byutvikling-teknisk", "Byutvikling og teknisk"),
    ("kultur-naering", "Kultur og næring"),
    ("organisasjon", "Organisasjon"),
)

# (sector code, unit code, name): the tjenester/seksjoner that each deliver a service review.
UNITS: tuple[tuple[str, str, str], ...] = (
    ("oppvekst-skole", "lyngmo-skole", "Lyngmo skole"),
    ("oppvekst-skole", "skogbakken-skole", "Skogbakken skole"),
    ("oppvekst-skole", "elvetun-skole", "Elvetun skole"),
    ("oppvekst-skole", "havglimt-ungdomsskole", "Havglimt ungdomsskole"),
    ("oppvekst-skole", "ppt", "Pedagogisk-psykologisk tjeneste"),
    ("oppvekst-barn-unge", "barnehager", "Barnehager"),
    ("oppvekst-barn-unge", "barnevern", "Barnevern"),
    ("oppvekst-barn-unge", "helsestasjon", "Helsestasjon og skolehelsetjeneste"),
    ("oppvekst-barn-unge", "familiesenteret", "Familiesenteret"),
    ("oppvekst-barn-unge", "fritid-ungdom", "Fritid og ungdom"),
    ("helse-velferd", "hjemmetjenesten", "Hjemmetjenesten"),
    ("helse-velferd", "sykehjem", "Sykehjem"),
    ("helse-velferd", "nav-sosial", "NAV sosialtjeneste"),
    ("helse-velferd", "bo-aktivitet", "Bo- og aktivitetstilbud"),
    ("helse-velferd", "psykisk-helse-rus", "Psykisk helse og rus"),
    ("helse-velferd", "flyktningtjenesten", "Flyktningtjenesten"),
    ("byutvikling-teknisk", "plan-byggesak", "Plan og byggesak"),
    ("byutvikling-teknisk", "vei-park", "Vei og park"),
    ("byutvikling-teknisk", "brann-redning", "Brann og redning"),
    ("byutvikling-teknisk", "eiendom", "Eiendom"),
    ("byutvikling-teknisk", "miljo-klima", "Miljø og klima"),
    ("kultur-naering", "bibliotek", "Bibliotek"),
    ("kultur-naering", "kulturskole", "Kulturskole"),
    ("kultur-naering", "kulturhus", "Kulturhus"),
    ("kultur-naering", "naering-reiseliv", "Næring og reiseliv"),
    ("kultur-naering", "idrett-friluft", "Idrett og friluftsliv"),
    ("organisasjon", "digitalisering", "Digitalisering"),
    ("organisasjon", "okonomi", "Økonomi"),
    ("organisasjon", "hr", "HR"),
    ("organisasjon", "dokumentsenter", "Dokumentsenter og servicetorg"),
    ("organisasjon", "innkjop", "Innkjøp"),
)


# --- Effect goals: Odense's kerneområder, mapped onto the Sandnes sectors -----------------------

# (code, name, introduced budget year, cross-cutting, sector codes)
CORE_AREAS: tuple[tuple[str, str, int, bool, tuple[str, ...]], ...] = (
    ("okonomistyring", "Økonomistyring", 2011, False, ("organisasjon",)),
    ("brandvaesen", "Brandvæsen", 2011, False, ("byutvikling-teknisk",)),
    ("veje", "Veje", 2011, False, ("byutvikling-teknisk",)),
    ("miljo", "Miljø", 2012, False, ("byutvikling-teknisk",)),
    ("plan-byggeri", "Plan & Byggeri", 2013, False, ("byutvikling-teknisk",)),
    ("erhverv-turisme", "Erhverv og turisme", 2012, False, ("kultur-naering",)),
    ("kultur", "Kultur", 2013, False, ("kultur-naering",)),
    ("laering-udvikling", "Læring og Udvikling", 2011, False, ("oppvekst-skole",)),
    (
        "deltagelse-faellesskaber",
        "Deltagelse i samfundsliv og fællesskaber",
        2012,
        False,
        ("oppvekst-barn-unge",),
    ),
    (
        "sundhed-trivsel",
        "Sundhed og trivsel",
        2012,
        True,
        ("oppvekst-skole", "oppvekst-barn-unge", "helse-velferd"),
    ),
    ("ledige", "Ledige", 2011, False, ("helse-velferd",)),
    ("sygedagpenge", "Sygedagpengemodtagere", 2011, False, ("helse-velferd",)),
    ("hjemmehjaelp-sygepleje", "Hjemmehjælp og sygepleje", 2013, False, ("helse-velferd",)),
    ("plejeboliger", "Plejeboliger", 2013, False, ("helse-velferd",)),
    ("handicap", "Handicapområdet", 2012, False, ("helse-velferd",)),
    (
        "integration",
        "Integration",
        2013,
        True,
        ("helse-velferd", "oppvekst-barn-unge", "kultur-naering"),
    ),
)


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
    decimals: int | None = None  # default: one for %, timer and mill. kr, none otherwise


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


# fmt: off
GOALS: tuple[Goal, ...] = (
    Goal(
        "okonomistyring",
        2011,
        "Kommunens økonomi er i balance, og der er råd til at investere",
        (
            Ind("Netto driftsresultat i pct. af indtægterne", "%", HIGHER, 1.2, 2015, 2.0, 2026,
                AT_RISK),
            Ind("Afvigelse mellem korrigeret budget og regnskab", "%", LOWER, 3.8, 2015, 1.0, 2025,
                ON_TRACK),
            Ind("Andel leverandørfakturaer betalt til tiden", "%", HIGHER, 82.0, 2015, 95.0, 2025,
                MET),
        ),
        (
            ("Månedlig økonomiopfølgning med alle budgetansvarlige", (0, 1),
             "Lederne har tid og opdaterede tal til at følge op hver måned"),
            ("Fælles prognoseværktøj for drift og anlæg", (1,), None),
            ("Kursus i økonomistyring for nye ledere", (0,), None),
        ),
        (
            ("Budgetansvarlige kender løbende deres forbrug og prognose", None),
            ("Afvigelser opdages og håndteres i løbet af året",
             "Der er politisk vilje til at omprioritere i løbet af året"),
        ),
    ),
    Goal(
        "brandvaesen",
        2011,
        "Færre brande, og hurtig hjælp når ulykken sker",
        (
            Ind("Antal bygningsbrande", "antall", LOWER, 142, 2015, 110, 2026, ON_TRACK),
            Ind("Andel udrykninger fremme inden for 10 minutter", "%", HIGHER, 78.0, 2015, 90.0,
                2025, OFF_TRACK, comments={2023: "Ny brandstation i nord først klar i 2026"}),
            Ind("Antal døde og tilskadekomne ved brand", "antall", LOWER, 21, 2015, 12, 2026,
                AT_RISK),
        ),
        (
            ("Brandforebyggende hjemmebesøg hos ældre og sårbare borgere", (0,),
             "Hjemmeplejen henviser de borgere, der har størst risiko"),
            ("Registrering af ildsted og tilsyn med fyringsanlæg", (1,), None),
            ("Røgalarmkampagne sammen med boligselskaberne", (0,), None),
        ),
        (
            ("Flere boliger har en røgalarm, der virker", None),
            ("Færre brande starter i ildsteder og skorstene", None),
        ),
    ),
    Goal(
        "veje",
        2011,
        "Vejnettet er sikkert og i god stand",
        (
            Ind("Andel kommunale veje i god eller meget god stand", "%", HIGHER, 61.0, 2014, 75.0,
                2026, AT_RISK),
            Ind("Antal tilskadekomne i trafikken på kommunale veje", "antall", LOWER, 64, 2015, 40,
                2026, ON_TRACK),
            Ind("Gennemsnitlig tid fra vejskade meldes til den er udbedret", "dager", LOWER, 21,
                2016, 7, 2025, MET),
        ),
        (
            ("Flerårig vedligeholdelsesplan for asfalt og fortove", (0,),
             "Budgettet til vedligehold holdes på samme niveau i hele planperioden"),
            ("Hastighedsdæmpning og sikre krydsninger ved alle skoler", (1,), None),
            ("Digital melding af vejskader med billede og position", (0,), None),
        ),
        (
            ("Vejskader udbedres, før de vokser", None),
            ("Lavere hastighed og færre konflikter på skolevejene",
             "Borgerne overholder de nye hastighedsgrænser"),
        ),
    ),
    Goal(
        "miljo",
        2012,
        "Kommunen udleder mindre CO2 og genanvender mere affald",
        (
            Ind("Udledning af CO2 fra kommunens bygninger og køretøjer", "tonn", LOWER, 18400,
                2015, 11000, 2028, ON_TRACK),
            Ind("Andel husholdningsaffald sendt til genanvendelse", "%", HIGHER, 38.0, 2015, 55.0,
                2025, OFF_TRACK),
        ),
        (
            ("Kommunens biler udskiftes til elbiler", (0,), None),
            ("Energirenovering af skoler og plejecentre", (0,),
             "Der kan skaffes håndværkere og materialer til planlagt tid"),
            ("Sortering af madaffald og plast i alle husstande", (1,),
             "Borgerne sorterer, når det er let at gøre"),
        ),
        (
            ("Lavere energiforbrug i kommunale bygninger og biler", None),
            ("Mere affald sorteres ved kilden", None),
        ),
    ),
    Goal(
        "plan-byggeri",
        2013,
        "Byggesager behandles hurtigt og forudsigeligt",
        (
            Ind("Gennemsnitlig sagsbehandlingstid for byggetilladelser", "dager", LOWER, 68, 2015,
                35, 2025, AT_RISK),
            Ind("Andel ansøgninger der er komplette ved modtagelsen", "%", HIGHER, 44.0, 2016,
                85.0, 2025, ON_TRACK),
        ),
        (
            ("Digital ansøgning med tjekliste over krav", (0,), None),
            ("Forhåndsdialog med ansøgere om større projekter", (0,), None),
            ("Faste sagsbehandlerteams pr. byområde", (1,),
             "Teamene kan bemandes trods mangel på byggesagsbehandlere"),
        ),
        (
            ("Færre ansøgninger mangler oplysninger", None),
            ("Kortere ventetid mellem sagens skridt", None),
        ),
    ),
    Goal(
        "erhverv-turisme",
        2012,
        "Flere arbejdspladser i private virksomheder",
        (
            Ind("Antal private arbejdspladser", "antall", HIGHER, 28400, 2015, 32000, 2026,
                ON_TRACK, comments={2020: "Covid-19: midlertidigt fald i service og handel"}),
            Ind("Virksomhedernes tilfredshed med kommunens erhvervsservice", "%", HIGHER, 64.0,
                2016, 80.0, 2025, AT_RISK),
        ),
        (
            ("Én indgang for virksomheder med fast kontaktperson", (0,), None),
            ("Erhvervsarealer byggemodnes i takt med efterspørgslen", (1,),
             "Virksomhederne vælger at udvide lokalt frem for at flytte"),
        ),
        (
            ("Virksomhederne oplever en hurtig og imødekommende kommune", None),
            ("Der er ledige erhvervsgrunde, når virksomheder vil vokse", None),
        ),
    ),
    Goal(
        "erhverv-turisme",
        2013,
        "Flere turister overnatter og bruger penge i kommunen",
        (
            Ind("Antal kommercielle overnatninger", "antall", HIGHER, 212000, 2015, 260000, 2025,
                MET, comments={2020: "Covid-19: hoteller og campingpladser lukket i foråret"}),
            Ind("Turisternes samlede forbrug", "mill. kr", HIGHER, 610.0, 2015, 720.0, 2026,
                ON_TRACK),
        ),
        (
            ("Fælles markedsføring med nabokommunerne", (0,), None),
            ("Udvikling af vandre- og cykelruter langs fjorden", (0, 1), None),
        ),
        (
            ("Byen er kendt som mål for korte ferier", "Transportforbindelserne forbliver gode"),
            ("Turisterne bliver flere dage pr. besøg", None),
        ),
    ),
    Goal(
        "kultur",
        2013,
        "Flere borgere deltager i kulturlivet",
        (
            Ind("Besøg på bibliotekerne pr. indbygger", "antall", HIGHER, 4.1, 2015, 5.0,
                2026, OFF_TRACK, decimals=1),
            Ind("Elever i kulturskolen i pct. af grundskolens elever", "%", HIGHER, 14.2, 2015,
                18.0, 2026, ON_TRACK),
            Ind("Besøgende til arrangementer i kulturhuset", "antall", HIGHER, 48000, 2016, 60000,
                2025, MET),
        ),
        (
            ("Meråbne biblioteker med adgang til kl. 22", (0,),
             "Borgerne bruger biblioteket, også når der ikke er personale"),
            ("Søskendemoderation og friplads i kulturskolen", (1,), None),
            ("Program for børn og unge i kulturhuset", (1,), None),
        ),
        (
            ("Kulturtilbuddene er tilgængelige, når borgerne har tid", None),
            ("Flere børn og unge møder kunst og kultur tidligt", None),
        ),
    ),
    Goal(
        "laering-udvikling",
        2011,
        "Alle børn lærer mere og bliver så dygtige, de kan",
        (
            Ind("Andel elever med gode resultater i læsning, 6. klasse", "%", HIGHER, 76.0, 2015,
                85.0, 2026, AT_RISK),
            Ind("Andel elever med mindst 02 i dansk og matematik ved afgangsprøven", "%", HIGHER,
                88.0, 2015, 95.0, 2025, ON_TRACK),
            Ind("Andel unge i ungdomsuddannelse 15 måneder efter 9. klasse", "%", HIGHER, 84.0,
                2015, 90.0, 2026, ON_TRACK),
        ),
        (
            ("Læsevejledere på alle skoler", (0,), None),
            ("Co-teaching i matematik i udskolingen", (0,),
             "Lærerne får tid til fælles forberedelse"),
            ("Uddannelsesvejledning fra 7. klasse", (1,), None),
        ),
        (
            ("Eleverne får undervisning tilpasset deres niveau", None),
            ("Eleverne træffer et kvalificeret valg af ungdomsuddannelse", None),
        ),
    ),
    Goal(
        "laering-udvikling",
        2012,
        "Færre elever har bekymrende fravær",
        (
            Ind("Andel elever med mere end 10 % fravær", "%", LOWER, 9.8, 2016, 6.0, 2026,
                OFF_TRACK, comments={2022: "Fraværet steg efter nedlukningerne 2020–2021"}),
            Ind("Gennemsnitligt antal fraværsdage pr. elev", "dager", LOWER, 12, 2016, 8, 2026,
                AT_RISK),
        ),
        (
            ("Tværfagligt fraværsteam på hver skole", (0,),
             "Skole, PPT og sundhedspleje deler oplysninger rettidigt"),
            ("Fraværet registreres digitalt og følges op samme dag", (0,), None),
        ),
        (("Elever med begyndende fravær fanges tidligt", None),),
    ),
    Goal(
        "deltagelse-faellesskaber",
        2012,
        "Flere udsatte børn og unge er en del af fællesskabet",
        (
            Ind("Andel anbragte børn i familiepleje eller netværkspleje", "%", HIGHER, 58.0, 2015,
                70.0, 2026, ON_TRACK),
            Ind("Andel børn og unge 6–17 år med en fast fritidsaktivitet", "%", HIGHER, 74.0,
                2016, 85.0, 2025, AT_RISK),
            Ind("Andel underretninger vurderet inden for 7 dage", "%", HIGHER, 81.0, 2016, 100.0,
                2025, ON_TRACK),
        ),
        (
            ("Familiehjælp: én telefon for alle, der er bekymrede for et barn", (0,), None),
            ("Fritidspas, der betaler kontingentet for børn i lavindkomstfamilier", (1,),
             "Foreningerne har plads og frivillige trænere"),
            ("Netværksmøder før beslutning om anbringelse", (0,), None),
        ),
        (
            ("Familierne får den rette hjælp tidligere", None),
            ("Flere børn deltager i foreningslivet", None),
        ),
    ),
    Goal(
        "sundhed-trivsel",
        2012,
        "Flere børn og unge trives og lever sundt",
        (
            Ind("Andel elever der trives i skolen (trivselsmåling)", "%", HIGHER, 86.0, 2016,
                90.0, 2026, AT_RISK, gaps=(2020,),
                comments={2021: "Ingen trivselsmåling i 2020 på grund af covid-19"}),
            Ind("Andel børn med overvægt ved skolestart", "%", LOWER, 12.5, 2015, 9.0, 2026,
                OFF_TRACK),
            Ind("Andel 15-årige der ryger dagligt", "%", LOWER, 7.5, 2015, 3.0, 2025, MET),
        ),
        (
            ("Sund skolemad og daglig bevægelse i skoletiden", (0, 1), None),
            ("Sundhedsplejen følger op på børn med overvægt", (1,),
             "Forældrene tager imod tilbuddet"),
            ("Røgfri skoletid og røgfri udeområder", (2,), None),
            ("Trivselsråd med elever på alle skoler", (0,), None),
        ),
        (
            ("Børnene bevæger sig mere og spiser sundere", None),
            ("Familier med overvægtige børn får hjælp tidligt", None),
            ("Færre unge begynder at ryge", "Røg er ikke en del af ungdomskulturen"),
        ),
    ),
    Goal(
        "sundhed-trivsel",
        2013,
        "Færre borgere får livsstilssygdomme",
        (
            Ind("Andel voksne med et højt alkoholforbrug", "%", LOWER, 15.0, 2015, 11.0, 2026,
                ON_TRACK),
            Ind("Forebyggelige indlæggelser pr. 1 000 ældre", "antall", LOWER, 68, 2015, 55, 2026,
                AT_RISK),
        ),
        (
            ("Forebyggende samtaler hos egen læge og i jobcentret", (0,), None),
            ("Akutteam og opfølgende hjemmebesøg efter udskrivning", (1,),
             "Sygehuset sender udskrivningsbrev samme dag"),
        ),
        (
            ("Borgerne ændrer vaner, før de bliver syge", None),
            ("Tidlige tegn på sygdom opdages i eget hjem", None),
        ),
    ),
    Goal(
        "ledige",
        2011,
        "Flere ledige kommer i arbejde",
        (
            # Odense's real follow-up: 71,9 % (2021), 74,3 % (2022), ambition 75,3 % (not met).
            Ind("Beskæftigelsesfrekvens", "%", HIGHER, 69.8, 2015, 75.3, 2025, ON_TRACK,
                values={2016: 70.1, 2017: 70.6, 2018: 71.2, 2019: 71.5, 2020: 70.4, 2021: 71.9,
                        2022: 74.3, 2023: 74.6, 2024: 74.9},
                comments={2020: "Covid-19: flere ledige i service og detailhandel",
                          2022: "Ambitionen på 75,3 % er ikke nået (71,9 % året før)"}),
            Ind("Andel unge 18–29 år på offentlig forsørgelse", "%", LOWER, 14.6, 2015, 10.0,
                2026, ON_TRACK),
            Ind("Gennemsnitlig varighed af ledighedsforløb", "dager", LOWER, 168, 2015, 120, 2025,
                OFF_TRACK),
        ),
        (
            ("Virksomhedsrettede forløb i stedet for kurser", (0,),
             "Der er virksomheder, der vil tage imod ledige i praktik"),
            ("Hyppige samtaler med fast jobkonsulent", (0, 1), None),
            ("Uddannelsespålæg og mentor til unge uden uddannelse", (1,), None),
        ),
        (
            ("Ledige får kontakt til arbejdsmarkedet tidligt i forløbet", None),
            ("Unge påbegynder og gennemfører en uddannelse", None),
        ),
    ),
    Goal(
        "sygedagpenge",
        2011,
        "Sygemeldte vender hurtigere tilbage til arbejde",
        (
            Ind("Gennemsnitlig varighed af sygedagpengeforløb", "dager", LOWER, 112, 2015, 85,
                2025, AT_RISK),
            Ind("Andel sygedagpengeforløb over 22 uger", "%", LOWER, 21.5, 2015, 15.0, 2026,
                ON_TRACK),
        ),
        (
            ("Første samtale inden for 8 uger med plan for tilbagevenden", (0,), None),
            ("Delvis raskmelding aftalt med arbejdsgiveren", (0,),
             "Arbejdsgiveren kan tilpasse opgaverne midlertidigt"),
        ),
        (("Den sygemeldte bevarer kontakten til arbejdspladsen", None),),
    ),
    Goal(
        "hjemmehjaelp-sygepleje",
        2013,
        "Flere ældre klarer sig uden hjemmehjælp",
        (
            # Odense's real follow-up: 63,4 % in 2022 against a target of 59,2 % (met).
            Ind("Andel borgere over 80 år der klarer sig uden hjemmehjælp", "%", HIGHER, 55.8,
                2014, 59.2, 2022, MET,
                values={2016: 56.4, 2017: 57.1, 2018: 58.0, 2019: 59.5, 2020: 61.2, 2021: 62.0,
                        2022: 63.4, 2023: 63.1, 2024: 63.9},
                comments={2022: "Målet på 59,2 % er nået"}),
            Ind("Andel borgere der er selvhjulpne efter et rehabiliteringsforløb", "%", HIGHER,
                38.0, 2015, 50.0, 2025, ON_TRACK),
            Ind("Visiterede timer hjemmehjælp pr. borger over 67 år", "timer", LOWER, 11.2, 2015,
                9.0, 2026, AT_RISK),
        ),
        (
            ("Hverdagsrehabilitering før der visiteres til varig hjælp", (0,),
             "Borgeren er motiveret for at træne"),
            ("Velfærdsteknologi: vasketoilet, medicinrobot og skærmbesøg", (1,), None),
            ("Træning i eget hjem med terapeut", (0,), None),
        ),
        (
            ("Ældre genvinder færdigheder i dagligdagen", None),
            ("Færre besøg, fordi teknologien løser dele af opgaven",
             "Teknologien opleves som tryg af borgerne"),
        ),
    ),
    Goal(
        "plejeboliger",
        2013,
        "Beboere i plejeboliger har et trygt og meningsfuldt hverdagsliv",
        (
            Ind("Andel beboere og pårørende der er tilfredse", "%", HIGHER, 84.0, 2016, 90.0,
                2025, ON_TRACK),
            Ind("Antal faldulykker pr. 100 beboere", "antall", LOWER, 48, 2015, 30, 2026,
                OFF_TRACK),
            Ind("Gennemsnitlig ventetid på plejebolig", "dager", LOWER, 41, 2015, 30, 2025,
                AT_RISK),
        ),
        (
            ("Faldforebyggelse: træning, sensorer og medicingennemgang", (0,),
             "Personalet har tid til at følge op på sensoralarmer"),
            ("Aktiviteter i samarbejde med frivillige", (1,), None),
        ),
        (
            ("Færre fald og mindre frygt for at falde", None),
            ("Beboerne har noget at stå op til", None),
        ),
    ),
    Goal(
        "handicap",
        2012,
        "Borgere med handicap lever et så selvstændigt liv som muligt",
        (
            Ind("Andel borgere i botilbud med beskæftigelse eller dagtilbud", "%", HIGHER, 62.0,
                2015, 75.0, 2026, ON_TRACK),
            Ind("Andel borgere der flytter til et mindre indgribende tilbud", "%", HIGHER, 6.0,
                2016, 12.0, 2026, OFF_TRACK),
        ),
        (
            ("Individuelle mål i alle handleplaner", (0, 1), None),
            ("Beskyttet beskæftigelse i samarbejde med lokale virksomheder", (0,), None),
            ("Udslusningsboliger med bostøtte", (1,),
             "Der findes egnede boliger til en pris, borgerne kan betale"),
        ),
        (
            ("Borgerne har en meningsfuld dag uden for hjemmet", None),
            ("Borgerne kan flytte i egen bolig med støtte", None),
        ),
    ),
    Goal(
        "integration",
        2013,
        "Flere flygtninge og indvandrere bliver selvforsørgende",
        (
            Ind("Andel i arbejde eller uddannelse efter introduktionsprogrammet", "%", HIGHER,
                42.0, 2015, 65.0, 2026, AT_RISK),
            Ind("Andel tosprogede børn i dagtilbud fra 3 år", "%", HIGHER, 71.0, 2016, 90.0,
                2025, ON_TRACK),
        ),
        (
            ("Sprogundervisning kombineret med praktik fra første måned", (0,),
             "Arbejdsgiverne vil tage imod praktikanter med begrænset sprog"),
            ("Opsøgende arbejde om gratis kernetid i dagtilbud", (1,), None),
        ),
        (
            ("Deltagerne lærer sproget på en arbejdsplads", None),
            ("Børnene taler sproget ved skolestart", None),
        ),
    ),
    Goal(
        "integration",
        2013,
        "Flere tosprogede unge gennemfører en ungdomsuddannelse",
        (
            Ind("Andel tosprogede 25-årige med en ungdomsuddannelse", "%", HIGHER, 61.0, 2015,
                75.0, 2026, ON_TRACK),
            Ind("Frafald på ungdomsuddannelserne blandt tosprogede", "%", LOWER, 24.0, 2015,
                15.0, 2026, OFF_TRACK),
        ),
        (
            ("Lektiehjælp med frivillige på bibliotekerne", (0,), None),
            ("Mentorordning ved overgangen til ungdomsuddannelse", (0,),
             "Mentorerne bliver i ordningen mindst et år"),
        ),
        (("De unge har faglig og personlig støtte i hverdagen", None),),
    ),
)
# fmt: on

# Series run over these years; a generated series starts in one of the first two and ends in 2024
# or 2025 (the newest figures are not always published by the May seminar).
VALUE_YEARS = range(2016, 2026)


# --- Service review (tjenestens gjennomgang) -----------------------------------------------------

# Deadlines as in 2021 (30.06 internal control, 31.08 budget inputs), shifted to each year.
REVIEW_DEADLINES: tuple[tuple[ReviewPart, int, int], ...] = (
    (ReviewPart.INTERNAL_CONTROL, 6, 30),
    (ReviewPart.BUDGET_OPERATING, 8, 31),
    (ReviewPart.BUDGET_INVESTMENT, 8, 31),
    (ReviewPart.RENEWAL_NEED, 8, 31),
)
REVIEW_YEARS = range(2021, 2027)

# Shares of (submitted on time, submitted late, in progress, not started) per year. 2026 is the
# year in course, with more still outstanding.
REVIEW_MIX: dict[int, tuple[float, float, float, float]] = {
    2021: (0.70, 0.15, 0.09, 0.06),
    2022: (0.80, 0.14, 0.04, 0.02),
    2023: (0.83, 0.13, 0.03, 0.01),
    2024: (0.86, 0.11, 0.02, 0.01),
    2025: (0.86, 0.10, 0.03, 0.01),
    2026: (0.52, 0.16, 0.19, 0.13),
}

# Budget inputs in kroner (min, max), rounded to 10 000.
BUDGET_RANGE: dict[ReviewPart, tuple[int, int]] = {
    ReviewPart.BUDGET_OPERATING: (200_000, 6_000_000),
    ReviewPart.BUDGET_INVESTMENT: (1_000_000, 15_000_000),
}

LATE_COMMENTS = (
    "Forsinket på grunn av sykefravær hos leder",
    "Ventet på tall fra økonomiseksjonen",
    "Levert etter purring",
    "Ny leder tiltrådte i sommer",
)
OPEN_COMMENTS = (
    "Utkast under arbeid",
    "Avventer avklaring med kommunalsjef",
    "Mangler innspill fra avdelingene",
)
RENEWAL_COMMENTS = (
    "Foreslår fakturakontroll som kandidat til minuttjakt",
    "Ønsker bistand fra Digitalisering til prosesskartlegging",
    "Behov for digitalt søknadsskjema",
    "Vurderer velferdsteknologi i stedet for flere stillinger",
    "Kan fjerne dobbeltregistrering mellom fagsystem og regneark",
)


# --- Minuttjakt -------------------------------------------------------------------------------


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


# fmt: off
PROCESSES: tuple[Proc, ...] = (
    # Robots
    Proc("vederlag-etterkontroll", "Etterkontroll av vederlagsberegning", "helse-velferd",
         "sykehjem", AUTOMATE, IN_PRODUCTION, "2019-09", 6, 360),
    Proc("underbilag-opplasting", "Opplasting av underbilag", "organisasjon", "okonomi",
         AUTOMATE, IN_PRODUCTION, "2019-05", 2, 2400),
    Proc("purring-regninger", "Purring på ubetalte regninger", "organisasjon", "okonomi",
         AUTOMATE, RETIRED, "2019-03", 3, 600, retired="2022-12"),
    Proc("refusjon-sykepenger", "Refusjon sykepenger", "organisasjon", "hr", AUTOMATE,
         IN_PRODUCTION, "2019-11", 12, 220, estimated_hours=50),
    Proc("fakturakontroll", "Fakturakontroll", "organisasjon", "okonomi", AUTOMATE,
         IN_PRODUCTION, "2020-02", 1.5, 2900),
    Proc("lonnsendringer", "Lønnsendringer", "organisasjon", "hr", AUTOMATE, IN_PRODUCTION,
         "2020-06", 5, 480),
    Proc("sfo-soknad", "Søknad om SFO-plass", "oppvekst-skole", None, AUTOMATE, IN_PRODUCTION,
         "2020-09", 8, 150),
    Proc("bankavstemming", "Bankavstemming", "organisasjon", "okonomi", AUTOMATE, IN_PRODUCTION,
         "2021-01", 20, 90),
    Proc("ildsted-registrering", "Registrering av ildsted", "byutvikling-teknisk",
         "brann-redning", AUTOMATE, IN_PRODUCTION, "2021-03", 7, 260, estimated_hours=35),
    Proc("tjenestebevis", "Utstedelse av tjenestebevis", "helse-velferd", "hjemmetjenesten",
         AUTOMATE, IN_PRODUCTION, "2021-10", 10, 120),
    Proc("biblioteklan-purring", "Purring på bibliotekslån", "kultur-naering", "bibliotek",
         AUTOMATE, IN_PRODUCTION, "2022-01", 2, 900),
    Proc("vedtak-fagsystem", "Overføring av vedtak til fagsystem", "helse-velferd",
         "nav-sosial", AUTOMATE, IN_PRODUCTION, "2022-03", 6, 400),
    Proc("brukere-nyansatte", "Opprettelse av brukere for nyansatte", "organisasjon",
         "digitalisering", AUTOMATE, IN_PRODUCTION, "2022-09", 25, 70),
    Proc("barnehagesoknad", "Registrering av barnehagesøknader", "oppvekst-barn-unge",
         "barnehager", AUTOMATE, IN_PRODUCTION, "2023-02", 9, 160, estimated_hours=30),
    Proc("journalforing-epost", "Journalføring av e-post", "organisasjon", "dokumentsenter",
         AUTOMATE, IN_PRODUCTION, "2023-05", 3, 1300),
    Proc("helsestasjon-innkalling", "Innkalling til helsestasjon", "oppvekst-barn-unge",
         "helsestasjon", AUTOMATE, IN_PRODUCTION, "2024-01", 4, 800),
    Proc("kulturskole-fakturering", "Fakturering av kulturskoleplass", "kultur-naering",
         "kulturskole", AUTOMATE, IN_PRODUCTION, "2025-01", 5, 600),
    Proc("omsorgsstonad-utbetaling", "Utbetaling av omsorgsstønad", "helse-velferd",
         "bo-aktivitet", AUTOMATE, IN_PRODUCTION, "2025-03", 15, 150),
    Proc("matrikkel-ajourhold", "Ajourhold av adresseregister", "byutvikling-teknisk",
         "plan-byggesak", AUTOMATE, IN_DEVELOPMENT),
    Proc("startlan", "Behandling av startlån", "helse-velferd", "nav-sosial", AUTOMATE,
         IN_DEVELOPMENT),
    Proc("timelister-kontroll", "Kontroll av timelister", "organisasjon", "hr", AUTOMATE, IDEA),
    # Simplified processes: estimated hours only
    Proc("utleie-lokaler", "Utleie av kommunale lokaler", "kultur-naering", "idrett-friluft",
         SIMPLIFY, IN_PRODUCTION, "2020-03", estimated_hours=45),
    Proc("skoleskyss-soknad", "Søknad om skoleskyss", "oppvekst-skole", None, SIMPLIFY,
         IN_PRODUCTION, "2021-08", estimated_hours=30),
    Proc("hjelpemidler-bestilling", "Bestilling av hjelpemidler", "helse-velferd",
         "hjemmetjenesten", SIMPLIFY, IN_PRODUCTION, "2022-05", estimated_hours=60),
    Proc("skjenkebevilling", "Søknad om skjenkebevilling", "kultur-naering",
         "naering-reiseliv", SIMPLIFY, IN_DEVELOPMENT),
    Proc("vedlikeholdsbehov", "Innmelding av vedlikeholdsbehov", "byutvikling-teknisk",
         "eiendom", SIMPLIFY, IDEA),
    # Removed processes: estimated hours only
    Proc("reiseregning-papir", "Papirbasert attestasjon av reiseregninger", "organisasjon",
         "okonomi", REMOVE, IN_PRODUCTION, "2020-01", estimated_hours=40),
    Proc("fravaer-dobbelt", "Dobbeltregistrering av fravær i skolen", "oppvekst-skole", None,
         REMOVE, IN_PRODUCTION, "2022-08", estimated_hours=55),
    Proc("manedsrapport-manuell", "Manuell månedsrapport til sektorledelsen", "helse-velferd",
         None, REMOVE, IN_PRODUCTION, "2023-01", estimated_hours=25),
    Proc("byggesak-kvittering", "Kvittering for mottatt byggesøknad per brev",
         "byutvikling-teknisk", "plan-byggesak", REMOVE, IDEA),
)
# fmt: on

# Sandnes' annual report: "Direkte målbar effekt av robotiserte oppgaver var i 2020 på 3 389 timer."
MEASURED_HOURS_2020 = 3389
SAVINGS_END = dt.date(2026, 10, 1)  # the last month with records
# Robot volumes grow a little every year as more cases go through them.
RUNS_GROWTH_PER_YEAR = 0.08
# Fewer cases in the summer holiday and at Christmas (January first).
MONTH_FACTOR = (1.0, 1.0, 1.05, 0.95, 1.0, 1.0, 0.55, 0.9, 1.05, 1.05, 1.05, 0.85)

# Yearly goal for measured hours.
SAVINGS_GOALS: tuple[tuple[int, float], ...] = (
    (2020, 3000),
    (2021, 4000),
    (2022, 5500),
    (2023, 7000),
    (2024, 8500),
    (2025, 10000),
    (2026, 12000),
)
# Yearly goals of the sectors that set their own (the others have none, and their views say so
# instead of borrowing the municipality's): (sector, ((year, hours), ...)). They need not add up
# to the municipality's goal, which also counts processes not yet given to a sector's plan.
# fmt: off
SECTOR_SAVINGS_GOALS: tuple[tuple[str, tuple[tuple[int, float], ...]], ...] = (
    ("organisasjon", ((2020, 2500), (2021, 3200), (2022, 3800), (2023, 4400), (2024, 5000),
                      (2025, 5600), (2026, 6200))),
    ("helse-velferd", ((2020, 600), (2021, 800), (2022, 1000), (2023, 1300), (2024, 1600),
                       (2025, 1900), (2026, 2200))),
    ("byutvikling-teknisk", ((2021, 300), (2022, 400), (2023, 450), (2024, 500), (2025, 550),
                             (2026, 600))),
    ("oppvekst-skole", ((2021, 250), (2022, 300), (2023, 350), (2024, 400), (2025, 450),
                        (2026, 500))),
)
# fmt: on


# --- Public API -------------------------------------------------------------------------------


def database_is_empty(engine: Engine) -> bool:
    """True when the database holds no organisation at all (the CLI's --if-empty)."""
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(Organisation)).scalar_one() == 0


def load_demo(engine: Engine, *, seed: int = DEFAULT_SEED) -> None:
    """Load "Demo kommune" in one transaction; refuse if it is already there."""
    rng = random.Random(seed)
    with session_scope(engine) as session:
        existing = session.scalar(
            select(Organisation.id).where(Organisation.code == DEMO_ORGANISATION_CODE)
        )
        if existing is not None:
            raise ValueError(
                f"The demo organisation {DEMO_ORGANISATION_CODE!r} already exists; "
                "delete it before loading the demo again."
            )
        org_id = _insert_ids(
            session,
            Organisation,
            [
                {
                    "code": DEMO_ORGANISATION_CODE,
                    "name": DEMO_ORGANISATION_NAME,
                    "is_demo": True,
                    "region_code": DEMO_REGION,
                }
            ],
        )[0]
        sector_ids = _load_sectors(session, org_id)
        unit_ids = _load_units(session, org_id, sector_ids)
        _load_goals(session, org_id, sector_ids, rng)
        _load_service_review(session, unit_ids, rng)
        _load_savings(session, org_id, sector_ids, unit_ids, rng)
        # Its own random stream: the data above stays what it was before statistics came.
        _load_statistics(session, org_id, random.Random(seed + 17))
        # In the same transaction: every cache sees the new data at its next request.
        bump_data_version(session, [org_id], AREAS)


# --- Comparison statistics (demo data) --------------------------------------------------------
# The demo's region and its comparison regions, as `data/templates` has them (`sammenligning`).
# The series has the shape of a KOSTRA key figure (SSB table 12134: per municipality, KOSTRA group
# and country, yearly), but every number is invented, its id says demo and its source line says
# so: it is never passed off as Statistics Norway's.
DEMO_REGION = "9999"
DEMO_SERIES = "ssb:demo-12134:netto-driftsresultat"
DEMO_LINKED_INDICATOR = "Netto driftsresultat i pct. af indtægterne"
# (code, name, kind in the store, comparison kind, position, offset from the demo's own values)
DEMO_COMPARISON = (
    ("EKG07", "KOSTRA-gruppe 7", StatRegionKind.GROUP, ComparisonKind.GROUP, 1, 0.6),
    ("EAK", "Landet", StatRegionKind.COUNTRY, ComparisonKind.COUNTRY, 2, 0.9),
    ("9998", "Demo nabo nord", StatRegionKind.MUNICIPALITY, ComparisonKind.PEER, 3, -0.4),
    ("9997", "Demo nabo sør", StatRegionKind.MUNICIPALITY, ComparisonKind.PEER, 4, 1.3),
)
DEMO_PEERS_ONLY_IN_STORE = (("9996", "Demo nabo vest", 0.2), ("9995", "Demo nabo øst", -1.1))


def _load_statistics(session: Session, org_id: int, rng: random.Random) -> None:
    """A demo series in the statistics store, for the demo's region, its KOSTRA group, the
    country and its peers; the indicator of the same name takes its values from it."""
    indicator = session.scalar(
        select(Indicator).where(
            Indicator.organisation_id == org_id, Indicator.name == DEMO_LINKED_INDICATOR
        )
    )
    own = session.execute(
        select(IndicatorValue.period, IndicatorValue.value)
        .where(IndicatorValue.indicator_id == indicator.id)
        .order_by(IndicatorValue.period)
    ).all()
    series_id = _insert_ids(
        session,
        StatSeries,
        [
            {
                "code": DEMO_SERIES,
                "source": "ssb",
                "table_id": "demo-12134",
                "content": "netto-driftsresultat",
                "label": "Netto driftsresultat i prosent av brutto driftsinntekter (demodata)",
                "unit": "prosent",
                "decimals": 1,
                "source_note": "Demodata (oppdiktede tall i formen til SSB-tabell 12134)",
                "licence": "Demodata",
                "is_demo": True,
            }
        ],
    )[0]
    regions = [(DEMO_REGION, DEMO_ORGANISATION_NAME, StatRegionKind.MUNICIPALITY)]
    regions += [(code, name, kind) for code, name, kind, *_ in DEMO_COMPARISON]
    regions += [
        (code, name, StatRegionKind.MUNICIPALITY) for code, name, _ in DEMO_PEERS_ONLY_IN_STORE
    ]
    known = set(
        session.scalars(
            select(StatRegion.code).where(
                StatRegion.source == "ssb", StatRegion.code.in_([r[0] for r in regions])
            )
        )
    )
    _insert(
        session,
        StatRegion,
        [
            {"source": "ssb", "code": code, "name": name, "kind": kind}
            for code, name, kind in regions
            if code not in known
        ],
    )
    offsets = [(code, offset) for code, _, _, _, _, offset in DEMO_COMPARISON]
    offsets += [(code, offset) for code, _, offset in DEMO_PEERS_ONLY_IN_STORE]
    values: list[Row] = []
    for period, value in own:
        values.append(_stat_value(series_id, DEMO_REGION, period, value))
        for code, offset in offsets:
            other = round(value + offset + rng.gauss(0.0, 0.25), 1)
            values.append(_stat_value(series_id, code, period, other))
    # The newest year one peer has not reported yet: a missing value, not a zero.
    last = own[-1][0]
    values = [v for v in values if not (v["region_code"] == "9997" and v["period"] == str(last))]
    values.append(
        {
            "series_id": series_id,
            "region_code": "9997",
            "period": str(last),
            "value": None,
            "value_text": None,
            "status": "..",
        }
    )
    _insert(session, StatValue, values)
    _insert(
        session,
        ComparisonRegion,
        [
            {"organisation_id": org_id, "region_code": code, "kind": kind, "position": position}
            for code, _, _, kind, position, _ in DEMO_COMPARISON
        ],
    )
    # The values now come from the store (origin: statistics), as for a real linked indicator.
    session.execute(delete(IndicatorValue).where(IndicatorValue.indicator_id == indicator.id))
    indicator.series_code = DEMO_SERIES
    session.flush()
    sync_indicators(session, organisation_ids=[org_id], bump=False)  # load_demo bumps once


def _stat_value(series_id: int, region: str, period: int, value: float) -> Row:
    text = f"{value:.1f}"
    return {
        "series_id": series_id,
        "region_code": region,
        "period": str(period),
        "value": float(text),
        "value_text": text,
        "status": None,
    }


# --- Loading ----------------------------------------------------------------------------------

Row = dict[str, Any]


def _insert_ids(session: Session, model: Any, rows: list[Row]) -> list[int]:
    """Bulk insert, returning the new ids in the order of `rows`."""
    stmt = insert(model).returning(model.id, sort_by_parameter_order=True)
    return list(session.scalars(stmt, rows))


def _insert(session: Session, model: Any, rows: list[Row]) -> None:
    if rows:
        session.execute(insert(model), rows)


def _load_sectors(session: Session, org_id: int) -> dict[str, int]:
    rows = [{"organisation_id": org_id, "code": code, "name": name} for code, name in SECTORS]
    return dict(zip([code for code, _ in SECTORS], _insert_ids(session, Sector, rows), strict=True))


def _load_units(session: Session, org_id: int, sector_ids: dict[str, int]) -> dict[str, int]:
    rows = [
        {"organisation_id": org_id, "sector_id": sector_ids[sector], "code": code, "name": name}
        for sector, code, name in UNITS
    ]
    codes = [code for _, code, _ in UNITS]
    return dict(zip(codes, _insert_ids(session, Unit, rows), strict=True))


def _load_goals(
    session: Session, org_id: int, sector_ids: dict[str, int], rng: random.Random
) -> None:
    area_rows = [
        {
            "organisation_id": org_id,
            "code": code,
            "name": name,
            "introduced_budget_year": year,
            "is_cross_cutting": cross,
        }
        for code, name, year, cross, _ in CORE_AREAS
    ]
    area_ids = dict(
        zip([a[0] for a in CORE_AREAS], _insert_ids(session, CoreArea, area_rows), strict=True)
    )
    _insert(
        session,
        core_area_sector,
        [
            {"core_area_id": area_ids[code], "sector_id": sector_ids[sector]}
            for code, _, _, _, sectors in CORE_AREAS
            for sector in sectors
        ],
    )

    # Goal codes number the goals within their core area: "ledige-1", "integration-2".
    goal_codes: list[str] = []
    numbers: dict[str, int] = {}
    for goal in GOALS:
        numbers[goal.core_area] = numbers.get(goal.core_area, 0) + 1
        goal_codes.append(f"{goal.core_area}-{numbers[goal.core_area]}")
    goal_ids = _insert_ids(
        session,
        EffectGoal,
        [
            {
                "organisation_id": org_id,
                "core_area_id": area_ids[goal.core_area],
                "code": code,
                "adopted_budget_year": goal.adopted,
                "text": goal.text,
            }
            for goal, code in zip(GOALS, goal_codes, strict=True)
        ],
    )

    indicator_rows: list[Row] = []
    for goal, code, goal_id in zip(GOALS, goal_codes, goal_ids, strict=True):
        for number, ind in enumerate(goal.indicators, start=1):
            indicator_rows.append(
                {
                    "organisation_id": org_id,
                    "effect_goal_id": goal_id,
                    "code": f"{code}-i{number}",
                    "name": ind.name,
                    "unit_of_measure": ind.unit,
                    "decimals": _decimals(ind),
                    "direction": ind.direction,
                    "baseline_value": float(ind.baseline),
                    "baseline_year": ind.baseline_year,
                    "target_value": float(ind.target),
                    "target_year": ind.target_year,
                }
            )
    indicator_ids = _insert_ids(session, Indicator, indicator_rows)
    specs = [ind for goal in GOALS for ind in goal.indicators]
    value_rows: list[Row] = []
    for ind, indicator_id in zip(specs, indicator_ids, strict=True):
        for year, value in _series(ind, rng):
            comment = (ind.comments or {}).get(year)
            value_rows.append(
                {"indicator_id": indicator_id, "period": year, "value": value, "comment": comment}
            )
    _insert(session, IndicatorValue, value_rows)

    _load_theories_of_change(session, goal_ids)


def _decimals(ind: Ind) -> int:
    if ind.decimals is not None:
        return ind.decimals
    return 1 if ind.unit in ("%", "timer", "mill. kr") else 0


def _series(ind: Ind, rng: random.Random) -> list[tuple[int, float]]:
    """The yearly values of one indicator: fixed ones as given, otherwise a path from the
    baseline that ends at the intended outcome, with noise on the years between and a few gaps."""
    if ind.values is not None:
        return sorted(ind.values.items())
    first = rng.choice((VALUE_YEARS[0], VALUE_YEARS[0], VALUE_YEARS[1]))
    last = rng.choice((VALUE_YEARS[-2], VALUE_YEARS[-1], VALUE_YEARS[-1]))
    years = [y for y in range(first, last + 1) if y not in ind.gaps]
    # Up to two missing years inside the series (a survey not held, a register changed), never
    # the first or the last, and never leaving fewer than six values.
    inner = years[1:-1]
    for _ in range(rng.choice((0, 0, 1, 1, 2))):
        if len(years) > 6 and inner:
            gap = rng.choice(inner)
            inner.remove(gap)
            years.remove(gap)

    span_years = max(ind.target_year - ind.baseline_year, 1)
    expected = min(max((last - ind.baseline_year) / span_years, 0.0), 1.0)
    # Achievement (share of the way from baseline to target) in the last year, kept well inside
    # the band of the intended status so rounding cannot move it across a boundary.
    if ind.outcome == MET:
        final = rng.uniform(1.06, 1.25)
    elif ind.outcome == ON_TRACK:
        final = min(expected + rng.uniform(-0.03, 0.05), 0.96)
    elif ind.outcome == AT_RISK:
        final = max(expected - rng.uniform(0.17, 0.27), 0.12)
    else:  # off track: stalled far behind, or moving the wrong way
        final = expected - 0.55 if expected >= 0.75 else -rng.uniform(0.08, 0.25)

    decimals = _decimals(ind)
    span = ind.target - ind.baseline
    series: list[tuple[int, float]] = []
    for year in years:
        share = min(max((year - ind.baseline_year) / max(last - ind.baseline_year, 1), 0.0), 1.0)
        achievement = final * share
        if year != last and year != ind.baseline_year:
            achievement += rng.gauss(0.0, 0.04)
        value = ind.baseline + achievement * span
        if ind.unit == "%":
            value = min(max(value, 0.0), 100.0)
        series.append((year, round(value, decimals) if decimals else float(round(value))))
    return series


def _load_theories_of_change(session: Session, goal_ids: list[int]) -> None:
    """Interventions → intermediate results → the effect (the goal itself), with the critical
    assumption on some arrows. Positions run through the goal, interventions first."""
    step_rows: list[Row] = []
    for goal, goal_id in zip(GOALS, goal_ids, strict=True):
        steps: list[tuple[str, ChangeStepKind, str]] = [
            (f"I{n}", ChangeStepKind.INTERVENTION, text)
            for n, (text, _, _) in enumerate(goal.interventions, start=1)
        ]
        steps += [
            (f"R{n}", ChangeStepKind.INTERMEDIATE_RESULT, text)
            for n, (text, _) in enumerate(goal.results, start=1)
        ]
        steps.append(("E", ChangeStepKind.EFFECT, goal.text))
        step_rows += [
            {"effect_goal_id": goal_id, "code": code, "kind": kind, "text": text, "position": pos}
            for pos, (code, kind, text) in enumerate(steps, start=1)
        ]
    step_ids = iter(_insert_ids(session, ChangeStep, step_rows))

    link_rows: list[Row] = []
    for goal in GOALS:
        interventions = [next(step_ids) for _ in goal.interventions]
        results = [next(step_ids) for _ in goal.results]
        effect = next(step_ids)
        for step_id, (_, targets, assumption) in zip(
            interventions, goal.interventions, strict=True
        ):
            for number, target in enumerate(targets):
                link_rows.append(
                    {
                        "from_step_id": step_id,
                        "to_step_id": results[target],
                        # The assumption belongs to the intervention's first arrow.
                        "assumption": assumption if number == 0 else None,
                    }
                )
        for step_id, (_, assumption) in zip(results, goal.results, strict=True):
            link_rows.append(
                {"from_step_id": step_id, "to_step_id": effect, "assumption": assumption}
            )
    _insert(session, ChangeLink, link_rows)


def _weekday_on_or_before(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    return day


def _weekday_on_or_after(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def _load_service_review(session: Session, unit_ids: dict[str, int], rng: random.Random) -> None:
    rows: list[Row] = []
    for year in REVIEW_YEARS:
        on_time, late, in_progress, _ = REVIEW_MIX[year]
        for _, unit_code, _ in UNITS:
            for part, month, day in REVIEW_DEADLINES:
                deadline = dt.date(year, month, day)
                draw = rng.random()
                submitted_on: dt.date | None = None
                comment: str | None = None
                if draw < on_time:
                    status = ReviewStatus.SUBMITTED
                    # Answers come in over the last weeks before the deadline, on working days.
                    earliest = 55 if part is ReviewPart.INTERNAL_CONTROL else 40
                    days_before = rng.randint(0, earliest)
                    submitted_on = _weekday_on_or_before(deadline - dt.timedelta(days=days_before))
                elif draw < on_time + late:
                    status = ReviewStatus.SUBMITTED
                    submitted_on = _weekday_on_or_after(deadline + dt.timedelta(rng.randint(1, 30)))
                    if rng.random() < 0.5:
                        comment = rng.choice(LATE_COMMENTS)
                elif draw < on_time + late + in_progress:
                    status = ReviewStatus.IN_PROGRESS
                    if rng.random() < 0.6:
                        comment = rng.choice(OPEN_COMMENTS)
                else:
                    status = ReviewStatus.NOT_STARTED
                amount: float | None = None
                if part in BUDGET_RANGE and status is not ReviewStatus.NOT_STARTED:
                    low, high = BUDGET_RANGE[part]
                    amount = float(round(rng.uniform(low, high), -4))
                if (
                    part is ReviewPart.RENEWAL_NEED
                    and status is ReviewStatus.SUBMITTED
                    and comment is None
                    and rng.random() < 0.3
                ):
                    comment = rng.choice(RENEWAL_COMMENTS)
                rows.append(
                    {
                        "unit_id": unit_ids[unit_code],
                        "year": year,
                        "part": part,
                        "deadline": deadline,
                        "status": status,
                        "submitted_on": submitted_on,
                        "amount_nok": amount,
                        "comment": comment,
                    }
                )
    _insert(session, ServiceReviewTask, rows)


def _month(text: str) -> dt.date:
    year, month = text.split("-")
    return dt.date(int(year), int(month), 1)


def _months(start: dt.date, end: dt.date) -> list[dt.date]:
    months: list[dt.date] = []
    current = start
    while current <= end:
        months.append(current)
        current = dt.date(current.year + (current.month == 12), current.month % 12 + 1, 1)
    return months


def _half_hours(hours: float) -> float:
    """Hours rounded to the half hour: such values add up exactly in floating point."""
    return max(round(hours * 2) / 2, 0.5)


def _load_savings(
    session: Session,
    org_id: int,
    sector_ids: dict[str, int],
    unit_ids: dict[str, int],
    rng: random.Random,
) -> None:
    _insert(
        session,
        SavingsGoal,
        [
            {"organisation_id": org_id, "year": year, "hours": hours, "sector_id": None}
            for year, hours in SAVINGS_GOALS
        ]
        + [
            {"organisation_id": org_id, "year": year, "hours": hours, "sector_id": sector_ids[code]}
            for code, goals in SECTOR_SAVINGS_GOALS
            for year, hours in goals
        ],
    )
    process_ids = _insert_ids(
        session,
        SavingsProcess,
        [
            {
                "organisation_id": org_id,
                "sector_id": sector_ids[proc.sector],
                "unit_id": unit_ids[proc.unit] if proc.unit else None,
                "code": proc.code,
                "name": proc.name,
                "kind": proc.kind,
                "stage": proc.stage,
                "go_live": _month(proc.go_live) if proc.go_live else None,
            }
            for proc in PROCESSES
        ],
    )

    measured: list[Row] = []
    estimated: list[Row] = []
    for proc, process_id in zip(PROCESSES, process_ids, strict=True):
        if proc.go_live is None:
            continue
        start = _month(proc.go_live)
        end = _month(proc.retired) if proc.retired else SAVINGS_END
        for index, period in enumerate(_months(start, end)):
            season = MONTH_FACTOR[period.month - 1]
            if proc.minutes_per_run and proc.runs_per_month:
                # Robots: counted runs × minutes saved per run; a three-month ramp-up at go-live.
                ramp = (0.5, 0.75, 0.9)[index] if index < 3 else 1.0
                growth = (1 + RUNS_GROWTH_PER_YEAR) ** (period.year - start.year)
                volume = proc.runs_per_month * season * ramp * growth * rng.uniform(0.9, 1.1)
                runs = max(round(volume), 1)
                measured.append(
                    {
                        "process_id": process_id,
                        "period": period,
                        "hours": _half_hours(runs * proc.minutes_per_run / 60),
                        "basis": SavingsBasis.MEASURED,
                        "runs": runs,
                    }
                )
            if proc.estimated_hours:
                # The business case's estimate: whole hours, following the season.
                estimated.append(
                    {
                        "process_id": process_id,
                        "period": period,
                        "hours": float(max(round(proc.estimated_hours * season), 1)),
                        "basis": SavingsBasis.ESTIMATED,
                        "runs": None,
                    }
                )
    minutes_per_run = {
        process_id: proc.minutes_per_run or 1.0
        for proc, process_id in zip(PROCESSES, process_ids, strict=True)
    }
    _fix_2020_total(measured, minutes_per_run)
    _insert(session, SavingsRecord, measured + estimated)


def _fix_2020_total(measured: Sequence[Row], minutes_per_run: dict[int, float]) -> None:
    """Scale the 2020 measured records so they add up to exactly 3 389 hours (Sandnes' figure),
    and put the last half hours of rounding on the largest record."""
    rows = [row for row in measured if row["period"].year == 2020]
    total = sum(row["hours"] for row in rows)
    factor = MEASURED_HOURS_2020 / total
    for row in rows:
        row["hours"] = _half_hours(row["hours"] * factor)
        row["runs"] = max(round(row["hours"] * 60 / minutes_per_run[row["process_id"]]), 1)
    largest = max(rows, key=lambda row: (row["hours"], row["period"], row["process_id"]))
    largest["hours"] += MEASURED_HOURS_2020 - sum(row["hours"] for row in rows)
    assert sum(row["hours"] for row in rows) == MEASURED_HOURS_2020
