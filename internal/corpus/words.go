package corpus

// Word pools for the synthetic reports. Lists are written as "|"-separated
// strings and split once per process (see split). Every theme becomes one
// chapter of the synthetic coalition agreement: chapter number = index + 1.

type theme struct {
	// name completes "Evaluatie van de nakoming van regeringsbeloften over …".
	name string
	// entities are agencies and bodies the theme's texts name.
	entities string
	// nouns are policy objects ("de exportsteun voor kmo’s").
	nouns string
	// goals complete "om … " / "willen we …" (infinitive clauses).
	goals string
	// heads open a section text: "{entity} {head}".
	heads string
	// topics are bold detail-bullet topics.
	topics string
	// subjects are decision-title subjects.
	subjects string
}

var themes = []theme{
	{
		name:     "internationalisering|internationaal ondernemen|de export van Vlaamse bedrijven|buitenlandse investeringen",
		entities: "FIT|Flanders Investment & Trade|VLAIO|PMV|het Hermes fonds|Flanders Technology & Innovation|de Vlaamse SOC’s|het departement Economie, Wetenschap & Innovatie",
		nouns:    "de internationaliseringsstrategie|de exportsteun voor kmo’s|het buitenlands netwerk|de technologieattachés|de starterspakketten internationalisering|de economische missies|de promotie van Vlaanderen als topregio|de bijzondere exportsteun|het investeringsluik|de dienstverlening aan buitenlandse investeerders",
		goals:    "de internationale uitstraling van Vlaanderen verder te ontwikkelen|nieuwe markten aan te boren|de toppositie als investeringslocatie te behouden|kmo’s beter te begeleiden op buitenlandse markten|de gevolgen van de brexit op te vangen|het aantal exporterende bedrijven te verhogen",
		heads:    "promoot Vlaanderen wereldwijd als innovatieve topregio|versterkt zijn dienstverlening op maat|investeert in een performant buitenlands netwerk|ondersteunt bedrijven bij nieuwe handelsakkoorden|werkt een gerichte exportstrategie uit",
		topics:   "Digitalisatie en Dienstverlening|Subsidies en Steunprogramma's|Technologische Samenwerking en Kennisdeling|Internationale kennisuitwisseling|Impact van Brexit|Innovatieve en duurzame initiatieven|Exportbevordering|Buitenlandse investeringen",
		subjects: "extra subsidies voor Bijzondere Exportsteun|Starterspakketten Internationalisering|Datagedreven organisatie & Digitalisering dienstverlening|strategische transformatie van Flanders Investment & Trade|maatregelen voor door de brexit geïmpacteerde bedrijven|het Vlaamse internationale beurzenprogramma voor topstudenten|verankering van de event- entertainmentsector|economische missie naar Japan en Zuid-Korea|Science & Technology Offices in opkomende economieën|bijzondere crisissteun internationalisering",
	},
	{
		name:     "werk en sociale economie|de arbeidsmarkt|activering van werkzoekenden|levenslang leren",
		entities: "de VDAB|de SERV|Syntra Vlaanderen|het departement Werk en Sociale Economie|de sociale partners|de lokale besturen|de maatwerkbedrijven",
		nouns:    "de activering van werkzoekenden|het individueel leer- en ontwikkelingsbudget|de opleidingsincentives|de werkbaarheid van jobs|het maatwerk in collectieve inschakeling|de knelpuntberoepen|de duale opleidingen|de loopbaanbegeleiding|het Vlaams opleidingsverlof|de tijdelijke werkervaring",
		goals:    "de werkzaamheidsgraad op te trekken tot 80 procent|meer mensen naar een duurzame job te begeleiden|de knelpuntvacatures sneller in te vullen|levenslang leren te verankeren|de kloof op de arbeidsmarkt te dichten|de regeldruk voor werkgevers te verlagen",
		heads:    "zet in op een activerend arbeidsmarktbeleid|maakt werk van levenslang leren|versterkt de sociale economie|moderniseert de opleidingsincentives|stimuleert werkbaar werk",
		topics:   "Activering en Begeleiding|Opleiding en Competenties|Sociale economie|Werkbaar werk|Knelpuntberoepen|Samenwerking met lokale besturen|Arbeidsmarktdata",
		subjects: "het individueel leer- en ontwikkelingsbudget|de regeling Vlaams opleidingsverlof|maatwerk bij individuele inschakeling|de erkenning van maatwerkbedrijven|het doelgroepenbeleid voor oudere werknemers|de activering van leefloongerechtigden|het jobbonusdecreet|de opleidingscheques voor werknemers",
	},
	{
		name:     "onderwijs en vorming|het hoger onderwijs|de kwaliteit van het onderwijs|het lerarentekort",
		entities: "AHOVOKS|de VLIR|de VLHORA|de onderwijsinspectie|de scholengroepen|de Vlaamse Scholierenkoepel|het departement Onderwijs en Vorming",
		nouns:    "de eindtermen|de Vlaamse toetsen|het lerarenberoep|de lerarenopleiding|het buitengewoon onderwijs|de digitale leermiddelen|de studietoelagen|de onderwijsinfrastructuur|het Nederlands als instructietaal|de leerlingenbegeleiding",
		goals:    "de onderwijskwaliteit opnieuw te verhogen|het lerarentekort terug te dringen|elke leerling de basisvaardigheden bij te brengen|de schoolgebouwen te moderniseren|de studiekeuze beter te begeleiden|het aantal vroegtijdige schoolverlaters te verminderen",
		heads:    "zet de kwaliteit van het onderwijs centraal|waardeert het lerarenberoep op|investeert in de onderwijsinfrastructuur|voert Vlaamse toetsen in|hervormt de lerarenopleiding",
		topics:   "Eindtermen en Toetsing|Lerarenberoep|Infrastructuur|Digitalisering van het onderwijs|Leerlingenbegeleiding|Hoger onderwijs|Taalbeleid",
		subjects: "de Vlaamse toetsen in het basisonderwijs|de eindtermen voor de tweede graad|het statuut van de leraar in opleiding|de inhaalbeweging schoolinfrastructuur|het Digisprongplan|de studietoelagen voor het hoger onderwijs|de erkenning van de lerarenopleidingen|het decreet leersteun",
	},
	{
		name:     "welzijn en gezondheid|de zorg|kinderopvang en gezinsbeleid|de geestelijke gezondheidszorg",
		entities: "het agentschap Zorg en Gezondheid|Opgroeien|het VAPH|de eerstelijnszones|de woonzorgcentra|WVG|de Centra voor Algemeen Welzijnswerk",
		nouns:    "de kinderopvang|de persoonsvolgende financiering|de geestelijke gezondheidszorg|de eerstelijnszorg|de residentiële ouderenzorg|de jeugdhulp|het Groeipakket|de preventieve gezondheidszorg|de zorgbudgetten|de mantelzorg",
		goals:    "de wachtlijsten in de zorg weg te werken|de kwaliteit in de woonzorgcentra te bewaken|elk kind een plaats in de kinderopvang te bieden|de eerstelijn sterker te organiseren|mantelzorgers beter te ondersteunen|kwetsbare gezinnen sneller te bereiken",
		heads:    "bouwt een sterke eerstelijnszorg uit|investeert in kwaliteitsvolle kinderopvang|versterkt de geestelijke gezondheidszorg|werkt de wachtlijsten weg|ondersteunt mantelzorgers",
		topics:   "Kinderopvang|Ouderenzorg|Geestelijke gezondheid|Personen met een handicap|Eerstelijnszorg|Preventie|Jeugdhulp",
		subjects: "de uitbreiding van de kinderopvang voor baby’s en peuters|het woonzorgdecreet|de persoonsvolgende financiering voor personen met een handicap|de Vlaamse sociale bescherming|het Groeipakket|de relance van de geestelijke gezondheidszorg|de erkenning van de eerstelijnszones|het preventieplan voor infectieziekten",
	},
	{
		name:     "mobiliteit en openbare werken|het openbaar vervoer|verkeersveiligheid|de fietsinfrastructuur",
		entities: "De Lijn|het Agentschap Wegen en Verkeer|De Vlaamse Waterweg|het departement MOW|de vervoerregio’s|Lantis|de NMBS",
		nouns:    "de basisbereikbaarheid|het fietsbeleid|de verkeersveiligheid|de Oosterweelverbinding|het openbaar vervoer|de vervoerregioplannen|de trajectcontroles|de zero-emissiebussen|de waterwegen|de mobiliteitsbudgetten",
		goals:    "het aantal verkeersdoden te halveren|meer pendelaars naar de fiets te krijgen|de files rond Antwerpen en Brussel te verminderen|het openbaar vervoer vraaggericht te organiseren|de modal shift naar duurzame vervoerswijzen te realiseren|de binnenvaart te versterken",
		heads:    "realiseert basisbereikbaarheid in alle vervoerregio’s|investeert recordbedragen in fietspaden|maakt werk van verkeersveiligheid|voltooit de Oosterweelverbinding|vergroent het openbaar vervoer",
		topics:   "Basisbereikbaarheid|Fietsinfrastructuur|Verkeersveiligheid|Grote infrastructuurwerken|Vergroening van het wagenpark|Waterwegen|Vervoerregio’s",
		subjects: "het vervoerregioplan van de regio Gent|de aanleg van fietssnelwegen|de uitrol van trajectcontroles|de werken aan de Ring rond Antwerpen|de aankoop van elektrische bussen voor De Lijn|het Seine-Scheldeproject|het verkeersveiligheidsplan Vlaanderen|de tariefstructuur van De Lijn",
	},
	{
		name:     "klimaat, energie en omgeving|het klimaatbeleid|de energietransitie|het waterbeleid",
		entities: "de VMM|OVAM|de VEKA|Fluvius|VITO|het departement Omgeving|de Vlaamse Landmaatschappij",
		nouns:    "het Vlaams Energie- en Klimaatplan|de renovatieverplichting|de energiepremies|de stikstofaanpak|de Blue Deal|de PFAS-sanering|de hernieuwbare energie|de circulaire economie|de luchtkwaliteit|de ontharding van verharde oppervlakken",
		goals:    "de uitstoot van broeikasgassen met 40 procent te verminderen|de droogte structureel aan te pakken|elke woning tegen 2050 energiezuinig te maken|de bodem te saneren|meer hernieuwbare energie op te wekken|de biodiversiteit te herstellen",
		heads:    "voert een ambitieus klimaatbeleid|versnelt de renovatie van woningen|pakt de droogte aan met de Blue Deal|zet in op circulaire economie|beschermt de luchtkwaliteit",
		topics:   "Klimaat en Energie|Renovatie van het woningpatrimonium|Waterbeheer en Droogte|Bodemsanering|Circulaire economie|Luchtkwaliteit|Natuur en Biodiversiteit",
		subjects: "de projectoproep internationale klimaatfinanciering|het Vlaams Energie- en Klimaatplan 2021-2030|de Mijn VerbouwPremie|de Blue Deal tegen droogte|de oprichting van een kenniscentrum innovatieve saneringstechnieken|het programmatisch aanpak stikstof|de uitrol van digitale meters|het actieplan circulaire economie",
	},
	{
		name:     "landbouw en visserij|de landbouwsector|voedselveiligheid|de korte keten",
		entities: "ILVO|VLAM|het departement Landbouw en Visserij|de Vlaamse Landmaatschappij|het Vlaams Agentschap voor Agro- en Visserijmarketing",
		nouns:    "het gemeenschappelijk landbouwbeleid|de korte keten|de precisielandbouw|de visserijvloot|de afzetbevordering|de mestbank|de jonge landbouwers|de agrovoedingsketen|de biologische landbouw|de innovatiesteun",
		goals:    "de inkomens van landbouwers te versterken|de sector te verduurzamen|de export van landbouwproducten te bevorderen|jonge landbouwers een toekomst te geven|de administratieve lasten voor landbouwers te verminderen",
		heads:    "steunt een duurzame landbouwsector|werkt aan een toekomst voor de visserij|bevordert de afzet van Vlaamse producten|stimuleert innovatie in de agrovoeding",
		topics:   "Gemeenschappelijk landbouwbeleid|Afzetbevordering|Visserij|Innovatie in de agrovoeding|Jonge landbouwers|Duurzaamheid",
		subjects: "het Vlaams strategisch plan voor het gemeenschappelijk landbouwbeleid|de VLAM Corona Exit-plan maatregelen|de investeringssteun voor landbouwers|het Europees Fonds voor Maritieme Zaken, Visserij en Aquacultuur|de steun aan de korte keten|de erkenning van producentenorganisaties",
	},
	{
		name:     "cultuur, jeugd, sport en media|het cultuurbeleid|de sportinfrastructuur|het mediabeleid",
		entities: "CJM|Sport Vlaanderen|Toerisme Vlaanderen|de VRT|het Vlaams Audiovisueel Fonds|de erfgoedgemeenschappen|de jeugdhuizen",
		nouns:    "de Vlaamse Canon|de topsport|de sportinfrastructuur|het erfgoed|de kunsteninstellingen|het jeugdwerk|de openbare omroep|de toeristische sector|het topevenementenbeleid|de lokale media",
		goals:    "de Vlaamse identiteit te versterken|de internationale uitstraling van onze kunstenaars te vergroten|meer Vlamingen aan het sporten te krijgen|de toeristische sector na de crisis te herstellen|het jeugdwerk toegankelijker te maken",
		heads:    "versterkt de Vlaamse identiteit|investeert in topsport en breedtesport|ondersteunt de kunsten en het erfgoed|herstelt de toeristische sector|hervormt de openbare omroep",
		topics:   "Topsport en Breedtesport|Erfgoed|Kunsten|Toerisme|Media|Jeugdwerk|Topevenementen",
		subjects: "de uitbouw van een Vlaams topevenementenbeleid|de beheersovereenkomst met de VRT|het Vlaams Audiovisueel Fonds|de erkenning van erfgoedgemeenschappen|het relanceplan voor de toeristische sector|de subsidiëring van kunstenorganisaties|het Huis van het Vlaams Erfgoed|de sportinfrastructuur voor topsport",
	},
	{
		name:     "binnenlands bestuur, wonen en gelijke kansen|de lokale besturen|het woonbeleid|inburgering en integratie",
		entities: "het Agentschap Binnenlands Bestuur|Wonen-Vlaanderen|de VMSW|het Agentschap Integratie en Inburgering|de sociale huisvestingsmaatschappijen|de gemeenten|de provincies",
		nouns:    "de sociale huur|de woonmaatschappijen|de inburgering|de gemeentefusies|het Gemeentefonds|de huurpremie|de lokale besturen|het gelijkekansenbeleid|de betaalbaarheid van wonen|de bestuurlijke vereenvoudiging",
		goals:    "de wachtlijsten voor sociale woningen in te korten|nieuwkomers sneller te laten integreren|sterkere lokale besturen te vormen|wonen betaalbaar te houden|discriminatie op de woningmarkt aan te pakken",
		heads:    "maakt werk van sterke lokale besturen|hervormt de sociale huisvesting|verplicht inburgering voor nieuwkomers|zet in op betaalbaar wonen",
		topics:   "Sociale huisvesting|Inburgering|Lokale besturen|Betaalbaar wonen|Gelijke kansen|Bestuurlijke vereenvoudiging",
		subjects: "de oprichting van de woonmaatschappijen|het inburgeringstraject voor nieuwkomers|de vrijwillige fusie van gemeenten|de huurpremie voor kandidaat-huurders|het decreet lokaal bestuur|het Vlaams actieplan gelijke kansen",
	},
	{
		name:     "financiën, begroting en digitalisering|de overheidsfinanciën|de digitale overheid|de Vlaamse begroting",
		entities: "Digitaal Vlaanderen|de Vlaamse Belastingdienst|het Agentschap Informatie Vlaanderen|het departement Financiën en Begroting|het Rekenhof|het Agentschap Facilitair Bedrijf",
		nouns:    "de digitale dienstverlening|de registratierechten|de begrotingsdiscipline|het Vlaams Datanutsbedrijf|de gegevensdeling|de cyberveiligheid|de Vlaamse Codex Fiscaliteit|de spending reviews|het Vastgoed Informatie Platform|de e-loketten",
		goals:    "de begroting tegen het einde van de legislatuur in evenwicht te brengen|de digitale dienstverlening gebruiksvriendelijker te maken|de administratieve lasten te verminderen|de gegevens van burgers beter te beschermen|de fiscaliteit te vereenvoudigen",
		heads:    "bouwt een digitale overheid uit|brengt de begroting in evenwicht|vereenvoudigt de fiscaliteit|zet in op gegevensdeling",
		topics:   "Digitale overheid|Begroting|Fiscaliteit|Gegevensdeling|Cyberveiligheid|Vastgoedinformatie",
		subjects: "ontwikkeling, uitrol en beheer van het Vlaams Vastgoed Informatie Platform|het Vlaams Datanutsbedrijf|de verlaging van de registratierechten|de begrotingsaanpassing|de spending review van de Vlaamse overheid|het programma Vlaanderen Radicaal Digitaal",
	},
	{
		name:     "justitie en handhaving|de jeugddelinquentie|de handhaving|slachtofferhulp",
		entities: "het Agentschap Justitie en Handhaving|de Huizen van Justitie|de gemeenschapsinstellingen|de justitiehuizen|het Vlaams Centrum voor Slachtofferhulp",
		nouns:    "het jeugddelinquentierecht|de elektronische monitoring|de slachtofferhulp|de bemiddeling|de gemeenschapsinstellingen|de handhaving van het omgevingsrecht|de reclassering",
		goals:    "de recidive te verminderen|slachtoffers beter te begeleiden|de gemeenschapsinstellingen te versterken|de handhaving efficiënter te maken",
		heads:    "versterkt de handhaving|hervormt het jeugddelinquentierecht|investeert in slachtofferhulp|moderniseert de justitiehuizen",
		topics:   "Jeugddelinquentie|Slachtofferhulp|Handhaving|Elektronisch toezicht|Reclassering",
		subjects: "het decreet jeugddelinquentierecht|de capaciteitsuitbreiding van de gemeenschapsinstellingen|het elektronisch toezicht|de erkenning van diensten slachtofferhulp|het handhavingsbeleid omgevingsrecht",
	},
	{
		name:     "buitenlands beleid en ontwikkelingssamenwerking|de internationale positie van Vlaanderen|ontwikkelingssamenwerking|de Europese samenwerking",
		entities: "het departement Buitenlandse Zaken|de Vlaamse vertegenwoordigers in het buitenland|het Flanders Trainee Programma|het Vlaams Partnerschap Water voor Ontwikkeling|de algemene afvaardigingen",
		nouns:    "het Vlaams buitenlands beleid|de ontwikkelingssamenwerking|de Europese coördinatie|de bilaterale akkoorden|de multilaterale organisaties|de stages in het buitenland|de landenstrategieën|het netwerk van algemene afvaardigingen",
		goals:    "Vlaanderen internationaal beter op de kaart te zetten|de samenwerking met de buurlanden te verdiepen|de Vlaamse belangen in de Europese Unie te verdedigen|jong talent internationale ervaring te laten opdoen",
		heads:    "profileert Vlaanderen als internationale partner|versterkt de Europese samenwerking|voert een gerichte ontwikkelingssamenwerking|breidt het netwerk van vertegenwoordigers uit",
		topics:   "Europese samenwerking|Bilaterale relaties|Ontwikkelingssamenwerking|Internationaal talent|Vertegenwoordiging in het buitenland",
		subjects: "het Flanders Trainee Programma (FTP)|subsidiëring van stages bij multilaterale organisaties|de landenstrategie Zuid-Afrika|het samenwerkingsakkoord met Nederland|de Visienota ‘Vlaanderen in de wereld’|de aanstelling van een Vlaamse vertegenwoordiger",
	},
}

// Generic fragments shared by all themes.
const (
	adjectives = "duidelijke|gerichte|ambitieuze|structurele|geïntegreerde|kwaliteitsvolle|efficiënte|innovatieve|duurzame|brede|doelgerichte|toegankelijke"
	roles      = "lid raad van bestuur|regeringscommissaris|directeur-generaal|onafhankelijke leden|leidend ambtenaar|gedelegeerd bestuurder|bedrijfsrevisor|plaatsvervangend lid"
	// evalVerbs are gerunds for "het … van X".
	evalVerbs = "versterken|uitbreiden|hervormen|ondersteunen|moderniseren|bevorderen|stroomlijnen|financieren|evalueren|digitaliseren|verankeren|coördineren"
	// bodyOpeners start a decision's snippet body.
	bodyOpeners = "De Vlaamse Regering hecht haar goedkeuring aan|De Vlaamse Regering keurt definitief goed|De Vlaamse Regering neemt akte van|De Vlaamse Regering beslist om|In uitvoering van het regeerakkoord 2019-2024 keurt de Vlaamse Regering|Op voorstel van de bevoegde minister keurt de Vlaamse Regering|De Vlaamse Regering herlanceert"
	subtitles   = "Voorontwerp van besluit van de Vlaamse Regering tot vaststelling van de voorwaarden en nadere regels|Ontwerpbesluit van de Vlaamse Regering tot wijziging van diverse bepalingen|Voorontwerp van decreet houdende diverse bepalingen|Drie ontwerpbesluiten van de Vlaamse Regering|Ontwerp van addendum bij het convenant|Conceptnota aan de Vlaamse Regering|Mededeling aan de Vlaamse Regering"
	fillers     = "Dit is in lijn met het regeerakkoord.|Zo wordt de dienstverlening efficiënter.|Het budget bedraagt 30 miljoen euro.|De maatregel geldt tot eind 2024.|Er wordt een evaluatie voorzien na twee jaar.|De adviezen van de SERV en de Raad van State worden verwerkt.|De middelen komen uit het relanceplan."
)
