import { KgenError } from '../../errors';

/**
 * Why a state store failed: the persistent backend is not installed, its files are damaged or of another
 * format (wipe the directory and restore from the changelog), a name cannot be a directory, a key is beyond
 * the backend's limit, or the store was used after `close()`.
 */
export type StateStoreFailure = 'backend-missing' | 'corrupt' | 'invalid-name' | 'key-too-large' | 'closed';

/** A state store cannot be opened or used; `store` and `path` say which, `reason` what to do about it. */
export class StateStoreError extends KgenError {
  override readonly code = 'STATE_STORE' as const;
  constructor(
    readonly reason: StateStoreFailure,
    /** The store's name (its changelog topic's middle part). */
    readonly store: string,
    /** The store's directory, for a persistent store. */
    readonly path: string | undefined,
    message: string,
    options?: { cause?: unknown },
  ) {
    super('STATE_STORE', message, options);
  }
}
