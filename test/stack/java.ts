import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { StackError } from './errors';

export interface Jdk {
  javaBin: string;
  major: number;
}

/** Parses the major version out of `java -version` output ("17.0.15", "25", or legacy "1.8.0_x"). */
export function parseJavaMajor(versionOutput: string): number | undefined {
  const m = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!m) return undefined;
  const first = Number(m[1]);
  return first === 1 && m[2] ? Number(m[2]) : first;
}

function majorOf(javaBin: string): number | undefined {
  const res = spawnSync(javaBin, ['-version'], { encoding: 'utf8' });
  if (res.error || res.status !== 0) return undefined;
  // `java -version` prints to stderr.
  return parseJavaMajor(`${res.stderr}${res.stdout}`);
}

/** Candidate java binaries in order of preference: JAVA_HOME, PATH, then JDKs installed side by side. */
function candidates(): string[] {
  const list: string[] = [];
  const javaHome = process.env['KGEN_STACK_JAVA_HOME'] ?? process.env['JAVA_HOME'];
  if (javaHome) list.push(path.join(javaHome, 'bin', 'java'));
  list.push('java');
  for (const root of ['/usr/lib/jvm', '/opt/java']) {
    if (!fs.existsSync(root)) continue;
    for (const entry of fs.readdirSync(root).sort().reverse()) {
      const bin = path.join(root, entry, 'bin', 'java');
      if (fs.existsSync(bin)) list.push(bin);
    }
  }
  return list;
}

/** Finds a JDK of at least `minMajor` (Apicurio Registry 3.3 needs 21). */
export function findJava(minMajor: number): Jdk {
  const seen: string[] = [];
  for (const bin of candidates()) {
    const major = majorOf(bin);
    if (major === undefined) continue;
    if (major >= minMajor) return { javaBin: bin, major };
    seen.push(`${bin} (Java ${major})`);
  }
  throw new StackError(
    `Java ${minMajor}+ is required to run the local stack (Apicurio Registry 3.3 needs it), but none was found` +
      (seen.length ? `; found only ${seen.join(', ')}` : '') +
      `. Install one (Debian: apt-get install openjdk-21-jre-headless, or any Temurin 21+ JDK) and set JAVA_HOME to it.`,
  );
}

export function requireMaven(): void {
  const res = spawnSync('mvn', ['-v'], { encoding: 'utf8' });
  if (res.error || res.status !== 0) {
    throw new StackError(
      'Maven (mvn) is required to download Apache Kafka and Apicurio Registry from Maven Central. ' +
        'Install it (Debian: apt-get install maven) or put it on PATH.',
    );
  }
}
