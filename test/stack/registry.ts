import * as path from 'node:path';
import { host, paths, ports, stateDir } from './config';
import { StackError } from './errors';
import type { Jdk } from './java';
import { logTail, runningPid, startDetached, waitUntil } from './process';

/** Apicurio Registry with its Confluent-compatible API; in-memory storage, so it is empty at every start. */
export function startRegistry(jdk: Jdk): number {
  return startDetached(
    'registry',
    jdk.javaBin,
    [
      '-Xms256m',
      '-Xmx1g',
      `-Dquarkus.http.host=${host}`,
      `-Dquarkus.http.port=${ports.registry}`,
      `-Dquarkus.management.host=${host}`,
      `-Dquarkus.management.port=${ports.registryManagement}`,
      '-Dquarkus.log.level=WARN',
      '-Dquarkus.log.category."io.quarkus".level=INFO',
      '-jar',
      path.join(paths.apicurioHome, 'quarkus-run.jar'),
    ],
    stateDir,
  );
}

/** Ready means `GET /subjects` answers 200 with a JSON array. */
export async function registryAnswers(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/subjects`, { signal: AbortSignal.timeout(3000) });
    if (!res.ok) return false;
    return Array.isArray(await res.json());
  } catch {
    return false;
  }
}

export async function waitForRegistry(url: string, timeoutMs: number): Promise<void> {
  const ok = await waitUntil(
    () => registryAnswers(url),
    timeoutMs,
    () => runningPid('registry') !== undefined,
  );
  if (!ok) {
    throw new StackError(
      `Schema registry at ${url} did not answer GET /subjects within ${timeoutMs} ms. Last log lines:\n${logTail('registry')}`,
    );
  }
}
