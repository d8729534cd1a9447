//go:build !linux

package inputs

// startReading does nothing where the advice is not to be had: the reads
// then wait for the disk as they come.
func startReading(string) {}
