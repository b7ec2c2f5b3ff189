// TLS to the brokers (KAFKA_SECURITY_PROTOCOL=SSL): trust exactly the CA in KAFKA_SSL_CA_LOCATION,
// and check before the group is joined that it verifies the brokers' certificate. franz-go
// retries a failed handshake like any failed dial, so without the check an untrusted CA shows as
// a group that never forms; with it the process ends at once with one line naming the cause.
package main

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"os"
	"time"
)

// tlsConfig is nil for PLAINTEXT. franz-go sets ServerName to each broker's host as dialled.
func tlsConfig(c config) *tls.Config {
	if c.caLocation == "" {
		return nil
	}
	pem, err := os.ReadFile(c.caLocation)
	if err != nil {
		fail(2, "KAFKA_SSL_CA_LOCATION %s cannot be read: %v", c.caLocation, err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		fail(2, "KAFKA_SSL_CA_LOCATION %s holds no PEM certificate", c.caLocation)
	}
	return &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
}

// checkTrust ends the process (exit 1) when the first bootstrap broker's certificate does not
// verify; a broker that cannot be reached is left to the client's retries (not a trust problem).
func checkTrust(c config, cfg *tls.Config) {
	if cfg == nil {
		return
	}
	host, _, err := net.SplitHostPort(c.bootstrap[0])
	if err != nil {
		fail(2, "KAFKA_BOOTSTRAP_SERVERS entry %q is not host:port", c.bootstrap[0])
	}
	check := cfg.Clone()
	check.ServerName = host
	conn, err := tls.DialWithDialer(&net.Dialer{Timeout: 5 * time.Second}, "tcp", c.bootstrap[0], check)
	if err == nil {
		conn.Close()
		return
	}
	var unknownAuthority x509.UnknownAuthorityError
	var badName x509.HostnameError
	var invalid x509.CertificateInvalidError
	var verify *tls.CertificateVerificationError
	if errors.As(err, &unknownAuthority) || errors.As(err, &badName) || errors.As(err, &invalid) || errors.As(err, &verify) {
		fail(1, "the brokers' TLS certificate is not trusted by KAFKA_SSL_CA_LOCATION %s (%v)", c.caLocation, err)
	}
}
