package sparql

import (
	"strings"
	"testing"
)

func TestStripComments(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"none", "SELECT * WHERE { ?s ?p ?o }", "SELECT * WHERE { ?s ?p ?o }"},
		{"whole line", "# top\nSELECT *\n# mid\nWHERE {}", "\nSELECT *\n\nWHERE {}"},
		{"trailing", "SELECT * # all\nWHERE { ?s ?p ?o } # end", "SELECT * \nWHERE { ?s ?p ?o } "},
		{"trailing keeps next lines", "SELECT ?s WHERE { ?s ?p ?o # c\n FILTER(?o > 1) }", "SELECT ?s WHERE { ?s ?p ?o \n FILTER(?o > 1) }"},
		{"crlf", "SELECT * # c\r\nWHERE {}", "SELECT * \r\nWHERE {}"},
		{"iri fragment", "SELECT * { ?s a <http://x/ns#Type> } # c", "SELECT * { ?s a <http://x/ns#Type> } "},
		{"double quoted", `SELECT * { ?s ?p "a # b" } # c`, `SELECT * { ?s ?p "a # b" } `},
		{"single quoted", `SELECT * { ?s ?p 'a # b' } # c`, `SELECT * { ?s ?p 'a # b' } `},
		{"escaped quote", `SELECT * { ?s ?p "a \" # b" } # c`, `SELECT * { ?s ?p "a \" # b" } `},
		{"escaped backslash", `SELECT * { ?s ?p "a \\" # c` + "\n}", `SELECT * { ?s ?p "a \\" ` + "\n}"},
		{"other quote inside", `SELECT * { ?s ?p "it's # x" } # c`, `SELECT * { ?s ?p "it's # x" } `},
		{"long string", "SELECT * { ?s ?p \"\"\"a\n# not a comment\n\"b\" \"\"\" } # c", "SELECT * { ?s ?p \"\"\"a\n# not a comment\n\"b\" \"\"\" } "},
		{"long string ends at the first three quotes", "?s ?p \"\"\"a\"\"\"\" # kept: a short string opened\n# c", "?s ?p \"\"\"a\"\"\"\" # kept: a short string opened\n"},
		{"long single", "SELECT * { ?s ?p '''x\n# kept'''} # c", "SELECT * { ?s ?p '''x\n# kept'''} "},
		{"empty strings", `SELECT * { ?s ?p "" . ?s ?q '' } # c`, `SELECT * { ?s ?p "" . ?s ?q '' } `},
		{"less than", "SELECT * { ?s ?p ?o FILTER(?o < 3) } # c <x>", "SELECT * { ?s ?p ?o FILTER(?o < 3) } "},
		{"less than no space", "FILTER(?o<3) # c\n}", "FILTER(?o<3) \n}"},
		{"pn_local escape", `SELECT * { ?s ex:a\#b ?o } # c`, `SELECT * { ?s ex:a\#b ?o } `},
		{"pn_local quote escape", `SELECT * { ?s ex:a\'b ?o } # c`, `SELECT * { ?s ex:a\'b ?o } `},
		{"unterminated short string ends at line", "SELECT * { ?s ?p \"a # b\n?x } # c", "SELECT * { ?s ?p \"a # b\n?x } "},
		{"unterminated long string", "SELECT * { ?s ?p \"\"\"a # b\n# c", "SELECT * { ?s ?p \"\"\"a # b\n# c"},
		{"comment holding quotes", "SELECT * # it's \"odd\n{ }", "SELECT * \n{ }"},
		{"comment holding IRI start", "SELECT * # <http://x\n{ ?s ?p 'a#b' }", "SELECT * \n{ ?s ?p 'a#b' }"},
		{"only comment", "#", ""},
		{"prefix", "PREFIX ex: <http://example.org/ns#> # ns\nSELECT * { ?s ex:p ?o }", "PREFIX ex: <http://example.org/ns#> \nSELECT * { ?s ex:p ?o }"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := StripComments(tc.in); got != tc.want {
				t.Errorf("StripComments(%q)\n got %q\nwant %q", tc.in, got, tc.want)
			}
		})
	}
}

func FuzzStripComments(f *testing.F) {
	for _, s := range []string{
		"SELECT * WHERE { ?s ?p ?o } # c",
		"SELECT * { ?s a <http://x/ns#T> ; ?p \"a # b\" , '''c\n# d''' } # e\n",
		`FILTER(?a < ?b) # x <y>`,
		`ex:a\#b "\"#" '\'#'`,
		"\"\"\"unterminated # ",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		got := StripComments(q)
		if len(got) > len(q) {
			t.Fatalf("output longer than input: %q → %q", q, got)
		}
		if !strings.Contains(q, "#") && got != q {
			t.Fatalf("query without '#' changed: %q → %q", q, got)
		}
		if strings.Count(got, "\n") != strings.Count(q, "\n") || strings.Count(got, "\r") != strings.Count(q, "\r") {
			t.Fatalf("line structure changed: %q → %q", q, got)
		}
		if again := StripComments(got); again != got {
			t.Fatalf("not idempotent: %q → %q → %q", q, got, again)
		}
	})
}
