package sparql_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/pledgegraph/pledgegraph/sparql"
)

func ExampleQuery_Bind() {
	src := `#+ summary: Decisions with a title, from a date on
#+ defaults:
#+   - from: 2019-10-01
PREFIX dct: <http://purl.org/dc/terms/>
SELECT ?decision ?_title WHERE {
  ?decision dct:title ?_title ; dct:date ?date .
  FILTER(?date >= ?_from_xsd_date)
}`
	q, err := sparql.ParseQuery("queries/decisions.rq", []byte(src))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range q.Params {
		fmt.Printf("%s: %s\n", p.Name, p.Want())
	}
	query, err := q.Bind(map[string]string{"title": `Visienota 'X' "Y" \ }`})
	if err != nil {
		fmt.Println(err)
		return
	}
	// The three header lines are left empty, so that lines keep their numbers.
	fmt.Println(strings.TrimLeft(query, "\n"))

	_, err = q.Bind(map[string]string{"title": "x", "from": "2021-02-30"})
	var pe *sparql.ParamError
	fmt.Println(errors.As(err, &pe), err)
	// Output:
	// title: a string
	// from: an xsd:date (YYYY-MM-DD)
	// PREFIX dct: <http://purl.org/dc/terms/>
	// SELECT ?decision ("Visienota 'X' \"Y\" \\ }" AS ?_title) WHERE {
	//   ?decision dct:title "Visienota 'X' \"Y\" \\ }" ; dct:date ?date .
	//   FILTER(?date >= "2019-10-01"^^<http://www.w3.org/2001/XMLSchema#date>)
	// }
	// true parameter "from": want an xsd:date (YYYY-MM-DD), got "2021-02-30": February 2021 has 28 days
}
