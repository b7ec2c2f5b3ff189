// What the forwarder says: one JSON line per event worth seeing on stdout (ready, revoked,
// retrying, record-abandoned, shutdown — the harness keeps them in the instance's log), and
// problems as "go-forwarder: …" lines on stderr.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"time"
)

type fields map[string]any

func emit(event string, f fields) {
	line := fields{"event": event, "ts": time.Now().UTC().Format("2006-01-02T15:04:05.000Z07:00")}
	for k, v := range f {
		line[k] = v
	}
	encoded, _ := json.Marshal(line)
	fmt.Fprintln(os.Stdout, string(encoded))
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "go-forwarder: "+format+"\n", args...)
}

func fail(code int, format string, args ...any) {
	logf(format, args...)
	os.Exit(code)
}

func merge(a, b fields) fields {
	out := fields{}
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}

// describe: {"orders": [2, 0]} → ["orders[0]", "orders[2]"].
func describe(partitions map[string][]int32) []string {
	var out []string
	for topic, ps := range partitions {
		for _, p := range ps {
			out = append(out, fmt.Sprintf("%s[%d]", topic, p))
		}
	}
	sort.Strings(out)
	return out
}
