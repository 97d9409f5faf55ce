import { Kafka as PlainKafka, logLevel } from 'kafkajs';
import { bytesSerde, createClient, defineTopics, stringSerde } from 'kgen';
import { stackEnv, uniqueName } from '../../helpers/stack-env';
import { createTopic } from './fixtures';

jest.setTimeout(120_000);

// An empty key or value must arrive empty, never as null (a null value is a tombstone: a delete on a
// compacted topic). librdkafka's binding writes a zero-length Buffer without a data pointer as null, so every
// produce path must hand it a real empty view. Read back with KafkaJS 2.2 (pure JavaScript, tells null from
// empty).
describe('typed SDK on the real stack: empty keys and values stay empty', () => {
  const { brokers, registryUrl } = stackEnv();
  const plain = new PlainKafka({ brokers: [brokers], logLevel: logLevel.NOTHING });

  type Shape = 'empty' | 'null' | 'text';
  /** What a record's key or value looks like on the broker. */
  const shapeOf = (b: Buffer | null): string => (b === null ? 'null' : b.length === 0 ? 'empty' : 'text');

  async function readBack(topic: string, count: number): Promise<string[]> {
    const reader = plain.consumer({ groupId: uniqueName('empty-bytes-reader') });
    await reader.connect();
    await reader.subscribe({ topic, fromBeginning: true });
    const seen: Array<{ offset: number; shape: string }> = [];
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${seen.length} of ${count} records`)), 60_000);
      reader
        .run({
          eachMessage: async ({ message }) => {
            const shape = `${shapeOf(message.key)}/${shapeOf(message.value)}`;
            seen.push({ offset: Number(message.offset), shape });
            if (seen.length === count) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
    await reader.disconnect();
    return seen.sort((a, b) => a.offset - b.offset).map((s) => s.shape);
  }

  /** Empty key, empty value, both, null key: as key/value shapes. */
  const cases: ReadonlyArray<[Shape, Shape]> = [
    ['empty', 'text'],
    ['text', 'empty'],
    ['empty', 'empty'],
    ['null', 'text'],
  ];
  const expected = cases.map(([k, v]) => `${k}/${v}`);

  function setup(prefix: string) {
    const strings = uniqueName(`${prefix}-str`) as 'strings';
    const bytes = uniqueName(`${prefix}-bytes`) as 'bytes';
    const topics = defineTopics({
      [strings]: { key: stringSerde, value: stringSerde },
      [bytes]: { key: bytesSerde, value: bytesSerde },
    } as const);
    const client = createClient({ brokers, registry: { url: registryUrl }, topics, logLevel: 'error' });
    const str = (s: Shape): string | null => (s === 'empty' ? '' : s === 'null' ? null : 'x');
    const buf = (s: Shape): Buffer | null =>
      s === 'empty' ? Buffer.alloc(0) : s === 'null' ? null : Buffer.from('x');
    const stringRecords = cases.map(([k, v]) => ({ key: str(k), value: str(v)! }));
    const bytesRecords = cases.map(([k, v]) => ({ key: buf(k), value: buf(v)! }));
    return { strings, bytes, client, stringRecords, bytesRecords };
  }

  it('send, produce and array send (string keys go to librdkafka as strings, bytes as buffers)', async () => {
    const { strings, bytes, client, stringRecords, bytesRecords } = setup('empty-send');
    const perPath = ['send', 'produce', 'array send'];
    await createTopic(brokers, strings);
    await createTopic(brokers, bytes);
    const producer = await client.producer({ topics: [strings, bytes] });
    for (const r of stringRecords) await producer.send(strings, r);
    for (const r of bytesRecords) await producer.send(bytes, r);
    for (const r of stringRecords) producer.produce(strings, r);
    for (const r of bytesRecords) producer.produce(bytes, r);
    await producer.flush();
    await producer.send(strings, stringRecords);
    await producer.send(bytes, bytesRecords);
    // encode() is the KafkaJS-shaped record of the same bytes: written by the raw producer, still empty.
    for (const r of bytesRecords)
      await producer.raw.send({ topic: bytes, messages: [await producer.encode(bytes, r)] });
    await producer.disconnect();
    const all = perPath.flatMap(() => expected);
    expect(await readBack(strings, all.length)).toEqual(all);
    expect(await readBack(bytes, all.length + expected.length)).toEqual([...all, ...expected]);
  });

  it('a topic not prepared yet (serializers resolved on the first send) keeps empty bytes too', async () => {
    const { strings, client, stringRecords } = setup('empty-cold');
    await createTopic(brokers, strings);
    const producer = await client.producer();
    await Promise.all(stringRecords.map((r) => producer.send(strings, r)));
    await producer.disconnect();
    expect(new Set(await readBack(strings, expected.length))).toEqual(new Set(expected));
  });

  it('transactional tx.send', async () => {
    const { strings, bytes, client, stringRecords, bytesRecords } = setup('empty-tx');
    await createTopic(brokers, strings);
    await createTopic(brokers, bytes);
    const tp = await client.transactionalProducer({
      transactionalId: uniqueName('empty-tx'),
      topics: [strings, bytes],
    });
    await tp.transaction(async (tx) => {
      // OutputRecord types the key as required; at run time a null key is written as no key (the last case).
      for (const r of stringRecords) await tx.send({ topic: strings, value: r.value, key: r.key! });
      for (const r of bytesRecords) await tx.send({ topic: bytes, value: r.value, key: r.key! });
      // Bytes the caller encoded: strings and buffers, as the KafkaJS layer takes them.
      await tx.sendRaw({ topic: strings, messages: [{ key: '', value: '' }] });
      await tx.sendRaw({ topic: strings, messages: [{ key: Buffer.alloc(0), value: Buffer.alloc(0) }] });
    });
    await tp.disconnect();
    const raw = ['empty/empty', 'empty/empty'];
    expect(await readBack(strings, expected.length + raw.length)).toEqual([...expected, ...raw]);
    expect(await readBack(bytes, expected.length)).toEqual(expected);
  });
});
