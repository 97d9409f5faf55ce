import { DecodeError } from './decode-error';
import type { DecodeErrorAction, RawMessage } from './message';
import type { DecodedRecord, DecodedTombstone, MessageDecoder } from './message-decoder';

/**
 * The consume path's rules for one record, shared by `consumer.run()` and `runWithDelivery`: a tombstone
 * goes to `onTombstone` when there is one (else it is a {@link DecodeError} like any undecodable record), and
 * `onDecodeError` may skip an undecodable record; what happens to an error it does not skip is the caller's
 * (the typed consumer replays the record, `runWithDelivery` dead-letters it).
 */
export interface DecodeRules {
  /** Whether tombstones have their own handler. */
  readonly tombstones: boolean;
  readonly onDecodeError?: (
    error: DecodeError,
    raw: RawMessage,
  ) => DecodeErrorAction | Promise<DecodeErrorAction>;
}

/** What a raw record became under {@link DecodeRules}. */
export type DecodeOutcome =
  | { readonly kind: 'message'; readonly record: DecodedRecord }
  | { readonly kind: 'tombstone'; readonly tombstone: DecodedTombstone }
  | { readonly kind: 'skipped'; readonly error: DecodeError };

/** Lets `onDecodeError` decide on a failed decode: resolves `undefined` when it skips, else rethrows. */
export async function recoverDecodeError(
  error: unknown,
  raw: RawMessage,
  onDecodeError: DecodeRules['onDecodeError'],
): Promise<undefined> {
  if (!(error instanceof DecodeError) || onDecodeError === undefined) throw error;
  if ((await onDecodeError(error, raw)) === 'skip') return undefined;
  throw error;
}

/** Decodes `raw` with the consumer's decoder under `rules`; rejects with the {@link DecodeError} not skipped. */
export async function decodeStep(
  decoder: MessageDecoder,
  raw: RawMessage,
  rules: DecodeRules,
): Promise<DecodeOutcome> {
  try {
    if (raw.value === null && rules.tombstones)
      return { kind: 'tombstone', tombstone: await decoder.decodeTombstone(raw) };
    return { kind: 'message', record: await decoder.decode(raw) };
  } catch (error) {
    await recoverDecodeError(error, raw, rules.onDecodeError);
    return { kind: 'skipped', error: error as DecodeError };
  }
}
