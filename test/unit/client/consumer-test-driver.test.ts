import { ConsumerTestDriver, DecodeError, SerializationError, type TypedMessage } from 'kgen';
import { unitClient, type unitTopics } from '../streams/fixtures';

type Topics = typeof unitTopics;

// A typed consumer handler driven without a broker: real codecs (MockClient registry), the consumer's decoder.
describe('ConsumerTestDriver', () => {
  it('hands each piped record to eachMessage, encoded and decoded by the real codecs, narrowed by topic', async () => {
    const seen: Array<TypedMessage<Topics, 'orders' | 'customers'>> = [];
    const driver = await ConsumerTestDriver.create(unitClient(), ['orders', 'customers'], {
      eachMessage: async (m) => void seen.push(m),
    });
    await driver.pipe('orders', [
      { key: 'c1', value: { customerId: 'c1', amount: 2.5 }, timestamp: 1000 },
      { key: 'c2', value: { customerId: 'c2', amount: -1 }, timestamp: 2000 },
    ]);
    await driver.pipe('customers', { key: 'c1', value: { name: 'Ada', tier: 'gold' } });
    expect(seen.map((m) => [m.topic, m.key, m.value, m.offset])).toEqual([
      ['orders', 'c1', { customerId: 'c1', amount: 2.5 }, '0'],
      ['orders', 'c2', { customerId: 'c2', amount: -1 }, '1'],
      ['customers', 'c1', { name: 'Ada', tier: 'gold' }, '0'],
    ]);
    expect(seen[0]!.timestamp).toBe('1000');
    // The value crossed as Confluent-framed Avro: magic byte 0, then the registered schema id.
    expect(seen[0]!.raw.value![0]).toBe(0);
    const first = seen[0]!;
    if (first.topic === 'orders') expect(first.value.amount).toBe(2.5);
  });

  it('tombstones go to onTombstone with the key decoded; without it they are decode errors for onDecodeError', async () => {
    const tombstones: unknown[] = [];
    const handled: unknown[] = [];
    const withHandler = await ConsumerTestDriver.create(unitClient(), ['orders'], {
      eachMessage: async (m) => void handled.push(m),
      onTombstone: async (t) => void tombstones.push(t.key),
    });
    await withHandler.pipe('orders', { key: 'c9', value: null });
    expect(tombstones).toEqual(['c9']);
    expect(handled).toEqual([]);

    const errors: DecodeError[] = [];
    const without = await ConsumerTestDriver.create(unitClient(), ['orders'], {
      eachMessage: async (m) => void handled.push(m),
      onDecodeError: (e) => {
        errors.push(e);
        return 'skip';
      },
    });
    await without.pipe('orders', { key: 'c9', value: null });
    expect(errors).toHaveLength(1);
    expect(handled).toEqual([]);
  });

  it('undecodable bytes reach onDecodeError with the raw record; without it the DecodeError is thrown', async () => {
    const garbage = Buffer.from([0, 0, 0, 0, 99, 1, 2, 3]);
    const raws: Array<Buffer | null> = [];
    const skipping = await ConsumerTestDriver.create(unitClient(), ['orders'], {
      eachMessage: async () => {
        throw new Error('must not be called');
      },
      onDecodeError: (_e, raw) => {
        raws.push(raw.value);
        return 'skip';
      },
    });
    await skipping.pipeBytes('orders', { key: Buffer.from('k'), value: garbage });
    expect(raws).toEqual([garbage]);

    const strict = await ConsumerTestDriver.create(unitClient(), ['orders'], {
      eachMessage: async () => undefined,
    });
    await expect(strict.pipeBytes('orders', { key: null, value: garbage })).rejects.toBeInstanceOf(
      DecodeError,
    );
  });

  it('a value that does not fit the schema fails at encode, as it would in a producer', async () => {
    const driver = await ConsumerTestDriver.create(unitClient(), ['orders'], {
      eachMessage: async () => undefined,
    });
    const bad = { customerId: 'c1', amount: 'lots' } as unknown as { customerId: string; amount: number };
    await expect(driver.pipe('orders', { key: 'c1', value: bad })).rejects.toBeInstanceOf(SerializationError);
  });

  it('types: records are checked against the topic; only subscribed topics can be piped', async () => {
    const driver = await ConsumerTestDriver.create(unitClient(), ['orders'], {
      eachMessage: async () => undefined,
    });
    const typeChecksOnly = (): Promise<void>[] => [
      // @ts-expect-error amount must be a number
      driver.pipe('orders', { key: 'c1', value: { customerId: 'c1', amount: '1' } }),
      // @ts-expect-error customers is not among the driver's topics
      driver.pipe('customers', { key: 'c1', value: { name: 'Ada', tier: 'gold' } }),
    ];
    expect(typeof typeChecksOnly).toBe('function');
  });
});
