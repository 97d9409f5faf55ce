import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** What an interop test does about its external peer (e.g. the Python venv with confluent-kafka). */
export type PeerPlan =
  | { readonly action: 'run' }
  | { readonly action: 'skip'; readonly reason: string }
  | { readonly action: 'fail'; readonly reason: string };

/** True when the environment says this is a CI run (`CI=true`, `CI=1`, any value but `false`/`0`/empty). */
export function isCi(env: NodeJS.ProcessEnv): boolean {
  const v = env['CI']?.trim().toLowerCase();
  return v !== undefined && v !== '' && v !== 'false' && v !== '0';
}

/**
 * A missing peer skips its tests on a developer machine (with a warning), but fails the run under CI: a CI run
 * that skips the interop tests would report wire compatibility it never checked.
 */
export function planPeer(peer: string, installed: boolean, env: NodeJS.ProcessEnv): PeerPlan {
  if (installed) return { action: 'run' };
  const reason = `${peer} is missing (run npm run setup)`;
  return isCi(env)
    ? { action: 'fail', reason: `${reason}; CI must run the interop tests, not skip them` }
    : { action: 'skip', reason: `${reason}: interop tests skipped` };
}

/** The Python venv the interop tests run confluent-kafka from. */
export const PYTHON_PEER = join(__dirname, '../../.cache/pyenv/bin/python');

export function pythonPeerPlan(env: NodeJS.ProcessEnv = process.env): PeerPlan {
  return planPeer(`the Python venv ${PYTHON_PEER}`, existsSync(PYTHON_PEER), env);
}

/**
 * `it` for a test that needs the peer: runs it, skips it (warning once), or replaces it with a failing test
 * that names the missing peer.
 */
export function peerIt(plan: PeerPlan): (name: string, fn: () => Promise<void>, timeout?: number) => void {
  if (plan.action === 'run') return (name, fn, timeout) => it(name, fn, timeout);
  if (plan.action === 'skip') {
    console.warn(plan.reason);
    return (name, fn, timeout) => it.skip(name, fn, timeout);
  }
  return (name) =>
    it(name, () => {
      throw new Error(plan.reason);
    });
}

/** `describe` for a block of tests that need the peer (see `peerIt`). */
export function peerDescribe(plan: PeerPlan): (name: string, fn: () => void) => void {
  if (plan.action === 'run') return (name, fn) => describe(name, fn);
  if (plan.action === 'skip') {
    console.warn(plan.reason);
    return (name, fn) => describe.skip(name, fn);
  }
  return (name) =>
    describe(name, () => {
      it('has its interop peer installed', () => {
        throw new Error(plan.reason);
      });
    });
}
