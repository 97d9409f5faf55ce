import type { KafkaJS } from '@confluentinc/kafka-javascript';
import { murmur2Partition } from '../../producer/murmur2';
import { toMessage, type RecordSerde } from '../../producer/record-serde';
import type { RawRecord } from '../../kafka/raw-record';
import { decodeKey, decodeValue, encodeKey, encodeValue, partitionBytes } from '../codec/internal-codec';
import { InvalidTimestampError } from '../errors';
import type { Emitted, Rec } from '../topology/context';
import { RepartitionSourceNode, type SourceNode } from '../topology/io-nodes';

/** An emitted record as a Kafka message: user topics through the real codecs, repartition topics internal. */
export function messageOf(
  out: Emitted,
  serde: RecordSerde,
  partitionsOf: (topic: string) => number,
): KafkaJS.Message | Promise<KafkaJS.Message> {
  const timestamp = String(out.timestamp);
  if (out.kind === 'repartition')
    return {
      key: encodeKey(out.key),
      value: encodeValue(out.value),
      partition: murmur2Partition(partitionBytes(out.key), partitionsOf(out.topic)),
      timestamp,
    };
  const m = toMessage(serde, {
    topic: out.topic,
    key: out.key,
    value: out.value,
    ...(out.headers ? { headers: out.headers as KafkaJS.IHeaders } : {}),
  });
  return m instanceof Promise ? m.then((x) => ({ ...x, timestamp })) : { ...m, timestamp };
}

/** Decodes a fetched record for `source`: the real codecs for user topics, the internal codec otherwise. */
export function decodeInput(
  source: SourceNode,
  raw: RawRecord,
  serde: RecordSerde,
): { key: unknown; value: unknown } | Promise<{ key: unknown; value: unknown }> {
  if (source instanceof RepartitionSourceNode)
    return {
      key: raw.key === null ? null : decodeKey(raw.key),
      value: raw.value === null ? null : decodeValue(raw.value),
    };
  return serde.decode(raw);
}

/** The event time of a decoded record: the source's extractor, or the Kafka timestamp; validated. */
export function eventTime(
  source: SourceNode,
  raw: RawRecord,
  decoded: { key: unknown; value: unknown },
): number {
  const kafkaTs = raw.timestamp === '' ? NaN : Number(raw.timestamp);
  const t = source.timestampOf
    ? source.timestampOf({ key: decoded.key, value: decoded.value, timestamp: kafkaTs } satisfies Rec)
    : kafkaTs;
  if (typeof t !== 'number' || !Number.isFinite(t) || t < 0 || !Number.isInteger(t))
    throw new InvalidTimestampError(raw.topic, raw.partition, raw.offset, t);
  return t;
}
