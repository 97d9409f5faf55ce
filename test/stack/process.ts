import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { paths } from './config';

/** `kafka` is node 1 (the single-node stack); a multi-node stack adds `kafka-2`, `kafka-3`, ... */
export type ServiceName = 'kafka' | 'registry' | `kafka-${number}`;

function pidFile(name: ServiceName): string {
  return path.join(paths.pids, `${name}.pid`);
}

export function readPid(name: ServiceName): number | undefined {
  try {
    const pid = Number(fs.readFileSync(pidFile(name), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The pid of a service started by this stack that is still running, if any. */
export function runningPid(name: ServiceName): number | undefined {
  const pid = readPid(name);
  return pid !== undefined && isAlive(pid) ? pid : undefined;
}

/** Starts a detached JVM whose output goes to `.stack/logs/<name>.log`, recording its pid. */
export function startDetached(name: ServiceName, command: string, args: string[], cwd: string): number {
  fs.mkdirSync(paths.logs, { recursive: true });
  fs.mkdirSync(paths.pids, { recursive: true });
  const log = fs.openSync(path.join(paths.logs, `${name}.log`), 'w');
  const child = spawn(command, args, { cwd, detached: true, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  if (child.pid === undefined) throw new Error(`could not start ${name} (${command})`);
  child.unref();
  fs.writeFileSync(pidFile(name), `${child.pid}\n`);
  return child.pid;
}

export function logPath(name: ServiceName): string {
  return path.join(paths.logs, `${name}.log`);
}

export function logTail(name: ServiceName, lines = 20): string {
  try {
    return fs.readFileSync(logPath(name), 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
export async function stop(name: ServiceName, graceMs = 15_000): Promise<boolean> {
  const pid = readPid(name);
  fs.rmSync(pidFile(name), { force: true });
  if (pid === undefined || !isAlive(pid)) return false;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(200);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  while (isAlive(pid)) await sleep(100);
  return true;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function isPortOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Polls `check` until it returns true or `timeoutMs` passes; `alive` aborts early when the process died. */
export async function waitUntil(
  check: () => Promise<boolean>,
  timeoutMs: number,
  alive: () => boolean = () => true,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    if (!alive()) return false;
    await sleep(500);
  }
  return false;
}
