import type { DecodeError } from 'kgen';
import { stackEnv, uniqueName } from '../../helpers/stack-env';
import { order, orderTopic } from './fixtures';

jest.setTimeout(60_000);

// Tombstones (null values: deletes on compacted topics) from producer.tombstone() to onTombstone, typed keys.
describe('typed SDK on the real stack: tombstones', () => {
  const { brokers, registryUrl } = stackEnv();

  async function setup() {
    const { topic, kafka } = await orderTopic(brokers, registryUrl, 'sdk-tomb', 1);
    const producer = await kafka.producer({ topics: [topic] });
    void producer.send(topic, { key: { id: 'a' }, value: order(1) });
    const deleted = producer.tombstone(topic, { id: 'a' }, { headers: { reason: 'gdpr' } });
    void producer.send(topic, { key: { id: 'b' }, value: order(2) });
    await producer.flush();
    expect((await deleted)[0]?.offset).toBe('1');
    await producer.disconnect();
    return { topic, kafka };
  }

  it('hands tombstones to onTombstone with the decoded key, in partition order', async () => {
    const { topic, kafka } = await setup();
    const consumer = await kafka.consumer({ groupId: uniqueName('g'), topics: [topic], fromBeginning: true });
    const seen: string[] = [];
    let reason: string | undefined;
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          eachMessage: async (m) => {
            seen.push(`value ${m.key?.id} ${m.value.quantity}`);
            if (seen.length === 3) resolve();
          },
          onTombstone: async (t) => {
            seen.push(`tombstone ${t.key?.id} at ${t.offset}`);
            reason = t.headers['reason']?.toString();
            expect(t.raw.value).toBeNull();
            if (seen.length === 3) resolve();
          },
        })
        .catch(reject);
    });
    await consumer.disconnect();
    expect(seen).toEqual([
      `value a ${order(1).quantity}`,
      'tombstone a at 1',
      `value b ${order(2).quantity}`,
    ]);
    expect(reason).toBe('gdpr');
  });

  it('gives eachBatch the tombstones apart from the records, keys decoded, with their offsets', async () => {
    const { topic, kafka } = await setup();
    const consumer = await kafka.consumer({ groupId: uniqueName('g'), topics: [topic], fromBeginning: true });
    const records: string[] = [];
    const tombstones: string[] = [];
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          eachBatch: async (batch) => {
            for (const m of batch.messages) records.push(`${m.key?.id} at ${m.offset}`);
            for (const t of batch.tombstones) tombstones.push(`${t.key?.id} at ${t.offset}`);
            if (records.length + tombstones.length === 3) resolve();
          },
        })
        .catch(reject);
    });
    await consumer.disconnect();
    expect(records).toEqual(['a at 0', 'b at 2']);
    expect(tombstones).toEqual(['a at 1']);
  });

  it('refuses onTombstone with eachBatch (batches carry their tombstones)', async () => {
    const { kafka, topic } = await orderTopic(brokers, registryUrl, 'sdk-tomb-refuse', 1);
    const consumer = await kafka.consumer({ groupId: uniqueName('g'), topics: [topic] });
    await expect(
      consumer.run({ eachBatch: async () => undefined, onTombstone: async () => undefined }),
    ).rejects.toThrow(/onTombstone is for eachMessage; eachBatch gets tombstones in batch.tombstones/);
    await consumer.disconnect();
  });

  it('without onTombstone a tombstone is a DecodeError that onDecodeError decides on (no silent drop)', async () => {
    const { topic, kafka } = await setup();
    const consumer = await kafka.consumer({ groupId: uniqueName('g'), topics: [topic], fromBeginning: true });
    const errors: DecodeError[] = [];
    const values: string[] = [];
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          eachMessage: async (m) => {
            values.push(m.key!.id);
            if (values.length === 2) resolve();
          },
          onDecodeError: (err) => {
            errors.push(err);
            return 'skip';
          },
        })
        .catch(reject);
    });
    await consumer.disconnect();
    expect(values).toEqual(['a', 'b']);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ topic, offset: '1' });
    expect(errors[0]!.message).toMatch(/tombstone/);
  });
});
