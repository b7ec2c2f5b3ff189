// The forwarder's configuration: the SUT contract's variables (docs/sut-contract.md) and its own
// FORWARDER_* knobs, read once at start. A problem is one stderr line naming the variable and what
// it should be, and exit 2 — before anything connects.
package main

import (
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
)

type config struct {
	bootstrap, topics                   []string
	group, instance                     string
	target                              *url.URL
	assignor, groupProtocol             string
	balancer                            kgo.GroupBalancer
	static, stopOnError                 bool
	sessionTimeout                      time.Duration
	retryInitial, retryMax, httpTimeout time.Duration
	caLocation                          string // KAFKA_SECURITY_PROTOCOL=SSL: the CA to trust; "" for PLAINTEXT
}

func setting(name, expected, fallback string) string {
	value := strings.TrimSpace(os.Getenv(name)) // an empty variable counts as unset
	if value == "" {
		value = fallback
	}
	if value == "" {
		fail(2, "%s is not set; expected %s", name, expected)
	}
	return value
}

func list(name, expected string) []string {
	var items []string
	for _, item := range strings.Split(setting(name, expected, ""), ",") {
		if item = strings.TrimSpace(item); item != "" {
			items = append(items, item)
		}
	}
	if len(items) == 0 {
		fail(2, "%s names nothing; expected %s", name, expected)
	}
	return items
}

func millis(name string, fallback int) time.Duration {
	raw := setting(name, "", strconv.Itoa(fallback))
	n, err := strconv.Atoi(raw)
	if err != nil || n <= 0 {
		fail(2, "%s is %q; expected milliseconds, e.g. %d", name, raw, fallback)
	}
	return time.Duration(n) * time.Millisecond
}

func oneOf(name, fallback string, allowed ...string) string {
	value := setting(name, "", fallback)
	for _, a := range allowed {
		if value == a {
			return value
		}
	}
	fail(2, "%s is %q; expected one of %s", name, value, strings.Join(allowed, ", "))
	return ""
}

func loadConfig() config {
	c := config{
		bootstrap: list("KAFKA_BOOTSTRAP_SERVERS", "host:port,…, e.g. 127.0.0.1:9092"),
		topics:    list("KAFKA_TOPIC", "a topic name, e.g. orders"),
		group:     setting("KAFKA_GROUP_ID", "a consumer group id, e.g. billing", ""),
		instance:  setting("SUT_INSTANCE", "an instance name, e.g. 1", ""),
	}
	raw := setting("TARGET_URL", "a URL, e.g. http://127.0.0.1:8080/messages", "")
	target, err := url.Parse(raw)
	if err != nil || (target.Scheme != "http" && target.Scheme != "https") || target.Host == "" {
		fail(2, "TARGET_URL is %q; expected an http(s) URL", raw)
	}
	c.target = target
	oneOf("FORWARDER_MODE", "correct", "correct") // its one mode: broken ones live in the TypeScript forwarder
	c.stopOnError = oneOf("FORWARDER_ON_ERROR", "retry", "retry", "stop") == "stop"
	c.assignor = oneOf("FORWARDER_ASSIGNOR", "range", "range", "cooperative-sticky", "sticky")
	c.groupProtocol = oneOf("FORWARDER_GROUP_PROTOCOL", "classic", "classic", "consumer")
	if c.groupProtocol == "consumer" && c.assignor == "cooperative-sticky" {
		fail(2, "FORWARDER_GROUP_PROTOCOL=consumer assigns on the broker and takes range or sticky; unset FORWARDER_ASSIGNOR")
	}
	c.balancer = map[string]kgo.GroupBalancer{
		"range":              kgo.RangeBalancer(),
		"sticky":             kgo.StickyBalancer(),
		"cooperative-sticky": kgo.CooperativeStickyBalancer(),
	}[c.assignor]
	static := oneOf("FORWARDER_STATIC", "false", "true", "false")
	c.static = static == "true"
	c.sessionTimeout = millis("FORWARDER_SESSION_TIMEOUT_MS", 10000)
	c.retryInitial = millis("FORWARDER_RETRY_INITIAL_MS", 100)
	c.retryMax = max(c.retryInitial, millis("FORWARDER_RETRY_MAX_MS", 1000))
	c.httpTimeout = millis("FORWARDER_HTTP_TIMEOUT_MS", 5000)
	if oneOf("KAFKA_SECURITY_PROTOCOL", "PLAINTEXT", "PLAINTEXT", "SSL") == "SSL" {
		c.caLocation = setting("KAFKA_SSL_CA_LOCATION", "the path of the PEM CA certificate to trust", "")
	}
	return c
}
