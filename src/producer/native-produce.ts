import type { HeaderValue, ProducerHeaders } from './message';
import type { NativeHeaders } from '../kafka/internal-client';

/** librdkafka's record metadata as the KafkaJS layer's delivery callback hands it to `opaque.resolve`. */
export interface NativeRecordMetadata {
  readonly topicName: string;
  readonly partition: number;
  readonly baseOffset: number | string | null | undefined;
}

/** One record for {@link produceNative}; as {@link KafkaJS.Message} but with typed fields. */
export interface NativeRecord {
  readonly key: Buffer | string | null;
  readonly value: Buffer | null;
  readonly partition?: number;
  readonly headers?: ProducerHeaders;
  readonly timestamp?: number;
}

/**
 * Headers as the binding takes them; arrays become repeated headers of the same name (as KafkaJS does). Takes
 * kgen's headers and KafkaJS-style ones (whose values may be undefined: such a header is left out).
 */
export function nativeHeaders(
  headers: Readonly<Record<string, HeaderValue | undefined>> | undefined,
): NativeHeaders | null {
  if (headers === undefined) return null;
  const out: NativeHeaders = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value))
      for (const v of value as ReadonlyArray<string | Buffer>) out.push({ [name]: v });
    else out.push({ [name]: value as string | Buffer });
  }
  return out;
}
