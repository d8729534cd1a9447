package publish

import "flag"

var update = flag.Bool("update", false, "rewrite the golden files")

// seedsDir holds the two real reports shipped as examples.
const seedsDir = "../../examples/reports"
