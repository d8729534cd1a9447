package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pledgegraph/pledgegraph/internal/iostreams"
)

// Version is set at build time with -ldflags "-X …/internal/cli.Version=v1.2.3";
// otherwise the module version from the build info is used.
var Version = ""

// CurrentVersion returns the version of this build.
func CurrentVersion() string {
	if Version != "" {
		return Version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "devel"
}

// versionLine says which build this is: the module version, and the VCS
// revision, its time and whether the work tree had changes, as the go
// command recorded them (go build and go install do; go run and go test
// do not, and then the line says so).
func versionLine() string {
	var vcs []string
	revision := ""
	if info, ok := debug.ReadBuildInfo(); ok {
		settings := map[string]string{}
		for _, s := range info.Settings {
			settings[s.Key] = s.Value
		}
		revision = settings["vcs.revision"]
		if t := settings["vcs.time"]; t != "" {
			vcs = append(vcs, t)
		}
		if settings["vcs.modified"] == "true" {
			vcs = append(vcs, "modified")
		}
	}
	if revision == "" {
		revision = "unknown revision"
	} else {
		revision = "revision " + revision
	}
	details := strings.Join(append([]string{revision}, vcs...), ", ")
	return fmt.Sprintf("pledgegraph %s (%s) %s %s/%s", CurrentVersion(), details, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

func newVersionCmd(streams *iostreams.IOStreams) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version and the revision it was built from",
		Args:  noArgs,
		RunE: func(*cobra.Command, []string) error {
			_, err := fmt.Fprintln(streams.Out, versionLine())
			return err
		},
	}
}
