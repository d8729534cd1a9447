package corpus

import (
	"math/rand/v2"
	"strings"
	"time"
	"unicode/utf8"
)

// promise is one sentence of a coalition-agreement section.
func promise(r *rand.Rand, tw *themeWords) string {
	es, ns := picks(r, tw.entities, 3), picks(r, tw.nouns, 2)
	e, e2, e3, n, n2 := es[0], es[1], es[2], ns[0], ns[1]
	g := pick(r, tw.goals)
	a := pick(r, split(adjectives))
	switch r.IntN(15) {
	case 0:
		return "We maken werk van een " + a + " aanpak van " + n + " met " + e + " en " + e2 + "."
	case 1:
		return "De Vlaamse Regering investeert extra in " + n + " om " + g + "."
	case 2:
		return upperFirst(e) + " krijgt de opdracht om " + g + "."
	case 3:
		return "We zetten in op " + n + " en " + n2 + ", in nauwe samenwerking met " + e + "."
	case 4:
		return "Het is onze ambitie om " + g + "."
	case 5:
		return "Onder coördinatie van " + e + " stemmen " + e2 + " en " + e3 + " hun activiteiten onder elkaar af."
	case 6:
		return "Naast extra investeringen in O&O doet " + e + " bijkomende inspanningen om " + g + "."
	case 7:
		return "We geven " + n + " een nieuwe impuls – onder meer d.m.v. “" + pick(r, tw.topics) + "” – en betrekken daarbij " + e + "."
	case 8:
		return upperFirst(n) + " wordt verder versterkt en de opdracht uitgebreid tot " + n2 + "."
	case 9:
		return "Zij werken daarom optimaal samen en genereren sterke synergiën."
	case 10:
		return "Om " + g + ", wordt " + n + " geëvalueerd en waar nodig bijgestuurd."
	case 11:
		return "We vereenvoudigen de regelgeving rond " + n + " en verminderen zo de administratieve lasten (o.a. i.v.m. " + n2 + ")."
	case 12:
		return "Voor " + n + " betekent dit een " + a + " vorm van dienstverlening, specifiek voor " + e + "."
	case 13:
		return upperFirst(e) + " blijft ook investeren in " + n + ", dat tegemoet kan komen aan de verwachtingen van burgers én bedrijven."
	default:
		return "De samenwerking tussen " + e + " en " + e2 + " wordt geëvalueerd; waar nodig wordt " + n + " hervormd."
	}
}

// picks draws k distinct elements of xs (k ≤ len(xs)).
func picks(r *rand.Rand, xs []string, k int) []string {
	out := make([]string, k)
	for i, j := range r.Perm(len(xs))[:k] {
		out[i] = xs[j]
	}
	return out
}

// hyphenate imitates PDF line-break hyphens left in extracted text
// ("inter-nationalisering", "toe - genomen").
func hyphenate(r *rand.Rand, s string) string {
	words := strings.Split(s, " ")
	var long []int
	for i, w := range words {
		if len(w) >= 11 && isLetters(w) {
			long = append(long, i)
		}
	}
	for k := r.IntN(5); k > 0 && len(long) > 0; k-- {
		j := r.IntN(len(long))
		w := words[long[j]]
		cutAt := 3 + r.IntN(len(w)-6)
		for !utf8.RuneStart(w[cutAt]) {
			cutAt++
		}
		sep := "-"
		if r.IntN(6) == 0 {
			sep = " - "
		}
		words[long[j]] = w[:cutAt] + sep + w[cutAt:]
		long = append(long[:j], long[j+1:]...)
	}
	return strings.Join(words, " ")
}

func isLetters(w string) bool {
	for _, c := range w {
		if !(c >= 'a' && c <= 'z' || c == 'é' || c == 'ë' || c == 'ï') {
			return false
		}
	}
	return true
}

var (
	participles = split("versterkt|uitgebreid|hervormd|ondersteund|gemoderniseerd|bevorderd|gestroomlijnd|gefinancierd|geëvalueerd|gedigitaliseerd|verankerd|gecoördineerd")
	gerunds     = split(evalVerbs)
)

// cite appends a citation chunk (" \[3\]\[4\]") when there is one.
func cite(c string) string {
	if c == "" {
		return ""
	}
	return " " + c
}

// clause is "het versterken van de exportsteun \[2\]".
func clause(r *rand.Rand, tw *themeWords, c string) string {
	return "het " + pick(r, gerunds) + " van " + pick(r, tw.nouns) + cite(c)
}

func joinClauses(cs []string) string {
	switch len(cs) {
	case 0:
		return ""
	case 1:
		return cs[0]
	}
	return strings.Join(cs[:len(cs)-1], ", ") + " en " + cs[len(cs)-1]
}

// evalSentence is one sentence of an evaluation statement, carrying the
// citation chunks cs (possibly none). short is a short decision name to quote.
func evalSentence(r *rand.Rand, tw *themeWords, cs []string, short string, open, close string) string {
	if len(cs) > 1 {
		cl := make([]string, len(cs))
		for i, c := range cs {
			cl[i] = clause(r, tw, c)
		}
		switch r.IntN(3) {
		case 0:
			return "De genomen beslissingen geven aan dat de regering heeft gewerkt aan de uitvoering van dit plan door " + joinClauses(cl) + "."
		case 1:
			return "Er is een merkbare inspanning geleverd om " + pick(r, tw.goals) + " door " + joinClauses(cl) + "."
		default:
			return "Dat blijkt uit " + joinClauses(cl) + "."
		}
	}
	c := ""
	if len(cs) == 1 {
		c = cs[0]
	}
	n, g, e := pick(r, tw.nouns), pick(r, tw.goals), pick(r, tw.entities)
	switch r.IntN(11) {
	case 0:
		return "De regering heeft " + n + " " + pick(r, participles) + cite(c) + "."
	case 1:
		if short != "" {
			return "Initiatieven zoals " + open + short + close + cite(c) + " zijn erop gericht om " + g + "."
		}
		return "Initiatieven van " + e + cite(c) + " zijn erop gericht om " + g + "."
	case 2:
		if short != "" {
			return "Met het " + open + short + close + cite(c) + " erkent de regering de noodzaak van " + n + "."
		}
		return "Hiermee erkent de regering de noodzaak van " + n + cite(c) + "."
	case 3:
		return "De maatregelen om " + g + cite(c) + " tonen een streven naar " + pick(r, tw.nouns) + "."
	case 4:
		return "Dit duidt op extra ondersteuning voor " + n + cite(c) + ", in lijn met de ambities van het regeerakkoord."
	case 5:
		return "Aanpassingen in " + n + cite(c) + " suggereren dat er stappen worden gezet om " + g + "."
	case 6:
		return "Ook zien we extra investeringen in " + n + " en pogingen om " + g + cite(c) + "."
	case 7:
		return "Dit sluit aan bij de roep om " + n + " uit het regeerakkoord" + cite(c) + "."
	case 8:
		return upperFirst(e) + " speelt hierin een centrale rol, wat wijst op een " + pick(r, split(adjectives)) + " aanpak" + cite(c) + "."
	case 9:
		return "Het " + pick(r, gerunds) + " van " + n + cite(c) + " past in de doelstelling om " + g + "."
	default:
		return "Daarnaast werd ingezet op " + n + cite(c) + ", zodat " + e + " efficiënter en effectiever kan werken."
	}
}

// conclusionSentence carries no citations.
func conclusionSentence(r *rand.Rand, tw *themeWords) string {
	switch r.IntN(7) {
	case 0:
		return "De concrete beslissingen van de Vlaamse Regering geven blijk van een consistent streven om de doelstellingen rond " + pick(r, tw.names) + ", zoals uiteengezet in het regeerakkoord, na te leven."
	case 1:
		gs := picks(r, tw.goals, 2)
		return "Er zijn zowel maatregelen genomen om " + gs[0] + " als om " + gs[1] + "."
	case 2:
		return "De implementatie van de beslissingen lijkt over het algemeen in overeenstemming te zijn met de beloften uit het regeerakkoord."
	case 3:
		return "Toch blijven er punten open: voor " + pick(r, tw.nouns) + " is nog geen concrete beslissing genomen."
	case 4:
		return "Bovendien tonen de investeringen in " + pick(r, tw.nouns) + " aan dat de regering stappen neemt om " + pick(r, tw.goals) + "."
	case 5:
		ns := picks(r, tw.nouns, 2)
		return "De genomen maatregelen weerspiegelen een commitment aan " + ns[0] + " en " + ns[1] + ", ondanks veranderende omstandigheden zoals COVID-19 en de brexit."
	default:
		return "Of de beloofde resultaten ook effectief gehaald worden, zal pas blijken na een grondige evaluatie door " + pick(r, tw.entities) + "."
	}
}

// shortName is a decision title short enough to quote in running text.
func shortName(title string) string {
	if i := strings.Index(title, ":"); i > 8 {
		title = title[:i]
	} else if ws := strings.Fields(title); len(ws) > 6 {
		title = strings.Join(ws[:6], " ")
	}
	return strings.NewReplacer("\"", "", "“", "", "”", "").Replace(title)
}

// pctEncode escapes everything but RFC 3986 unreserved characters, the way
// the decisions site builds its search URLs (space → %20, "(" → %28).
func pctEncode(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

// searchURL is the decisions-site search for a title on its meeting date
// (10:00 Brussels time: 08:00Z in summer, 09:00Z in winter).
func searchURL(title string, d time.Time) string {
	h := "09"
	if summerTime(d) {
		h = "08"
	}
	dt := d.Format(time.DateOnly) + "T" + h + "%3A00%3A00Z"
	return "https://beslissingenvlaamseregering.vlaanderen.be/?search=" + pctEncode(title) +
		"&dateOption=select&startDate=" + dt + "&endDate=" + dt
}

// summerTime reports whether CEST applies on day d (last Sunday of March to
// last Sunday of October).
func summerTime(d time.Time) bool {
	lastSunday := func(m time.Month) time.Time {
		t := time.Date(d.Year(), m+1, 0, 0, 0, 0, 0, time.UTC)
		return t.AddDate(0, 0, -int(t.Weekday()))
	}
	return !d.Before(lastSunday(time.March)) && d.Before(lastSunday(time.October))
}
