// One POST per record: its value as the body, its headers as HTTP headers (those we set ourselves
// or that would corrupt the request's framing are left out, as are names or values HTTP cannot
// carry), and `sut-instance`. A 2xx is an acknowledgement; anything else, a redirect included, is
// an error to retry. No proxy from the environment is used.
package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"

	"github.com/twmb/franz-go/pkg/kgo"
)

var (
	owned       = map[string]bool{"host": true, "content-length": true, "transfer-encoding": true, "connection": true, "content-type": true, "sut-instance": true, "expect": true, "te": true}
	headerName  = regexp.MustCompile("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")
	headerValue = regexp.MustCompile(`^[\t\x20-\x7e]*$`)
)

type poster struct {
	url    string
	client *http.Client
}

func newPoster(c config) *poster {
	transport := &http.Transport{Proxy: nil, MaxIdleConnsPerHost: 4}
	return &poster{url: c.target.String(), client: &http.Client{
		Timeout:       c.httpTimeout,
		Transport:     transport,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// send returns nil on a 2xx, else the error.
func (p *poster) send(ctx context.Context, record *kgo.Record, instance string) error {
	request, err := http.NewRequestWithContext(ctx, http.MethodPost, p.url, bytes.NewReader(record.Value))
	if err != nil {
		return err
	}
	request.Header.Set("content-type", "application/json")
	request.Header.Set("sut-instance", instance)
	for _, h := range record.Headers {
		value := string(h.Value)
		if !owned[strings.ToLower(h.Key)] && headerName.MatchString(h.Key) && headerValue.MatchString(value) {
			request.Header.Set(h.Key, value)
		}
	}
	response, err := p.client.Do(request)
	if err != nil {
		return err
	}
	defer response.Body.Close()
	_, _ = io.Copy(io.Discard, response.Body) // read to the end, so the connection is reused
	if response.StatusCode < 200 || response.StatusCode > 299 {
		return fmt.Errorf("HTTP %d", response.StatusCode)
	}
	return nil
}
