package sparql

import (
	"encoding/base64"
	"fmt"
	"math/big"
	"regexp"
	"strings"
)

// Lexical checks of the XSD datatypes a query bank parameter can have
// (XML Schema 1.1 Part 2). A value is put into the query exactly as given;
// these checks only refuse what is not a lexical form of the datatype.

const bankXSDNS = "http://www.w3.org/2001/XMLSchema#"

// bankDatatype describes one XSD datatype: what to tell a user it wants,
// and its lexical check (nil: every string is a lexical form). The check
// returns ok, and may add a detail when the form is right but the value is
// not (a month 13, the 30th of February).
type bankDatatype struct {
	want  string
	check func(string) (ok bool, detail string)
}

var (
	bankIntegerRE  = regexp.MustCompile(`^[+-]?[0-9]+$`)
	bankDecimalRE  = regexp.MustCompile(`^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$`)
	bankDoubleRE   = regexp.MustCompile(`^([+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?|[+-]?INF|NaN)$`)
	bankNumberRE   = regexp.MustCompile(`^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$`)
	bankDurationRE = regexp.MustCompile(`^-?P(?:([0-9]+)Y)?(?:([0-9]+)M)?(?:([0-9]+)D)?(?:(T)(?:([0-9]+)H)?(?:([0-9]+)M)?(?:([0-9]+(?:\.[0-9]+)?)S)?)?$`)
	bankLanguageRE = regexp.MustCompile(`^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$`)
)

// bankDatatypes holds the built-in datatypes of XML Schema 1.1 that a
// literal can have (not the abstract anySimpleType and anyAtomicType).
var bankDatatypes = map[string]bankDatatype{
	"string":             {"an xsd:string", nil},
	"anyURI":             {"an xsd:anyURI", nil},
	"Name":               {"an xsd:Name", nil},
	"NCName":             {"an xsd:NCName", nil},
	"NMTOKEN":            {"an xsd:NMTOKEN", nil},
	"NMTOKENS":           {"an xsd:NMTOKENS", nil},
	"ID":                 {"an xsd:ID", nil},
	"IDREF":              {"an xsd:IDREF", nil},
	"IDREFS":             {"an xsd:IDREFS", nil},
	"ENTITY":             {"an xsd:ENTITY", nil},
	"ENTITIES":           {"an xsd:ENTITIES", nil},
	"QName":              {"an xsd:QName", nil},
	"NOTATION":           {"an xsd:NOTATION", nil},
	"normalizedString":   {"an xsd:normalizedString (no tab or line break)", bankNormalized},
	"token":              {"an xsd:token (no tab, line break, or leading, trailing or double space)", bankTokenString},
	"language":           {"an xsd:language (a language tag such as nl or nl-BE)", bankMatch(bankLanguageRE)},
	"boolean":            {"an xsd:boolean (true, false, 1 or 0)", bankBoolean},
	"decimal":            {"an xsd:decimal (such as 3.14 or -2)", bankMatch(bankDecimalRE)},
	"float":              {"an xsd:float (such as 1.5, -2e3, INF or NaN)", bankMatch(bankDoubleRE)},
	"double":             {"an xsd:double (such as 1.5, -2e3, INF or NaN)", bankMatch(bankDoubleRE)},
	"integer":            {"an xsd:integer (digits, optionally signed: 42, -7)", bankInteger("", "")},
	"nonPositiveInteger": {"an xsd:nonPositiveInteger (an integer ≤ 0)", bankInteger("", "0")},
	"negativeInteger":    {"an xsd:negativeInteger (an integer ≤ -1)", bankInteger("", "-1")},
	"nonNegativeInteger": {"an xsd:nonNegativeInteger (an integer ≥ 0)", bankInteger("0", "")},
	"positiveInteger":    {"an xsd:positiveInteger (an integer ≥ 1)", bankInteger("1", "")},
	"long":               {"an xsd:long (an integer from -9223372036854775808 to 9223372036854775807)", bankInteger("-9223372036854775808", "9223372036854775807")},
	"int":                {"an xsd:int (an integer from -2147483648 to 2147483647)", bankInteger("-2147483648", "2147483647")},
	"short":              {"an xsd:short (an integer from -32768 to 32767)", bankInteger("-32768", "32767")},
	"byte":               {"an xsd:byte (an integer from -128 to 127)", bankInteger("-128", "127")},
	"unsignedLong":       {"an xsd:unsignedLong (an integer from 0 to 18446744073709551615)", bankInteger("0", "18446744073709551615")},
	"unsignedInt":        {"an xsd:unsignedInt (an integer from 0 to 4294967295)", bankInteger("0", "4294967295")},
	"unsignedShort":      {"an xsd:unsignedShort (an integer from 0 to 65535)", bankInteger("0", "65535")},
	"unsignedByte":       {"an xsd:unsignedByte (an integer from 0 to 255)", bankInteger("0", "255")},
	"date":               {"an xsd:date (YYYY-MM-DD)", bankDateLex(true, true, true, false)},
	"gYearMonth":         {"an xsd:gYearMonth (YYYY-MM)", bankDateLex(true, true, false, false)},
	"gYear":              {"an xsd:gYear (YYYY)", bankDateLex(true, false, false, false)},
	"gMonthDay":          {"an xsd:gMonthDay (--MM-DD)", bankDateLex(false, true, true, false)},
	"gMonth":             {"an xsd:gMonth (--MM)", bankDateLex(false, true, false, false)},
	"gDay":               {"an xsd:gDay (---DD)", bankDateLex(false, false, true, false)},
	"dateTime":           {"an xsd:dateTime (YYYY-MM-DDThh:mm:ss, optionally with fractional seconds and a time zone Z or ±hh:mm)", bankDateLex(true, true, true, true)},
	"dateTimeStamp":      {"an xsd:dateTimeStamp (YYYY-MM-DDThh:mm:ss with a time zone Z or ±hh:mm)", bankDateTimeStamp},
	"time":               {"an xsd:time (hh:mm:ss, optionally with fractional seconds and a time zone)", bankTimeLex},
	"duration":           {"an xsd:duration (such as P1Y2M3DT4H5M6S)", bankDuration(true, true)},
	"dayTimeDuration":    {"an xsd:dayTimeDuration (such as P3DT4H5M)", bankDuration(false, true)},
	"yearMonthDuration":  {"an xsd:yearMonthDuration (such as P1Y2M)", bankDuration(true, false)},
	"hexBinary":          {"an xsd:hexBinary (pairs of hexadecimal digits)", bankHexBinary},
	"base64Binary":       {"an xsd:base64Binary (Base64 text)", bankBase64},
}

// bankNumberWant is what a "number" parameter takes.
const bankNumberWant = "a number (such as 42, -3.5 or 1.2e3)"

// bankNumberDatatype returns the datatype SPARQL gives the number s when
// written bare (INTEGER, DECIMAL or DOUBLE), or "" if s is not a number.
func bankNumberDatatype(s string) string {
	switch {
	case !bankNumberRE.MatchString(s):
		return ""
	case strings.ContainsAny(s, "eE"):
		return bankXSDNS + "double"
	case strings.Contains(s, "."):
		return bankXSDNS + "decimal"
	}
	return bankXSDNS + "integer"
}

func bankMatch(re *regexp.Regexp) func(string) (bool, string) {
	return func(s string) (bool, string) { return re.MatchString(s), "" }
}

func bankBoolean(s string) (bool, string) {
	return s == "true" || s == "false" || s == "1" || s == "0", ""
}

func bankNormalized(s string) (bool, string) {
	return !strings.ContainsAny(s, "\t\n\r"), ""
}

func bankTokenString(s string) (bool, string) {
	return !strings.ContainsAny(s, "\t\n\r") && !strings.HasPrefix(s, " ") &&
		!strings.HasSuffix(s, " ") && !strings.Contains(s, "  "), ""
}

func bankHexBinary(s string) (bool, string) {
	return len(s)%2 == 0 && isHex(s), ""
}

func bankBase64(s string) (bool, string) {
	_, err := base64.StdEncoding.Strict().DecodeString(s)
	return err == nil, ""
}

// bankInteger checks an integer lexical form within [lo, hi] ("" = no bound).
func bankInteger(lo, hi string) func(string) (bool, string) {
	var min, max *big.Int
	if lo != "" {
		min, _ = new(big.Int).SetString(lo, 10)
	}
	if hi != "" {
		max, _ = new(big.Int).SetString(hi, 10)
	}
	return func(s string) (bool, string) {
		if !bankIntegerRE.MatchString(s) {
			return false, ""
		}
		if min == nil && max == nil {
			return true, ""
		}
		n, ok := new(big.Int).SetString(strings.TrimPrefix(s, "+"), 10)
		if !ok {
			return false, ""
		}
		if min != nil && n.Cmp(min) < 0 || max != nil && n.Cmp(max) > 0 {
			return false, "out of range"
		}
		return true, ""
	}
}

// bankDigits reads exactly n ASCII digits at the start of s.
func bankDigits(s string, n int) (int, bool) {
	if len(s) < n {
		return 0, false
	}
	v := 0
	for i := 0; i < n; i++ {
		if !bankDigit(s[i]) {
			return 0, false
		}
		v = v*10 + int(s[i]-'0')
	}
	return v, true
}

// bankYear reads an XSD year: an optional '-', four or more digits, no
// leading zero beyond four. It returns the year modulo 400 (enough for the
// leap-year rule, on years of any length) and the rest of s.
func bankYear(s string) (mod400 int, rest string, ok bool) {
	s = strings.TrimPrefix(s, "-")
	n := 0
	for n < len(s) && bankDigit(s[n]) {
		n++
	}
	if n < 4 || n > 4 && s[0] == '0' {
		return 0, "", false
	}
	for i := 0; i < n; i++ {
		mod400 = (mod400*10 + int(s[i]-'0')) % 400
	}
	return mod400, s[n:], true
}

var bankMonthNames = [...]string{"", "January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December"}

// bankMonthDays is the number of days of month m (1-12); leap applies to
// February only.
func bankMonthDays(m int, leap bool) int {
	switch m {
	case 2:
		if leap {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// bankDateLex checks the date-like types: which of year, month and day they
// have, and whether a time follows (dateTime). All take an optional time
// zone.
func bankDateLex(year, month, day, withTime bool) func(string) (bool, string) {
	return func(s string) (bool, string) {
		leap := true // a gMonthDay has no year: --02-29 exists
		yearText := ""
		if year {
			mod, rest, ok := bankYear(s)
			if !ok {
				return false, ""
			}
			yearText = s[:len(s)-len(rest)]
			leap = mod%4 == 0 && (mod%100 != 0 || mod == 0)
			s = rest
		} else {
			// --MM, --MM-DD, ---DD
			if !strings.HasPrefix(s, "--") {
				return false, ""
			}
			s = s[1:] // keep one '-' as the separator read below
			if !month {
				if !strings.HasPrefix(s, "--") {
					return false, ""
				}
				s = s[1:]
			}
		}
		m := 0
		if month {
			if len(s) < 3 || s[0] != '-' {
				return false, ""
			}
			v, ok := bankDigits(s[1:], 2)
			if !ok {
				return false, ""
			}
			if v < 1 || v > 12 {
				return false, fmt.Sprintf("there is no month %02d", v)
			}
			m, s = v, s[3:]
		}
		if day {
			if len(s) < 3 || s[0] != '-' {
				return false, ""
			}
			v, ok := bankDigits(s[1:], 2)
			if !ok {
				return false, ""
			}
			max := 31
			if m != 0 {
				max = bankMonthDays(m, leap)
			}
			if v < 1 || v > max {
				switch {
				case v < 1 || v > 31:
					return false, fmt.Sprintf("there is no day %02d", v)
				case yearText != "":
					return false, fmt.Sprintf("%s %s has %d days", bankMonthNames[m], yearText, max)
				default:
					return false, fmt.Sprintf("%s has at most %d days", bankMonthNames[m], max)
				}
			}
			s = s[3:]
		}
		if withTime {
			if !strings.HasPrefix(s, "T") {
				return false, ""
			}
			return bankTimeLex(s[1:])
		}
		return bankZone(s)
	}
}

func bankDateTimeStamp(s string) (bool, string) {
	ok, detail := bankDateLex(true, true, true, true)(s)
	if !ok {
		return false, detail
	}
	return strings.HasSuffix(s, "Z") || len(s) > 6 && (s[len(s)-6] == '+' || s[len(s)-6] == '-'), ""
}

// bankTimeLex checks hh:mm:ss(.s+)? and an optional zone; 24:00:00 is
// allowed (it is the next day's midnight).
func bankTimeLex(s string) (bool, string) {
	if len(s) < 8 || s[2] != ':' || s[5] != ':' {
		return false, ""
	}
	h, ok1 := bankDigits(s, 2)
	m, ok2 := bankDigits(s[3:], 2)
	sec, ok3 := bankDigits(s[6:], 2)
	if !ok1 || !ok2 || !ok3 {
		return false, ""
	}
	s = s[8:]
	frac := ""
	if strings.HasPrefix(s, ".") {
		n := 1
		for n < len(s) && bankDigit(s[n]) {
			n++
		}
		if n == 1 {
			return false, ""
		}
		frac, s = s[1:n], s[n:]
	}
	switch {
	case h == 24 && (m != 0 || sec != 0 || strings.Trim(frac, "0") != ""):
		return false, "24 is only allowed as 24:00:00"
	case h > 24:
		return false, fmt.Sprintf("there is no hour %02d", h)
	case m > 59:
		return false, fmt.Sprintf("there is no minute %02d", m)
	case sec > 59:
		return false, fmt.Sprintf("there is no second %02d", sec)
	}
	return bankZone(s)
}

// bankZone checks what is left after a date or time: nothing, Z, or ±hh:mm
// within ±14:00.
func bankZone(s string) (bool, string) {
	switch {
	case s == "" || s == "Z":
		return true, ""
	case len(s) != 6 || s[0] != '+' && s[0] != '-' || s[3] != ':':
		return false, ""
	}
	h, ok1 := bankDigits(s[1:], 2)
	m, ok2 := bankDigits(s[4:], 2)
	if !ok1 || !ok2 {
		return false, ""
	}
	if m > 59 || h > 14 || h == 14 && m != 0 {
		return false, fmt.Sprintf("there is no time zone %s (the range is -14:00 to +14:00)", s)
	}
	return true, ""
}

// bankDuration checks xsd:duration, restricted to years and months
// (yearMonthDuration) or to days and times (dayTimeDuration).
func bankDuration(yearMonth, dayTime bool) func(string) (bool, string) {
	return func(s string) (bool, string) {
		m := bankDurationRE.FindStringSubmatch(s)
		if m == nil {
			return false, ""
		}
		y, mo, d, t, h, mi, sec := m[1], m[2], m[3], m[4], m[5], m[6], m[7]
		switch {
		case y == "" && mo == "" && d == "" && t == "":
			return false, "" // "P" alone
		case t != "" && h == "" && mi == "" && sec == "":
			return false, "" // "T" without a time
		case !yearMonth && (y != "" || mo != ""):
			return false, ""
		case !dayTime && (d != "" || t != ""):
			return false, ""
		}
		return true, ""
	}
}
