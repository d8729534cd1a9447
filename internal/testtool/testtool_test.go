package testtool

import (
	"reflect"
	"strings"
	"testing"
)

func TestRapperNTriples(t *testing.T) {
	doc := "@prefix ex: <http://example.org/> .\nex:b ex:p \"é\\n\"@nl .\nex:a ex:p ex:b , ex:b .\n"
	got := RapperNTriples(t, "turtle", []byte(doc))
	want := []string{
		"<http://example.org/a> <http://example.org/p> <http://example.org/b> .",
		"<http://example.org/b> <http://example.org/p> \"\\u00E9\\n\"@nl .",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestRapperCheckRejectsBrokenTurtle(t *testing.T) {
	Rapper(t)
	_, err := RapperCheck("turtle", []byte("@prefix ex: <http://example.org/> .\nex:4.3.2. ex:p ex:o .\n"))
	if err == nil || !strings.Contains(err.Error(), "rapper -i turtle") {
		t.Errorf("broken Turtle accepted: %v", err)
	}
}
