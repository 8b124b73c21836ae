""" "Demo Kommune (DK)": the Danish demo organisation, in Danish.

Odense's model: five forvaltninger, kerneområder taken in over the budget years 2011–2013 (two of
them tværgående), effektmål with indicators and forandringsteorier; two follow-ups are Odense's
real ones (the employment rate, the over-80s without home help). The service review and the
minuttjakt are the Norwegian practices as a Danish municipality would run them. Everything else
(names, numbers, texts) is invented and only looks plausible.
"""

from __future__ import annotations

from dashboard.ingest.demo.spec import (
    AT_RISK,
    AUTOMATE,
    HIGHER,
    IDEA,
    IN_DEVELOPMENT,
    IN_PRODUCTION,
    LOWER,
    MET,
    OFF_TRACK,
    ON_TRACK,
    REMOVE,
    RETIRED,
    SIMPLIFY,
    DemoOrganisation,
    Goal,
    Ind,
    Proc,
)

CODE = "demo-dk"
NAME = "Demo Kommune (DK)"

# Odense's five forvaltninger: (code, name)
SECTORS: tuple[tuple[str, str], ...] = (
    ("borgmester", "Borgmesterforvaltningen"),
    ("by-kultur", "By- og Kulturforvaltningen"),
    ("born-unge", "Børn- og Ungeforvaltningen"),
    ("social-arbejdsmarked", "Social- og Arbejdsmarkedsforvaltningen"),
    ("aeldre-handicap", "Ældre- og Handicapforvaltningen"),
)

# (forvaltning, unit code, name): the afdelinger that each deliver a service review.
UNITS: tuple[tuple[str, str, str], ...] = (
    ("borgmester", "okonomi", "Økonomi"),
    ("borgmester", "hr", "HR og Personale"),
    ("borgmester", "digitalisering", "Digitalisering"),
    ("borgmester", "borgerservice", "Borgerservice"),
    ("by-kultur", "beredskab", "Beredskab"),
    ("by-kultur", "vej-park", "Vej og Park"),
    ("by-kultur", "byggesag", "Byggesag"),
    ("by-kultur", "miljo", "Miljø og Klima"),
    ("by-kultur", "biblioteker", "Bibliotekerne"),
    ("by-kultur", "kulturhuse", "Kulturhuse og Musikskole"),
    ("born-unge", "lindeskolen", "Lindeskolen"),
    ("born-unge", "kirkebakkeskolen", "Kirkebakkeskolen"),
    ("born-unge", "sondermarksskolen", "Søndermarksskolen"),
    ("born-unge", "dagtilbud", "Dagtilbud"),
    ("born-unge", "ppr", "Pædagogisk Psykologisk Rådgivning"),
    ("born-unge", "sundhedspleje", "Sundhedsplejen"),
    ("social-arbejdsmarked", "jobcenter", "Jobcenter"),
    ("social-arbejdsmarked", "sygedagpenge", "Sygedagpenge og Fleksjob"),
    ("social-arbejdsmarked", "familie", "Familie og Børn"),
    ("social-arbejdsmarked", "integration", "Integration og Sprog"),
    ("aeldre-handicap", "hjemmepleje", "Hjemmeplejen"),
    ("aeldre-handicap", "plejecentre", "Plejecentre"),
    ("aeldre-handicap", "traening", "Træning og Rehabilitering"),
    ("aeldre-handicap", "handicap", "Handicap og Psykiatri"),
)

# (code, name, introduced budget year, tværgående, forvaltninger)
CORE_AREAS: tuple[tuple[str, str, int, bool, tuple[str, ...]], ...] = (
    ("okonomistyring", "Økonomistyring", 2011, False, ("borgmester",)),
    ("brandvaesen", "Brandvæsen", 2011, False, ("by-kultur",)),
    ("veje", "Veje", 2011, False, ("by-kultur",)),
    ("miljo", "Miljø", 2012, False, ("by-kultur",)),
    ("plan-byggeri", "Plan & Byggeri", 2013, False, ("by-kultur",)),
    ("erhverv-turisme", "Erhverv og turisme", 2012, False, ("borgmester",)),
    ("kultur", "Kultur", 2013, False, ("by-kultur",)),
    ("laering-udvikling", "Læring og Udvikling", 2011, False, ("born-unge",)),
    (
        "deltagelse-faellesskaber",
        "Deltagelse i samfundsliv og fællesskaber",
        2012,
        False,
        ("born-unge",),
    ),
    (
        "sundhed-trivsel",
        "Sundhed og trivsel",
        2012,
        True,
        ("born-unge", "aeldre-handicap", "social-arbejdsmarked"),
    ),
    ("ledige", "Ledige", 2011, False, ("social-arbejdsmarked",)),
    ("sygedagpenge", "Sygedagpengemodtagere", 2011, False, ("social-arbejdsmarked",)),
    ("hjemmehjaelp-sygepleje", "Hjemmehjælp og sygepleje", 2013, False, ("aeldre-handicap",)),
    ("plejeboliger", "Plejeboliger", 2013, False, ("aeldre-handicap",)),
    ("handicap", "Handicapområdet", 2012, False, ("aeldre-handicap",)),
    (
        "integration",
        "Integration",
        2013,
        True,
        ("social-arbejdsmarked", "born-unge", "by-kultur"),
    ),
)

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
            Ind("Antal bygningsbrande", "antal", LOWER, 142, 2015, 110, 2026, ON_TRACK),
            Ind("Andel udrykninger fremme inden for 10 minutter", "%", HIGHER, 78.0, 2015, 90.0,
                2025, OFF_TRACK, comments={2023: "Ny brandstation i nord først klar i 2026"}),
            Ind("Antal døde og tilskadekomne ved brand", "antal", LOWER, 21, 2015, 12, 2026,
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
            Ind("Antal tilskadekomne i trafikken på kommunale veje", "antal", LOWER, 64, 2015, 40,
                2026, ON_TRACK),
            Ind("Gennemsnitlig tid fra vejskade meldes til den er udbedret", "dage", LOWER, 21,
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
            Ind("Udledning af CO2 fra kommunens bygninger og køretøjer", "ton", LOWER, 18400,
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
            Ind("Gennemsnitlig sagsbehandlingstid for byggetilladelser", "dage", LOWER, 68, 2015,
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
            Ind("Antal private arbejdspladser", "antal", HIGHER, 28400, 2015, 32000, 2026,
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
            Ind("Antal kommercielle overnatninger", "antal", HIGHER, 212000, 2015, 260000, 2025,
                MET, comments={2020: "Covid-19: hoteller og campingpladser lukket i foråret"}),
            Ind("Turisternes samlede forbrug", "mio. kr.", HIGHER, 610.0, 2015, 720.0, 2026,
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
            Ind("Besøg på bibliotekerne pr. indbygger", "antal", HIGHER, 4.1, 2015, 5.0,
                2026, OFF_TRACK, decimals=1),
            Ind("Elever i kulturskolen i pct. af grundskolens elever", "%", HIGHER, 14.2, 2015,
                18.0, 2026, ON_TRACK),
            Ind("Besøgende til arrangementer i kulturhuset", "antal", HIGHER, 48000, 2016, 60000,
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
            Ind("Gennemsnitligt antal fraværsdage pr. elev", "dage", LOWER, 12, 2016, 8, 2026,
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
            Ind("Forebyggelige indlæggelser pr. 1 000 ældre", "antal", LOWER, 68, 2015, 55, 2026,
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
            Ind("Gennemsnitlig varighed af ledighedsforløb", "dage", LOWER, 168, 2015, 120, 2025,
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
            Ind("Gennemsnitlig varighed af sygedagpengeforløb", "dage", LOWER, 112, 2015, 85,
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
            Ind("Antal faldulykker pr. 100 beboere", "antal", LOWER, 48, 2015, 30, 2026,
                OFF_TRACK),
            Ind("Gennemsnitlig ventetid på plejebolig", "dage", LOWER, 41, 2015, 30, 2025,
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

LATE_COMMENTS = (
    "Forsinket på grund af sygefravær hos lederen",
    "Ventede på tal fra Økonomi",
    "Afleveret efter rykker",
    "Ny leder tiltrådte i sommer",
)
OPEN_COMMENTS = (
    "Udkast under arbejde",
    "Afventer afklaring med direktøren",
    "Mangler input fra afdelingerne",
)
RENEWAL_COMMENTS = (
    "Foreslår fakturakontrol som kandidat til minutjagten",
    "Ønsker hjælp fra Digitalisering til proceskortlægning",
    "Behov for en digital ansøgningsblanket",
    "Overvejer velfærdsteknologi i stedet for flere stillinger",
    "Kan fjerne dobbeltregistrering mellem fagsystem og regneark",
)

PROCESSES: tuple[Proc, ...] = (
    # Robots
    Proc("egenbetaling-efterregulering", "Efterregulering af egenbetaling", "aeldre-handicap",
         "plejecentre", AUTOMATE, IN_PRODUCTION, "2019-10", 6, 300),
    Proc("bilag-upload", "Upload af underbilag", "borgmester", "okonomi", AUTOMATE,
         IN_PRODUCTION, "2019-06", 2, 2100),
    Proc("rykker-regninger", "Rykker for ubetalte regninger", "borgmester", "okonomi",
         AUTOMATE, RETIRED, "2019-04", 3, 500, retired="2022-06"),
    Proc("refusion-sygedagpenge", "Refusion af sygedagpenge", "social-arbejdsmarked",
         "sygedagpenge", AUTOMATE, IN_PRODUCTION, "2019-12", 12, 260, estimated_hours=40),
    Proc("fakturakontrol", "Fakturakontrol", "borgmester", "okonomi", AUTOMATE, IN_PRODUCTION,
         "2020-03", 1.5, 2600),
    Proc("loenaendringer", "Lønændringer", "borgmester", "hr", AUTOMATE, IN_PRODUCTION,
         "2020-08", 5, 420),
    Proc("sfo-indmeldelse", "Indmeldelse i SFO", "born-unge", "dagtilbud", AUTOMATE,
         IN_PRODUCTION, "2020-10", 8, 170),
    Proc("bankafstemning", "Bankafstemning", "borgmester", "okonomi", AUTOMATE, IN_PRODUCTION,
         "2021-02", 20, 80),
    Proc("ildsted-registrering", "Registrering af ildsteder", "by-kultur", "beredskab",
         AUTOMATE, IN_PRODUCTION, "2021-04", 7, 220, estimated_hours=30),
    Proc("ledighedserklaering", "Oprettelse af ledighedserklæringer", "social-arbejdsmarked",
         "jobcenter", AUTOMATE, IN_PRODUCTION, "2021-09", 10, 180),
    Proc("biblioteksrykker", "Rykker for biblioteksmaterialer", "by-kultur", "biblioteker",
         AUTOMATE, IN_PRODUCTION, "2022-02", 2, 1000),
    Proc("visitation-fagsystem", "Overførsel af visitationer til omsorgssystemet",
         "aeldre-handicap", "hjemmepleje", AUTOMATE, IN_PRODUCTION, "2022-04", 6, 450),
    Proc("brugere-nyansatte", "Oprettelse af brugere til nyansatte", "borgmester",
         "digitalisering", AUTOMATE, IN_PRODUCTION, "2022-10", 25, 60),
    Proc("pladsanvisning", "Registrering af ansøgninger om dagtilbudsplads", "born-unge",
         "dagtilbud", AUTOMATE, IN_PRODUCTION, "2023-03", 9, 190, estimated_hours=25),
    Proc("journalisering-post", "Journalisering af digital post", "borgmester",
         "borgerservice", AUTOMATE, IN_PRODUCTION, "2023-06", 3, 1500),
    Proc("sundhedspleje-indkaldelse", "Indkaldelse til sundhedsplejen", "born-unge",
         "sundhedspleje", AUTOMATE, IN_PRODUCTION, "2024-02", 4, 700),
    Proc("musikskole-opkraevning", "Opkrævning af musikskolebetaling", "by-kultur",
         "kulturhuse", AUTOMATE, IN_PRODUCTION, "2025-02", 5, 500),
    Proc("merudgifter-udbetaling", "Udbetaling af merudgiftsydelse", "aeldre-handicap",
         "handicap", AUTOMATE, IN_PRODUCTION, "2025-04", 15, 120),
    Proc("adresseregister", "Ajourføring af adresseregistret", "by-kultur", "byggesag",
         AUTOMATE, IN_DEVELOPMENT),
    Proc("boligstoette", "Behandling af boligstøtte", "social-arbejdsmarked", "familie",
         AUTOMATE, IN_DEVELOPMENT),
    Proc("timesedler-kontrol", "Kontrol af timesedler", "borgmester", "hr", AUTOMATE, IDEA),
    # Simplified processes: estimated hours only
    Proc("lokaleudlaan", "Udlån af kommunale lokaler", "by-kultur", "kulturhuse", SIMPLIFY,
         IN_PRODUCTION, "2020-04", estimated_hours=40),
    Proc("befordring-ansoegning", "Ansøgning om befordring til skole", "born-unge", None,
         SIMPLIFY, IN_PRODUCTION, "2021-08", estimated_hours=35),
    Proc("hjaelpemidler-bestilling", "Bestilling af hjælpemidler", "aeldre-handicap",
         "traening", SIMPLIFY, IN_PRODUCTION, "2022-06", estimated_hours=55),
    Proc("alkoholbevilling", "Ansøgning om alkoholbevilling", "borgmester", "borgerservice",
         SIMPLIFY, IN_DEVELOPMENT),
    Proc("vedligeholdelse-melding", "Indmelding af vedligeholdelsesbehov", "by-kultur",
         "vej-park", SIMPLIFY, IDEA),
    # Removed processes: estimated hours only
    Proc("korselsgodtgorelse-papir", "Papirbaseret attestation af kørselsgodtgørelse",
         "borgmester", "okonomi", REMOVE, IN_PRODUCTION, "2020-02", estimated_hours=35),
    Proc("fravaer-dobbelt", "Dobbeltregistrering af elevfravær", "born-unge", None, REMOVE,
         IN_PRODUCTION, "2022-08", estimated_hours=50),
    Proc("maanedsrapport-manuel", "Manuel månedsrapport til direktionen", "aeldre-handicap",
         None, REMOVE, IN_PRODUCTION, "2023-02", estimated_hours=20),
    Proc("byggesag-kvittering", "Kvittering for modtaget byggeansøgning pr. brev",
         "by-kultur", "byggesag", REMOVE, IDEA),
)

# Yearly goal for measured hours, for the whole municipality.
SAVINGS_GOALS: tuple[tuple[int, float], ...] = (
    (2020, 2500), (2021, 3500), (2022, 5000), (2023, 6500), (2024, 8000), (2025, 9500),
    (2026, 11000),
)
# The forvaltninger that set their own goal; the others have none.
SECTOR_SAVINGS_GOALS: tuple[tuple[str, tuple[tuple[int, float], ...]], ...] = (
    ("borgmester", ((2020, 2200), (2021, 2900), (2022, 3500), (2023, 4100), (2024, 4700),
                    (2025, 5300), (2026, 5900))),
    ("aeldre-handicap", ((2021, 500), (2022, 700), (2023, 900), (2024, 1100), (2025, 1300),
                         (2026, 1500))),
)
# fmt: on

ORGANISATION = DemoOrganisation(
    code=CODE,
    name=NAME,
    region_code=None,
    sectors=SECTORS,
    units=UNITS,
    core_areas=CORE_AREAS,
    goals=GOALS,
    processes=PROCESSES,
    late_comments=LATE_COMMENTS,
    open_comments=OPEN_COMMENTS,
    renewal_comments=RENEWAL_COMMENTS,
    savings_goals=SAVINGS_GOALS,
    sector_savings_goals=SECTOR_SAVINGS_GOALS,
)
