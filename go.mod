module github.com/pledgegraph/pledgegraph

go 1.26.8

require (
	github.com/knakk/rdf v0.0.0-20190304171630-8521bf4c5042
	github.com/spf13/cobra v1.10.2
	github.com/yuin/goldmark v1.8.7
	golang.org/x/term v0.44.0
)

require (
	github.com/inconshreveable/mousetrap v1.1.0 // indirect
	github.com/spf13/pflag v1.0.9 // indirect
	golang.org/x/sys v0.46.0 // indirect
)
