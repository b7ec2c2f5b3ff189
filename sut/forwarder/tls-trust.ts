// TLS to the brokers (KAFKA_SECURITY_PROTOCOL=SSL): the CA the harness hands over, and a check,
// before the consumer starts, that it really trusts the brokers' certificate. Without the check
// kafkajs retries an untrusted handshake like any refused connection, for a minute, and the
// operator sees a group that never formed; with it the process ends at once, in one line that
// names the cause and the variable to fix.

import fs from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';

/** How long the check waits for a handshake; a broker that does not answer is kafkajs's to retry. */
const TRUST_CHECK_TIMEOUT_MS = 5000;

/** The CA certificate(s) at KAFKA_SSL_CA_LOCATION, or an Error naming the variable. */
export function readCa(caLocation: string): string | Error {
  try {
    const pem = fs.readFileSync(caLocation, 'utf8');
    if (!pem.includes('-----BEGIN CERTIFICATE-----')) return new Error(`KAFKA_SSL_CA_LOCATION ${caLocation} holds no PEM certificate`);
    return pem;
  } catch (error) {
    return new Error(`KAFKA_SSL_CA_LOCATION ${caLocation} cannot be read: ${(error as Error).message}`);
  }
}

/**
 * Resolves with why `broker` (host:port) is not trusted by `ca`, or undefined when the handshake
 * verified — or could not be tried (refused, timed out: not a trust problem, kafkajs retries it).
 */
export function untrustedBecause(broker: string, ca: string): Promise<string | undefined> {
  const separator = broker.lastIndexOf(':');
  const host = broker.slice(0, separator);
  const port = Number(broker.slice(separator + 1));
  return new Promise((resolve) => {
    // The name checked is the one dialled, as kafkajs checks it (an IP against the IP SANs).
    const socket = tls.connect({ host, port, ca, servername: net.isIP(host) ? undefined : host, timeout: TRUST_CHECK_TIMEOUT_MS });
    const done = (why: string | undefined) => {
      socket.destroy();
      resolve(why);
    };
    socket.once('secureConnect', () => done(socket.authorized ? undefined : String(socket.authorizationError)));
    socket.once('timeout', () => done(undefined));
    socket.once('error', (error: NodeJS.ErrnoException) => done(isCertificateError(error) ? `${error.code}: ${error.message}` : undefined));
  });
}

function isCertificateError(error: NodeJS.ErrnoException): boolean {
  return /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|HOSTNAME|ALTNAME/.test(error.code ?? '');
}
