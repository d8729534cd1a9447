package cli

import (
	"github.com/spf13/cobra"

	"github.com/pledgegraph/pledgegraph/internal/iostreams"
	"github.com/pledgegraph/pledgegraph/vocab"
)

func newVocabCmd(streams *iostreams.IOStreams) *cobra.Command {
	return &cobra.Command{
		Use:   "vocab",
		Short: "Print the project ontology (Turtle)",
		Long: `Print the ontology of the pledgegraph namespace (https://w3id.org/pledgegraph/ns#):
the classes and properties no standard vocabulary covers, with labels and
comments in Dutch and English.`,
		Example: `  pledgegraph vocab > pledgegraph.ttl`,
		Args:    noArgs,
		RunE: func(*cobra.Command, []string) error {
			_, err := streams.Out.Write(vocab.Ontology)
			return err
		},
	}
}
