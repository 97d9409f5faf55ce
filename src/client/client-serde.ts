import type { KafkaJS } from '@confluentinc/kafka-javascript';
import type { ClientParts } from './client-parts';
import { MessageDecoder } from '../consumer/message-decoder';
import type { ValueSerializer } from '../serde/registry/serde-context';
import { createTopicSerializer } from '../serde/topic-serde';
import { createHeadersEncoder, type HeadersEncoder } from '../serde/headers/headers-encoder';
import type { TopicMap, TopicName } from '../topics';
import type { EncodedRecord, RecordSerde } from '../producer/record-serde';

/**
 * The delivery engines' serde from a kgen client: the SDK's registry serializers (schema ids resolved here,
 * once) for `to` topics, and its decoder (writer schemas cached) for `from` topics. Undecodable records make
 * `decode` throw the SDK's `DecodeError`, which the engines dead-letter.
 */
export async function clientRecordSerde<T extends TopicMap>(
  client: Pick<ClientParts<T>, 'serde' | 'topics'>,
  topics: { readonly from?: readonly TopicName<T>[]; readonly to?: readonly TopicName<T>[] },
): Promise<RecordSerde> {
  const serializers = new Map<
    string,
    { key: ValueSerializer; value: ValueSerializer; headers: HeadersEncoder | undefined }
  >();
  await Promise.all(
    (topics.to ?? []).map(async (topic) => {
      const d = client.topics[topic]!;
      const headers = createHeadersEncoder(topic, d.headers);
      const [key, value] = await Promise.all([
        createTopicSerializer(client.serde, topic, 'key', d.key),
        createTopicSerializer(client.serde, topic, 'value', d.value),
      ]);
      serializers.set(topic, { key, value, headers });
    }),
  );
  const decoder = new MessageDecoder(client.serde, client.topics, topics.from ?? []);
  return {
    encode(topic, key, value): EncodedRecord | Promise<EncodedRecord> {
      const s = serializers.get(topic);
      if (!s) throw new TypeError(`clientRecordSerde: topic ${topic} was not declared in \`to\``);
      const k = key === null || key === undefined ? null : s.key(key);
      const v = s.value(value);
      if (k instanceof Promise || v instanceof Promise)
        return Promise.all([k, v]).then(([kb, vb]) => ({ key: kb, value: vb }));
      return { key: k, value: v };
    },
    encodeHeaders(topic, headers) {
      const s = serializers.get(topic);
      if (!s) throw new TypeError(`clientRecordSerde: topic ${topic} was not declared in \`to\``);
      // The encoder's arrays are readonly only by type: Kafka headers are never written to.
      return (s.headers === undefined ? headers : s.headers(headers)) as KafkaJS.IHeaders | undefined;
    },
    decode: (record) => decoder.decode(record),
  };
}
