// The certificates of a TLS cluster, made per run with the JDK's keytool (Node can read X.509
// but not issue it): a certificate authority, and one broker key pair signed by it whose names
// are every address a SUT may dial — 127.0.0.1 on the process runtime, the Toxiproxy container's
// name on the container runtime (TLS passes through the proxies untouched, so the name checked
// is the proxy's, not the broker's). The brokers get a PKCS12 keystore; a SUT gets only the CA's
// PEM (KAFKA_SSL_CA_LOCATION), never a key. EC P-256 keys: every client library here takes them,
// and they are made in milliseconds where RSA takes a second.

import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { resolveJava } from '../setup/java.js';
import { EnvironmentError } from '../util/errors.js';

const run = promisify(execFile);

/** Long enough for any run, short enough that a leaked key is worthless. */
const VALIDITY_DAYS = '2';
const KEY = ['-keyalg', 'EC', '-groupname', 'secp256r1'];

export interface CertificateAuthority {
  /** The CA's certificate, PEM: what a client trusts. */
  readonly pemPath: string;
  /** Its PKCS12 store (key and certificate), to sign with. */
  readonly storePath: string;
  readonly password: string;
}

export interface RunCertificates {
  /** The run CA's certificate only: its key is deleted once the broker's certificate is signed. */
  readonly ca: Pick<CertificateAuthority, 'pemPath'>;
  /** PKCS12: the broker key, its certificate signed by the CA, and the CA. */
  readonly brokerKeystorePath: string;
  readonly brokerKeystorePassword: string;
}

/** The names the broker certificate carries (SAN entries). */
export interface CertificateNames {
  ips: readonly string[];
  dns: readonly string[];
}

/** keytool beside the java the runtimes use (JAVA_HOME or PATH, at least 17). */
export async function resolveKeytool(): Promise<string> {
  const java = await resolveJava(process.env, 17);
  const keytool = path.join(path.dirname(java.javaBin), 'keytool');
  if (!fs.existsSync(keytool)) {
    throw new EnvironmentError(`a TLS cluster needs the JDK's keytool to make the run's certificates; ${keytool} does not exist`, {
      fix: 'install a full JDK 17+ (not a JRE) or point JAVA_HOME at one',
    });
  }
  return keytool;
}

/** A new certificate authority in `dir` (named `name`, e.g. "ca"). */
export async function makeCertificateAuthority(keytool: string, dir: string, name: string): Promise<CertificateAuthority> {
  fs.mkdirSync(dir, { recursive: true });
  const password = randomBytes(12).toString('hex');
  const storePath = path.join(dir, `${name}.p12`);
  const pemPath = path.join(dir, `${name}.pem`);
  const store = ['-keystore', storePath, '-storetype', 'PKCS12', '-storepass', password];
  await keytoolRun(keytool, [
    '-genkeypair',
    '-alias',
    'ca',
    ...KEY,
    '-dname',
    `CN=kafka-chaos ${name}`,
    '-ext',
    'bc:c',
    '-validity',
    VALIDITY_DAYS,
    ...store,
  ]);
  await keytoolRun(keytool, ['-exportcert', '-rfc', '-alias', 'ca', '-file', pemPath, ...store]);
  return { pemPath, storePath, password };
}

/** The run's CA and a broker keystore signed by it, in `dir` (the run directory's tls/). */
export async function makeRunCertificates(dir: string, names: CertificateNames): Promise<RunCertificates> {
  const keytool = await resolveKeytool();
  const ca = await makeCertificateAuthority(keytool, dir, 'ca');
  const password = randomBytes(12).toString('hex');
  const keystorePath = path.join(dir, 'broker.p12');
  const csrPath = path.join(dir, 'broker.csr');
  const certPath = path.join(dir, 'broker.pem');
  const broker = ['-keystore', keystorePath, '-storetype', 'PKCS12', '-storepass', password];
  const san = `SAN=${[...names.ips.map((ip) => `ip:${ip}`), ...names.dns.map((d) => `dns:${d}`)].join(',')}`;
  await keytoolRun(keytool, [
    '-genkeypair',
    '-alias',
    'broker',
    ...KEY,
    '-dname',
    'CN=kafka-chaos broker',
    '-validity',
    VALIDITY_DAYS,
    ...broker,
  ]);
  await keytoolRun(keytool, ['-certreq', '-alias', 'broker', '-file', csrPath, ...broker]);
  await keytoolRun(keytool, [
    '-gencert', '-rfc', '-alias', 'ca', '-infile', csrPath, '-outfile', certPath, '-validity', VALIDITY_DAYS,
    '-ext', san, '-ext', 'EKU=serverAuth',
    '-keystore', ca.storePath, '-storetype', 'PKCS12', '-storepass', ca.password,
  ]); // prettier-ignore
  // The chain must be complete before the signed certificate replaces the self-signed one.
  await keytoolRun(keytool, ['-importcert', '-noprompt', '-alias', 'ca', '-file', ca.pemPath, ...broker]);
  await keytoolRun(keytool, ['-importcert', '-noprompt', '-alias', 'broker', '-file', certPath, ...broker]);
  // Nothing is signed after this: the CA's key goes, so no one can mint a certificate the SUT trusts.
  fs.rmSync(ca.storePath, { force: true });
  fs.rmSync(csrPath, { force: true });
  return { ca: { pemPath: ca.pemPath }, brokerKeystorePath: keystorePath, brokerKeystorePassword: password };
}

async function keytoolRun(keytool: string, args: string[]): Promise<void> {
  try {
    await run(keytool, args, { timeout: 60_000 });
  } catch (error) {
    const output = error as { stderr?: string; stdout?: string };
    const said = `${output.stdout ?? ''}${output.stderr ?? ''}`.trim().split('\n').pop();
    throw new EnvironmentError(`keytool ${args[0]} failed while making the run's TLS certificates: ${said || String(error)}`, {
      cause: error,
      fix: 'check the JDK (keytool -help must run)',
    });
  }
}
