// kafka-chaos's guarded Toxiproxy server: the real Toxiproxy API server (the upstream module's
// NewServer and Routes, as its cmd/server wires them) behind a per-run secret path prefix, so a
// system under test that finds the API's address still cannot disable a proxy or add a toxic.
// The proxies themselves are untouched.
//
// Options come as one JSON line {"host":"127.0.0.1","port":8474,"secret":"<hex>"}: from the
// KAFKA_CHAOS_TOXIPROXY_OPTIONS variable when set (a container, whose environment the SUT cannot
// read), else from stdin (a local process: a same-user SUT can read other processes' command
// lines and environments under /proc, but not a pipe the server has already drained).
// The API answers under /<secret>/…; any other path gets 403. `-version` prints the version.
package main

import (
	"bufio"
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/Shopify/toxiproxy/v2"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/rs/zerolog"
)

type options struct {
	Host   string `json:"host"`
	Port   int    `json:"port"`
	Secret string `json:"secret"`
}

func readOptions() (options, error) {
	var opts options
	line := os.Getenv("KAFKA_CHAOS_TOXIPROXY_OPTIONS")
	os.Unsetenv("KAFKA_CHAOS_TOXIPROXY_OPTIONS")
	if line == "" {
		read, err := bufio.NewReader(os.Stdin).ReadString('\n')
		if err != nil && read == "" {
			return opts, fmt.Errorf("no options: KAFKA_CHAOS_TOXIPROXY_OPTIONS is unset and stdin gave no JSON line (%v)", err)
		}
		line = read
	}
	if err := json.Unmarshal([]byte(line), &opts); err != nil {
		return opts, fmt.Errorf("options are not JSON like {\"host\":\"127.0.0.1\",\"port\":8474,\"secret\":\"…\"}: %v", err)
	}
	if opts.Host == "" || opts.Port < 1 || opts.Port > 65535 || len(opts.Secret) < 32 || strings.Contains(opts.Secret, "/") {
		return opts, fmt.Errorf("options need host, port (1-65535) and a secret of 32 or more characters without '/'")
	}
	return opts, nil
}

// guard serves the API only under /<secret>/; everything else is refused without a hint.
func guard(secret string, api http.Handler) http.Handler {
	prefix := "/" + secret
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		head := r.URL.Path
		if len(head) > len(prefix) {
			head = head[:len(prefix)]
		}
		rest := strings.TrimPrefix(r.URL.Path, head)
		if subtle.ConstantTimeCompare([]byte(head), []byte(prefix)) != 1 || !strings.HasPrefix(rest, "/") {
			http.Error(w, "forbidden", http.StatusForbidden)
			return
		}
		http.StripPrefix(prefix, api).ServeHTTP(w, r)
	})
}

func main() {
	if len(os.Args) > 1 && (os.Args[1] == "-version" || os.Args[1] == "--version") {
		fmt.Printf("toxiproxy-server version %s (kafka-chaos guard)\n", toxiproxy.Version)
		return
	}
	opts, err := readOptions()
	if err != nil {
		fmt.Fprintf(os.Stderr, "toxiproxy guard: %v\n", err)
		os.Exit(2)
	}
	logger := zerolog.New(os.Stdout).With().Timestamp().Logger().Level(zerolog.InfoLevel)
	server := toxiproxy.NewServer(toxiproxy.NewMetricsContainer(prometheus.NewRegistry()), logger)
	addr := net.JoinHostPort(opts.Host, strconv.Itoa(opts.Port))
	httpServer := &http.Server{Addr: addr, Handler: guard(opts.Secret, server.Routes()),
		ReadTimeout: 15 * time.Second, WriteTimeout: 30 * time.Second, IdleTimeout: 60 * time.Second}
	logger.Info().Str("version", toxiproxy.Version).Str("address", addr).Msg("Starting guarded Toxiproxy")
	go func() {
		if err := httpServer.ListenAndServe(); err != nil && err != http.ErrServerClosed {
			logger.Error().Err(err).Msg("API server failed")
			os.Exit(1)
		}
	}()
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGINT, syscall.SIGTERM)
	<-signals
	server.Collection.Clear()
	httpServer.Close()
}
