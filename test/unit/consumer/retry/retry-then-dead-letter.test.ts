import type { KafkaJS } from '@confluentinc/kafka-javascript';
import { DeadLetterError, DeadLetterPublisher } from '../../../../src/consumer/dlq/dead-letter-publisher';
import type { RawRecord } from '../../../../src/kafka/raw-record';
import { retryThenDeadLetter } from '../../../../src/consumer/retry/retry-then-dead-letter';
import { DeliveryMetrics } from '../../../../src/metrics/delivery-metrics';

const record = (value: string): RawRecord => ({
  topic: 'orders',
  partition: 2,
  offset: '41',
  timestamp: '1700000000000',
  key: Buffer.from('k'),
  value: Buffer.from(value),
  headers: {},
});

function setup(
  handle: (v: { n: number }) => Promise<void>,
  send?: (r: KafkaJS.ProducerRecord) => Promise<unknown>,
) {
  const sent: KafkaJS.ProducerRecord[] = [];
  const metrics = new DeliveryMetrics();
  const fn = retryThenDeadLetter({
    decode: (r) => JSON.parse(r.value!.toString()) as { n: number },
    handle,
    deadLetter: new DeadLetterPublisher({ send: send ?? (async (r) => void sent.push(r)), metrics }),
    retry: { retries: 2, initialDelayMs: 1 },
    sleep: async () => undefined,
    metrics,
  });
  return { fn, sent, metrics };
}

describe('retryThenDeadLetter', () => {
  it('handles a good record once', async () => {
    const seen: number[] = [];
    const { fn, sent } = setup(async (v) => void seen.push(v.n));
    expect(await fn(record('{"n":1}'))).toBe('handled');
    expect(seen).toEqual([1]);
    expect(sent).toEqual([]);
  });

  it('recovers when a retry succeeds', async () => {
    let calls = 0;
    const { fn, metrics } = setup(async () => {
      if (++calls === 1) throw new Error('transient');
    });
    expect(await fn(record('{"n":1}'))).toBe('handled');
    expect(metrics.snapshot()).toMatchObject({ retried: 1, deadLettered: 0, failed: 0 });
  });

  it('a handler that always throws: 1 + N attempts, then one dead letter; resolves so the offset moves on', async () => {
    let calls = 0;
    const { fn, sent, metrics } = setup(async () => {
      calls++;
      throw new RangeError('poison');
    });
    expect(await fn(record('{"n":1}'))).toBe('dead-lettered:handler-failed');
    expect(calls).toBe(3);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.topic).toBe('orders.dlq');
    expect(sent[0]!.messages[0]!.headers).toMatchObject({
      'kgen.dlq.attempts': '3',
      'kgen.dlq.error.class': 'RangeError',
    });
    expect(metrics.snapshot()).toMatchObject({ retried: 2, deadLettered: 1, failed: 1 });
  });

  it('an undecodable record goes straight to the DLQ without calling the handler', async () => {
    const handle = jest.fn(async () => undefined);
    const { fn, sent } = setup(handle);
    expect(await fn(record('not json'))).toBe('dead-lettered:undecodable');
    expect(handle).not.toHaveBeenCalled();
    expect(sent[0]!.messages[0]!.value).toEqual(Buffer.from('not json'));
    expect(sent[0]!.messages[0]!.headers).toMatchObject({
      'kgen.dlq.reason': 'undecodable',
      'kgen.dlq.attempts': '0',
    });
  });

  it('when the dead letter cannot be written it rejects (the record is not committed, nothing lost)', async () => {
    const { fn } = setup(
      async () => Promise.reject(new Error('poison')),
      async () => Promise.reject(new Error('broker down')),
    );
    const thrown = await fn(record('{"n":1}')).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(DeadLetterError);
    expect((thrown as DeadLetterError).message).toMatch(
      /orders\[2\]@41 to dead-letter topic orders.dlq: Error: broker down/,
    );
  });
});
