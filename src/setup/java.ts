// Finds the JDK that runs the brokers (and Maven) and checks it is new enough for the Kafka
// version, so a too-old Java fails here with one line instead of as a broker crash later.

import path from 'node:path';
import { ConfigError, EnvironmentError, MissingToolError } from '../util/errors.js';
import { envVar } from './env-var.js';
import { findExecutable, isExecutableFile } from './find-executable.js';
import { outputLines, runTool } from './run-tool.js';

export interface JavaInstallation {
  javaBin: string;
  majorVersion: number;
}

const INSTALL_FIX = 'install JDK 17 or newer (apt-get install openjdk-17-jdk-headless) or set JAVA_HOME';

/**
 * The major version from `java -version` output: `version "17.0.15"` → 17, `version "21"` → 21,
 * and the pre-9 scheme `version "1.8.0_392"` → 8. Undefined when no version string is present.
 */
export function parseJavaMajorVersion(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?[^"]*"/.exec(versionOutput);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] !== undefined ? Number(match[2]) : first;
}

/** $JAVA_HOME/bin/java when JAVA_HOME is set (a wrong JAVA_HOME is an error, not a fallback), else java on PATH. */
function locateJava(env: NodeJS.ProcessEnv): string {
  const javaHome = envVar(env, 'JAVA_HOME');
  if (javaHome !== undefined) {
    const javaBin = path.join(javaHome, 'bin', 'java');
    if (!isExecutableFile(javaBin)) {
      throw new ConfigError(`JAVA_HOME is ${javaHome} but ${javaBin} is not an executable file`, {
        fix: 'point JAVA_HOME at a JDK 17 or newer, or unset it to use java from PATH',
      });
    }
    return javaBin;
  }
  const javaBin = findExecutable('java', env);
  if (javaBin === undefined) {
    throw new MissingToolError('no JDK found: java is not on PATH and JAVA_HOME is not set', { fix: INSTALL_FIX });
  }
  return javaBin;
}

/** Locates java and checks that its major version is at least `minimumMajor`. */
export async function resolveJava(env: NodeJS.ProcessEnv = process.env, minimumMajor = 17): Promise<JavaInstallation> {
  const javaBin = locateJava(env);
  const { exitCode, output } = await runTool(javaBin, ['-version'], { env });
  const majorVersion = exitCode === 0 ? parseJavaMajorVersion(output) : undefined;
  if (majorVersion === undefined) {
    const firstLine = outputLines(output)[0] ?? `exit code ${String(exitCode)}`;
    throw new EnvironmentError(`${javaBin} -version did not report a Java version (${firstLine})`, {
      fix: INSTALL_FIX,
    });
  }
  if (majorVersion < minimumMajor) {
    // Suggest at least 17: it satisfies every Kafka version this harness supports.
    const suggested = Math.max(minimumMajor, 17);
    throw new MissingToolError(`Java ${majorVersion} found at ${javaBin}, but Java ${minimumMajor} or newer is required`, {
      fix: `install JDK ${suggested} or newer (apt-get install openjdk-${suggested}-jdk-headless) and set JAVA_HOME to it`,
    });
  }
  return { javaBin, majorVersion };
}
