import type * as Lmdb from 'lmdb';
import { StateStoreError } from './state-store-error';

/** The `lmdb` module's API, as the persistent store uses it. */
export type LmdbModule = typeof Lmdb;

/**
 * Loads `lmdb` when a persistent store is first opened. It is an optional peer dependency of kgen: an
 * application that keeps its state in memory never installs or loads a native module. `load` replaces the
 * loader (tests pass one that fails). The literal `require('lmdb')` is what the manifests test looks for.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export function loadLmdb(store: string, load: () => unknown = () => require('lmdb')): LmdbModule {
  try {
    return load() as LmdbModule;
  } catch (err) {
    const missing = (err as { code?: unknown } | null)?.code === 'MODULE_NOT_FOUND';
    throw new StateStoreError(
      'backend-missing',
      store,
      undefined,
      missing
        ? `state store "${store}" is persistent but the "lmdb" package is not installed: run "npm install lmdb" (an optional peer dependency of kgen), or keep the store in memory`
        : `state store "${store}": the "lmdb" package failed to load: ${err instanceof Error ? err.message : String(err)}`,
      { cause: err },
    );
  }
}
