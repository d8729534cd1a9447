package testtool

import (
	"reflect"
	"strings"
	"testing"
)

const testShapes = `@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <http://example.org/> .
ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:S-p , ex:S-back .
ex:S-p sh:path ex:p ; sh:minCount 1 ; sh:datatype xsd:integer .
ex:S-back sh:path [ sh:inversePath ex:q ] ; sh:maxCount 0 ; sh:severity sh:Warning .
`

func TestSHACLValidateAll(t *testing.T) {
	good := "@prefix ex: <http://example.org/> .\nex:a a ex:C ; ex:p 1 .\n"
	bad := "@prefix ex: <http://example.org/> .\nex:a a ex:C ; ex:p \"1\"@nl .\nex:b a ex:C .\nex:z ex:q ex:b .\n"
	reps := SHACLValidateAll(t, []byte(testShapes), []byte(good), []byte(bad))
	if len(reps) != 2 || !reps[0].Conforms || len(reps[0].Results) != 0 {
		t.Fatalf("good data: %v", reps)
	}
	got := reps[1]
	if got.Conforms {
		t.Fatal("bad data conforms")
	}
	want := []SHACLResult{
		{Focus: "<http://example.org/a>", Path: "<http://example.org/p>", Severity: "Violation", Component: "DatatypeConstraintComponent",
			SourceShape: "<http://example.org/S-p>", Value: `"1"@nl`},
		{Focus: "<http://example.org/b>", Path: "<http://example.org/p>", Severity: "Violation", Component: "MinCountConstraintComponent",
			SourceShape: "<http://example.org/S-p>"},
		{Focus: "<http://example.org/b>", Path: "^<http://example.org/q>", Severity: "Warning", Component: "MaxCountConstraintComponent",
			SourceShape: "<http://example.org/S-back>", Value: ""},
	}
	for i := range got.Results {
		got.Results[i].Messages = nil
	}
	if !reflect.DeepEqual(got.Results, want) {
		t.Errorf("results:\n%v\nwant:\n%v", got.Results, want)
	}
	if v := got.Violations(); len(v) != 2 {
		t.Errorf("violations: %v", v)
	}
	if s := got.String(); !strings.Contains(s, "3 results") || !strings.Contains(s, "MinCountConstraintComponent") {
		t.Errorf("String: %s", s)
	}
}

func TestSHACLCheckRefusesBrokenData(t *testing.T) {
	SHACLValidate(t, []byte("<http://example.org/a> <http://example.org/p> 1 .\n"), []byte(testShapes)) // skips without the tools
	_, err := SHACLCheck(t.TempDir(), []byte(testShapes), []byte("<http://example.org/a> <p> .\n"))
	if err == nil || !strings.Contains(err.Error(), "shacl-validate.mjs") {
		t.Errorf("broken Turtle accepted: %v", err)
	}
	if _, err := SHACLCheck(t.TempDir(), []byte(testShapes)); err == nil {
		t.Error("no data accepted")
	}
}
