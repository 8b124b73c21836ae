""" "Demo kommune": the Norwegian demo organisation, in Norwegian.

Sandnes' tjenesteområder are the sectors, Odense's model of effect goals (kerneområder with goals,
indicators and theories of change) is written as a Norwegian municipality would write it, Øvre
Eiker's tjenestens gjennomgang is the service review, and Sandnes' minuttjakt the process
savings, with exactly 3 389 measured hours in 2020. Two follow-ups are Odense's real ones (the
employment rate, the over-80s without home help). Everything else (names, numbers, texts) is
invented and only looks plausible.
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

CODE = "demo"
NAME = "Demo kommune"
REGION = "9999"

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

# Odense's kerneområder as a Norwegian municipality names them, on the Sandnes sectors:
# (code, name, introduced budget year, cross-cutting, sector codes)
CORE_AREAS: tuple[tuple[str, str, int, bool, tuple[str, ...]], ...] = (
    ("okonomistyring", "Økonomistyring", 2011, False, ("organisasjon",)),
    ("brann-redning", "Brann og redning", 2011, False, ("byutvikling-teknisk",)),
    ("vei-trafikk", "Vei og trafikk", 2011, False, ("byutvikling-teknisk",)),
    ("miljo", "Miljø og klima", 2012, False, ("byutvikling-teknisk",)),
    ("plan-bygg", "Plan og bygg", 2013, False, ("byutvikling-teknisk",)),
    ("naering-reiseliv", "Næring og reiseliv", 2012, False, ("kultur-naering",)),
    ("kultur", "Kultur", 2013, False, ("kultur-naering",)),
    ("laering-utvikling", "Læring og utvikling", 2011, False, ("oppvekst-skole",)),
    (
        "deltakelse-fellesskap",
        "Deltakelse i samfunn og fellesskap",
        2012,
        False,
        ("oppvekst-barn-unge",),
    ),
    (
        "helse-trivsel",
        "Helse og trivsel",
        2012,
        True,
        ("oppvekst-skole", "oppvekst-barn-unge", "helse-velferd"),
    ),
    ("arbeid", "Arbeid og aktivitet", 2011, False, ("helse-velferd",)),
    ("sykefravaer", "Sykmeldte tilbake i arbeid", 2011, False, ("helse-velferd",)),
    ("hjemmetjenester", "Hjemmetjenester", 2013, False, ("helse-velferd",)),
    ("sykehjem", "Sykehjem og omsorgsboliger", 2013, False, ("helse-velferd",)),
    (
        "funksjonsnedsettelse",
        "Tjenester til personer med funksjonsnedsettelse",
        2012,
        False,
        ("helse-velferd",),
    ),
    (
        "integrering",
        "Integrering",
        2013,
        True,
        ("helse-velferd", "oppvekst-barn-unge", "kultur-naering"),
    ),
)

# The indicator whose values come from the demo statistics series (`load_demo`).
LINKED_INDICATOR = "Netto driftsresultat i prosent av driftsinntektene"

# fmt: off
GOALS: tuple[Goal, ...] = (
    Goal(
        "okonomistyring",
        2011,
        "Kommunens økonomi er i balanse, og det er rom for å investere",
        (
            Ind(LINKED_INDICATOR, "%", HIGHER, 1.2, 2015, 2.0, 2026, AT_RISK),
            Ind("Avvik mellom regulert budsjett og regnskap", "%", LOWER, 3.8, 2015, 1.0, 2025,
                ON_TRACK),
            Ind("Andel leverandørfakturaer betalt til forfall", "%", HIGHER, 82.0, 2015, 95.0,
                2025, MET),
        ),
        (
            ("Månedlig økonomioppfølging med alle budsjettansvarlige", (0, 1),
             "Lederne har tid og oppdaterte tall til å følge opp hver måned"),
            ("Felles prognoseverktøy for drift og investering", (1,), None),
            ("Kurs i økonomistyring for nye ledere", (0,), None),
        ),
        (
            ("Budsjettansvarlige kjenner forbruket og prognosen sin til enhver tid", None),
            ("Avvik oppdages og håndteres i løpet av året",
             "Det er politisk vilje til å omprioritere i løpet av året"),
        ),
    ),
    Goal(
        "brann-redning",
        2011,
        "Færre branner, og rask hjelp når ulykken skjer",
        (
            Ind("Antall bygningsbranner", "antall", LOWER, 142, 2015, 110, 2026, ON_TRACK),
            Ind("Andel utrykninger fremme innen 10 minutter", "%", HIGHER, 78.0, 2015, 90.0,
                2025, OFF_TRACK, comments={2023: "Ny brannstasjon i nord står først klar i 2026"}),
            Ind("Antall døde og skadde i brann", "antall", LOWER, 21, 2015, 12, 2026, AT_RISK),
        ),
        (
            ("Brannforebyggende hjemmebesøk hos eldre og sårbare innbyggere", (0,),
             "Hjemmetjenesten melder fra om dem som har størst risiko"),
            ("Registrering av ildsted og tilsyn med fyringsanlegg", (1,), None),
            ("Røykvarslerkampanje sammen med borettslagene", (0,), None),
        ),
        (
            ("Flere boliger har en røykvarsler som virker", None),
            ("Færre branner starter i ildsteder og skorsteiner", None),
        ),
    ),
    Goal(
        "vei-trafikk",
        2011,
        "Veinettet er trygt og i god stand",
        (
            Ind("Andel kommunale veier i god eller svært god stand", "%", HIGHER, 61.0, 2014,
                75.0, 2026, AT_RISK),
            Ind("Antall skadde i trafikken på kommunale veier", "antall", LOWER, 64, 2015, 40,
                2026, ON_TRACK),
            Ind("Gjennomsnittlig tid fra veiskade meldes til den er utbedret", "dager", LOWER, 21,
                2016, 7, 2025, MET),
        ),
        (
            ("Flerårig vedlikeholdsplan for asfalt og fortau", (0,),
             "Vedlikeholdsbudsjettet holdes på samme nivå i hele planperioden"),
            ("Fartsdemping og trygge krysninger ved alle skoler", (1,), None),
            ("Digital melding av veiskader med bilde og posisjon", (0,), None),
        ),
        (
            ("Veiskader utbedres før de vokser", None),
            ("Lavere fart og færre konflikter på skoleveiene",
             "Trafikantene holder de nye fartsgrensene"),
        ),
    ),
    Goal(
        "miljo",
        2012,
        "Kommunen slipper ut mindre CO2 og gjenvinner mer avfall",
        (
            Ind("Utslipp av CO2 fra kommunens bygg og kjøretøy", "tonn", LOWER, 18400, 2015,
                11000, 2028, ON_TRACK),
            Ind("Andel husholdningsavfall levert til materialgjenvinning", "%", HIGHER, 38.0, 2015,
                55.0, 2025, OFF_TRACK),
        ),
        (
            ("Kommunens biler byttes til elbiler", (0,), None),
            ("Energirehabilitering av skoler og sykehjem", (0,),
             "Det er håndverkere og materialer å få til planlagt tid"),
            ("Sortering av matavfall og plast i alle husstander", (1,),
             "Innbyggerne sorterer når det er lett å gjøre"),
        ),
        (
            ("Lavere energibruk i kommunale bygg og biler", None),
            ("Mer avfall sorteres ved kilden", None),
        ),
    ),
    Goal(
        "plan-bygg",
        2013,
        "Byggesaker behandles raskt og forutsigbart",
        (
            Ind("Gjennomsnittlig saksbehandlingstid for byggesøknader", "dager", LOWER, 68, 2015,
                35, 2025, AT_RISK),
            Ind("Andel søknader som er komplette ved mottak", "%", HIGHER, 44.0, 2016, 85.0, 2025,
                ON_TRACK),
        ),
        (
            ("Digital søknad med sjekkliste over krav", (0,), None),
            ("Forhåndskonferanse med søkere om større prosjekter", (0,), None),
            ("Faste saksbehandlerteam per bydel", (1,),
             "Teamene kan bemannes til tross for mangel på byggesaksbehandlere"),
        ),
        (
            ("Færre søknader mangler opplysninger", None),
            ("Kortere ventetid mellom trinnene i saken", None),
        ),
    ),
    Goal(
        "naering-reiseliv",
        2012,
        "Flere arbeidsplasser i private virksomheter",
        (
            Ind("Antall private arbeidsplasser", "antall", HIGHER, 28400, 2015, 32000, 2026,
                ON_TRACK, comments={2020: "Covid-19: midlertidig nedgang i service og handel"}),
            Ind("Virksomhetenes tilfredshet med kommunens næringsservice", "%", HIGHER, 64.0,
                2016, 80.0, 2025, AT_RISK),
        ),
        (
            ("Én inngang for virksomheter, med fast kontaktperson", (0,), None),
            ("Næringsarealer opparbeides i takt med etterspørselen", (1,),
             "Virksomhetene velger å vokse lokalt framfor å flytte"),
        ),
        (
            ("Virksomhetene opplever en rask og imøtekommende kommune", None),
            ("Det finnes ledige næringstomter når virksomheter vil vokse", None),
        ),
    ),
    Goal(
        "naering-reiseliv",
        2013,
        "Flere turister overnatter og legger igjen penger i kommunen",
        (
            Ind("Antall kommersielle overnattinger", "antall", HIGHER, 212000, 2015, 260000, 2025,
                MET, comments={2020: "Covid-19: hoteller og campingplasser stengt om våren"}),
            Ind("Turistenes samlede forbruk", "mill. kr", HIGHER, 610.0, 2015, 720.0, 2026,
                ON_TRACK),
        ),
        (
            ("Felles markedsføring med nabokommunene", (0,), None),
            ("Utvikling av tur- og sykkelruter langs fjorden", (0, 1), None),
        ),
        (
            ("Byen er kjent som et mål for korte ferier", "Transportforbindelsene forblir gode"),
            ("Turistene blir flere dager per besøk", None),
        ),
    ),
    Goal(
        "kultur",
        2013,
        "Flere innbyggere deltar i kulturlivet",
        (
            Ind("Besøk i folkebibliotekene per innbygger", "antall", HIGHER, 4.1, 2015, 5.0,
                2026, OFF_TRACK, decimals=1),
            Ind("Elever i kulturskolen i prosent av elevene i grunnskolen", "%", HIGHER, 14.2,
                2015, 18.0, 2026, ON_TRACK),
            Ind("Besøkende på arrangementer i kulturhuset", "antall", HIGHER, 48000, 2016, 60000,
                2025, MET),
        ),
        (
            ("Meråpne bibliotek med tilgang til kl. 22", (0,),
             "Innbyggerne bruker biblioteket også når det ikke er betjent"),
            ("Søskenmoderasjon og friplass i kulturskolen", (1,), None),
            ("Program for barn og unge i kulturhuset", (1,), None),
        ),
        (
            ("Kulturtilbudene er åpne når innbyggerne har tid", None),
            ("Flere barn og unge møter kunst og kultur tidlig", None),
        ),
    ),
    Goal(
        "laering-utvikling",
        2011,
        "Alle barn lærer mer og blir så dyktige som de kan",
        (
            Ind("Andel elever på mestringsnivå 2 eller 3 i lesing, 5. trinn", "%", HIGHER, 76.0,
                2015, 85.0, 2026, AT_RISK),
            Ind("Andel elever med minst karakter 2 i norsk og matematikk etter 10. trinn", "%",
                HIGHER, 88.0, 2015, 95.0, 2025, ON_TRACK),
            Ind("Andel ungdom i videregående opplæring høsten etter 10. trinn", "%", HIGHER, 84.0,
                2015, 90.0, 2026, ON_TRACK),
        ),
        (
            ("Leseveiledere på alle skoler", (0,), None),
            ("To lærere i matematikktimene på ungdomstrinnet", (0,),
             "Lærerne får tid til felles forberedelse"),
            ("Utdanningsveiledning fra 8. trinn", (1,), None),
        ),
        (
            ("Elevene får undervisning tilpasset sitt nivå", None),
            ("Elevene tar et godt begrunnet valg av videregående opplæring", None),
        ),
    ),
    Goal(
        "laering-utvikling",
        2012,
        "Færre elever har bekymringsfullt fravær",
        (
            Ind("Andel elever med mer enn 10 % fravær", "%", LOWER, 9.8, 2016, 6.0, 2026,
                OFF_TRACK, comments={2022: "Fraværet økte etter nedstengningene i 2020–2021"}),
            Ind("Gjennomsnittlig antall fraværsdager per elev", "dager", LOWER, 12, 2016, 8, 2026,
                AT_RISK),
        ),
        (
            ("Tverrfaglig fraværsteam på hver skole", (0,),
             "Skole, PPT og helsesykepleier deler opplysninger i tide"),
            ("Fraværet registreres digitalt og følges opp samme dag", (0,), None),
        ),
        (("Elever med begynnende fravær fanges opp tidlig", None),),
    ),
    Goal(
        "deltakelse-fellesskap",
        2012,
        "Flere utsatte barn og unge er en del av fellesskapet",
        (
            Ind("Andel barn plassert i fosterhjem, også i egen familie og nettverk", "%", HIGHER,
                58.0, 2015, 70.0, 2026, ON_TRACK),
            Ind("Andel barn og unge 6–17 år med en fast fritidsaktivitet", "%", HIGHER, 74.0,
                2016, 85.0, 2025, AT_RISK),
            Ind("Andel bekymringsmeldinger gjennomgått innen 7 dager", "%", HIGHER, 81.0, 2016,
                100.0, 2025, ON_TRACK),
        ),
        (
            ("Familiehjelp: ett telefonnummer for alle som er bekymret for et barn", (0,), None),
            ("Fritidskort som betaler kontingenten for barn i familier med lav inntekt", (1,),
             "Idrettslag og foreninger har plass og frivillige trenere"),
            ("Nettverksmøter før vedtak om plassering utenfor hjemmet", (0,), None),
        ),
        (
            ("Familiene får riktig hjelp tidligere", None),
            ("Flere barn deltar i foreningslivet", None),
        ),
    ),
    Goal(
        "helse-trivsel",
        2012,
        "Flere barn og unge trives og lever sunt",
        (
            Ind("Andel elever som trives på skolen (elevundersøkelsen)", "%", HIGHER, 86.0, 2016,
                90.0, 2026, AT_RISK, gaps=(2020,),
                comments={2021: "Ingen elevundersøkelse i 2020 på grunn av covid-19"}),
            Ind("Andel barn med overvekt ved skolestart", "%", LOWER, 12.5, 2015, 9.0, 2026,
                OFF_TRACK),
            Ind("Andel 15-åringer som røyker daglig", "%", LOWER, 7.5, 2015, 3.0, 2025, MET),
        ),
        (
            ("Sunn skolemat og daglig fysisk aktivitet i skoletiden", (0, 1), None),
            ("Helsestasjonen følger opp barn med overvekt", (1,),
             "Foreldrene takker ja til tilbudet"),
            ("Røykfri skoletid og røykfrie uteområder", (2,), None),
            ("Elevråd for trivsel på alle skoler", (0,), None),
        ),
        (
            ("Barna beveger seg mer og spiser sunnere", None),
            ("Familier med overvektige barn får hjelp tidlig", None),
            ("Færre unge begynner å røyke", "Røyk er ikke en del av ungdomskulturen"),
        ),
    ),
    Goal(
        "helse-trivsel",
        2013,
        "Færre innbyggere får livsstilssykdommer",
        (
            Ind("Andel voksne med et høyt alkoholforbruk", "%", LOWER, 15.0, 2015, 11.0, 2026,
                ON_TRACK),
            Ind("Innleggelser som kunne vært unngått, per 1 000 eldre", "antall", LOWER, 68, 2015,
                55, 2026, AT_RISK),
        ),
        (
            ("Forebyggende samtaler hos fastlegen og i NAV", (0,), None),
            ("Akutteam og oppfølgende hjemmebesøk etter utskrivning", (1,),
             "Sykehuset sender epikrisen samme dag"),
        ),
        (
            ("Innbyggerne endrer vaner før de blir syke", None),
            ("Tidlige tegn på sykdom oppdages i eget hjem", None),
        ),
    ),
    Goal(
        "arbeid",
        2011,
        "Flere arbeidsledige kommer i jobb",
        (
            # Odense's real follow-up: 71,9 % (2021), 74,3 % (2022), ambition 75,3 % (not met).
            Ind("Sysselsettingsandel", "%", HIGHER, 69.8, 2015, 75.3, 2025, ON_TRACK,
                values={2016: 70.1, 2017: 70.6, 2018: 71.2, 2019: 71.5, 2020: 70.4, 2021: 71.9,
                        2022: 74.3, 2023: 74.6, 2024: 74.9},
                comments={2020: "Covid-19: flere ledige i service og varehandel",
                          2022: "Ambisjonen på 75,3 % er ikke nådd (71,9 % året før)"}),
            Ind("Andel unge 18–29 år som mottar sosialhjelp", "%", LOWER, 14.6, 2015, 10.0, 2026,
                ON_TRACK),
            Ind("Gjennomsnittlig varighet av ledighet", "dager", LOWER, 168, 2015, 120, 2025,
                OFF_TRACK),
        ),
        (
            ("Arbeidsrettede tiltak i virksomheter i stedet for kurs", (0,),
             "Det finnes virksomheter som vil ta imot ledige i praksis"),
            ("Hyppige samtaler med fast jobbkonsulent", (0, 1), None),
            ("Aktivitetsplikt og mentor for unge uten fullført utdanning", (1,), None),
        ),
        (
            ("Ledige får kontakt med arbeidslivet tidlig", None),
            ("Unge begynner på og fullfører en utdanning", None),
        ),
    ),
    Goal(
        "sykefravaer",
        2011,
        "Sykmeldte kommer raskere tilbake i arbeid",
        (
            Ind("Gjennomsnittlig varighet av sykmeldinger", "dager", LOWER, 112, 2015, 85, 2025,
                AT_RISK),
            Ind("Andel sykmeldinger som varer mer enn 22 uker", "%", LOWER, 21.5, 2015, 15.0, 2026,
                ON_TRACK),
        ),
        (
            ("Første dialogmøte innen 8 uker med plan for tilbakekomst", (0,), None),
            ("Gradert sykmelding avtalt med arbeidsgiveren", (0,),
             "Arbeidsgiveren kan tilpasse oppgavene for en periode"),
        ),
        (("Den sykmeldte holder kontakten med arbeidsplassen", None),),
    ),
    Goal(
        "hjemmetjenester",
        2013,
        "Flere eldre klarer seg uten hjemmetjenester",
        (
            # Odense's real follow-up: 63,4 % in 2022 against a target of 59,2 % (met).
            Ind("Andel innbyggere over 80 år som klarer seg uten hjemmetjenester", "%", HIGHER,
                55.8, 2014, 59.2, 2022, MET,
                values={2016: 56.4, 2017: 57.1, 2018: 58.0, 2019: 59.5, 2020: 61.2, 2021: 62.0,
                        2022: 63.4, 2023: 63.1, 2024: 63.9},
                comments={2022: "Målet på 59,2 % er nådd"}),
            Ind("Andel brukere som er selvhjulpne etter hverdagsrehabilitering", "%", HIGHER,
                38.0, 2015, 50.0, 2025, ON_TRACK),
            Ind("Vedtakstimer hjemmetjenester per innbygger over 67 år", "timer", LOWER, 11.2,
                2015, 9.0, 2026, AT_RISK),
        ),
        (
            ("Hverdagsrehabilitering før vedtak om varig hjelp", (0,),
             "Brukeren er motivert for å trene"),
            ("Velferdsteknologi: dusjtoalett, medisindispenser og digitalt tilsyn", (1,), None),
            ("Trening i eget hjem med fysioterapeut eller ergoterapeut", (0,), None),
        ),
        (
            ("Eldre gjenvinner ferdigheter i hverdagen", None),
            ("Færre besøk, fordi teknologien løser deler av oppgaven",
             "Brukerne opplever teknologien som trygg"),
        ),
    ),
    Goal(
        "sykehjem",
        2013,
        "Beboere på sykehjem har en trygg og meningsfull hverdag",
        (
            Ind("Andel beboere og pårørende som er fornøyde", "%", HIGHER, 84.0, 2016, 90.0, 2025,
                ON_TRACK),
            Ind("Antall fallulykker per 100 beboere", "antall", LOWER, 48, 2015, 30, 2026,
                OFF_TRACK),
            Ind("Gjennomsnittlig ventetid på sykehjemsplass", "dager", LOWER, 41, 2015, 30, 2025,
                AT_RISK),
        ),
        (
            ("Fallforebygging: trening, sensorer og legemiddelgjennomgang", (0,),
             "Personalet har tid til å følge opp sensorvarslene"),
            ("Aktiviteter i samarbeid med frivillige", (1,), None),
        ),
        (
            ("Færre fall og mindre frykt for å falle", None),
            ("Beboerne har noe å stå opp til", None),
        ),
    ),
    Goal(
        "funksjonsnedsettelse",
        2012,
        "Innbyggere med funksjonsnedsettelse lever et så selvstendig liv som mulig",
        (
            Ind("Andel beboere i bofellesskap med arbeid eller dagtilbud", "%", HIGHER, 62.0,
                2015, 75.0, 2026, ON_TRACK),
            Ind("Andel beboere som flytter til et mindre omfattende tilbud", "%", HIGHER, 6.0,
                2016, 12.0, 2026, OFF_TRACK),
        ),
        (
            ("Individuelle mål i alle individuelle planer", (0, 1), None),
            ("Varig tilrettelagt arbeid i samarbeid med lokale virksomheter", (0,), None),
            ("Treningsleiligheter med oppfølging i hjemmet", (1,),
             "Det finnes egnede boliger til en pris beboerne kan betale"),
        ),
        (
            ("Beboerne har en meningsfull dag utenfor hjemmet", None),
            ("Beboerne kan flytte til egen bolig med oppfølging", None),
        ),
    ),
    Goal(
        "integrering",
        2013,
        "Flere flyktninger og innvandrere blir selvforsørget",
        (
            Ind("Andel i arbeid eller utdanning etter introduksjonsprogrammet", "%", HIGHER, 42.0,
                2015, 65.0, 2026, AT_RISK),
            Ind("Andel minoritetsspråklige barn 3–5 år i barnehage", "%", HIGHER, 71.0, 2016,
                90.0, 2025, ON_TRACK),
        ),
        (
            ("Norskopplæring kombinert med språkpraksis fra første måned", (0,),
             "Arbeidsgiverne vil ta imot praktikanter som ennå ikke snakker godt norsk"),
            ("Oppsøkende arbeid om gratis kjernetid i barnehage", (1,), None),
        ),
        (
            ("Deltakerne lærer språket på en arbeidsplass", None),
            ("Barna snakker norsk ved skolestart", None),
        ),
    ),
    Goal(
        "integrering",
        2013,
        "Flere minoritetsspråklige unge fullfører videregående opplæring",
        (
            Ind("Andel minoritetsspråklige 25-åringer med fullført videregående", "%", HIGHER,
                61.0, 2015, 75.0, 2026, ON_TRACK),
            Ind("Frafall i videregående blant minoritetsspråklige elever", "%", LOWER, 24.0, 2015,
                15.0, 2026, OFF_TRACK),
        ),
        (
            ("Leksehjelp med frivillige på biblioteket", (0,), None),
            ("Mentorordning i overgangen til videregående", (0,),
             "Mentorene blir i ordningen minst ett år"),
        ),
        (("De unge har faglig og personlig støtte i hverdagen", None),),
    ),
)

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

# Yearly goal for measured hours, for the whole municipality.
SAVINGS_GOALS: tuple[tuple[int, float], ...] = (
    (2020, 3000), (2021, 4000), (2022, 5500), (2023, 7000), (2024, 8500), (2025, 10000),
    (2026, 12000),
)
# Yearly goals of the sectors that set their own (the others have none, and their views say so
# instead of borrowing the municipality's). They need not add up to the municipality's goal,
# which also counts processes not yet given to a sector's plan.
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

ORGANISATION = DemoOrganisation(
    code=CODE,
    name=NAME,
    region_code=REGION,
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
    # Sandnes' annual report: "Direkte målbar effekt av robotiserte oppgaver var i 2020 på
    # 3 389 timer."
    measured_hours_2020=3389,
)
