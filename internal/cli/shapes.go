package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/pledgegraph/pledgegraph/internal/iostreams"
	"github.com/pledgegraph/pledgegraph/internal/shapes"
)

func newShapesCmd(streams *iostreams.IOStreams) *cobra.Command {
	var what string
	cmd := &cobra.Command{
		Use:   "shapes",
		Short: "Print the SHACL shapes of the graph and of catalog.ttl (Turtle)",
		Long: `Print SHACL shapes (Turtle): the contract of what pledgegraph writes.

  graph    every kind of node of the graph (agreement, section, evaluation,
           source report, statement, reference, decision): what it must and
           may carry, with counts, datatypes, language tags and the classes
           of what it points at; what a node should carry but may lack when
           its report did is a sh:Warning
  catalog  the DCAT-AP-VL requirements of catalog.ttl (publish)
  all      both, in one document (the default)

The shapes are open, so a graph merged with other data still validates.
Any SHACL engine can check a graph against them.`,
		Example: `  pledgegraph shapes > shapes.ttl
  pledgegraph shapes --what graph > graph-shapes.ttl
  pyshacl -s graph-shapes.ttl graph.ttl`,
		Args: noArgs,
		RunE: func(*cobra.Command, []string) error {
			doc, err := shapes.Get(what)
			if err != nil {
				return usageErrorf("--what: %v", err)
			}
			_, err = streams.Out.Write(doc)
			return err
		},
	}
	cmd.Flags().StringVar(&what, "what", "all", "which shapes: "+strings.Join(shapes.Names, ", "))
	return cmd
}
