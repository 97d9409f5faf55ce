import type { KafkaJS } from '@confluentinc/kafka-javascript';

/**
 * An empty buffer the binding hands to librdkafka as empty, not as null: a zero-length Buffer of its own
 * has no data pointer, which librdkafka writes as a null key/value (a tombstone!). A zero-length view into
 * a real allocation has one.
 */
const EMPTY_BYTES = Buffer.alloc(1).subarray(0, 0);

/** Bytes as librdkafka must write them: null stays null, empty stays empty. Every produce path uses it. */
export function faithfulBytes(bytes: Buffer | null): Buffer | null {
  return bytes !== null && bytes.length === 0 ? EMPTY_BYTES : bytes;
}

/**
 * A key as the binding takes it: a string goes as its own UTF-8 copy (empty stays empty), bytes through
 * {@link faithfulBytes}.
 */
export function faithfulKey(key: Buffer | string | null): Buffer | string | null {
  return typeof key === 'string' ? key : faithfulBytes(key);
}

/**
 * A KafkaJS-shaped record whose empty key and value reach the broker empty (the KafkaJS layer turns a string
 * value into a Buffer of its own, so '' would be null too).
 */
export function faithfulMessage(m: KafkaJS.Message): KafkaJS.Message {
  const value =
    typeof m.value === 'string' ? (m.value === '' ? EMPTY_BYTES : m.value) : faithfulBytes(m.value);
  const key = m.key === undefined ? undefined : faithfulKey(m.key);
  if (value === m.value && key === m.key) return m;
  const out: KafkaJS.Message = { ...m, value };
  if (key !== undefined) out.key = key;
  return out;
}
