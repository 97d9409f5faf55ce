import type { KafkaJS } from '@confluentinc/kafka-javascript';
import { isKgenError } from '../../../src/errors';
import { DeliveryMetrics } from '../../../src/metrics/delivery-metrics';
import {
  ProducerFencedError,
  TransactionAbortedError,
  TransactionFatalError,
  TransactionRetriesExhaustedError,
  TransactionalProducer,
  classifyTransactionError,
} from '../../../src/producer/transaction';

const err = (code: number, flags: Record<string, boolean> = {}): Error =>
  Object.assign(new Error(`librdkafka error ${code}`), { code, ...flags });

/** A fake transactional producer of the promisified API; scripted failures per method. */
class FakeProducer {
  calls: string[] = [];
  active = false;
  fail: Partial<Record<'connect' | 'transaction' | 'commit' | 'abort' | 'send' | 'sendOffsets', Error[]>> =
    {};
  private next(name: keyof FakeProducer['fail']): void {
    this.calls.push(name);
    const e = this.fail[name]?.shift();
    if (e) throw e;
  }
  connect = async (): Promise<void> => this.next('connect');
  disconnect = async (): Promise<void> => {
    this.calls.push('disconnect');
  };
  transaction = async (): Promise<void> => {
    this.next('transaction');
    this.active = true;
  };
  commit = async (): Promise<void> => {
    this.next('commit');
    this.active = false;
  };
  abort = async (): Promise<void> => {
    this.next('abort');
    this.active = false;
  };
  isActive = (): boolean => this.active;
  send = async (): Promise<KafkaJS.RecordMetadata[]> => {
    this.next('send');
    return [];
  };
  sendBatch = this.send;
  sendOffsets = async (): Promise<void> => this.next('sendOffsets');
}

function setup(script: (fake: FakeProducer, n: number) => void = () => undefined): {
  fakes: FakeProducer[];
  tp: TransactionalProducer;
  metrics: DeliveryMetrics;
} {
  const fakes: FakeProducer[] = [];
  const metrics = new DeliveryMetrics();
  const tp = new TransactionalProducer({
    transactionalId: 'tx-1',
    retries: 2,
    retryBackoffMs: 1,
    metrics,
    serde: {
      encode: (_t, k, v) => ({
        key: k === null ? null : Buffer.from(String(k)),
        value: Buffer.from(String(v)),
      }),
      decode: () => ({ key: null, value: null }),
    },
    createProducer: () => {
      const f = new FakeProducer();
      script(f, fakes.length);
      fakes.push(f);
      return f as unknown as KafkaJS.Producer;
    },
  });
  return { fakes, tp, metrics };
}

/** A transaction that only adds offsets (consume-transform-produce with no output). */
function offsetsOnly(tp: TransactionalProducer): Promise<void> {
  return tp.transaction(async (tx) =>
    tx.sendOffsets({} as KafkaJS.Consumer, [{ topic: 't', partitions: [] }]),
  );
}

describe('classifyTransactionError', () => {
  it.each([
    [err(-144), 'fenced'],
    [err(90), 'fenced'],
    [err(47), 'fenced'],
    [err(-150), 'fatal'],
    [err(1, { fatal: true }), 'fatal'],
    [err(1, { isFatal: true }), 'fatal'],
    [err(-185), 'retriable'],
    [err(51), 'retriable'],
    [err(1, { retriable: true }), 'retriable'],
    [err(-185, { isTxnRequiresAbort: true }), 'abortable'],
    [err(1), 'abortable'],
    [new Error('user code threw'), 'abortable'],
    ['a string', 'abortable'],
  ])('%s → %s', (e, kind) => {
    expect(classifyTransactionError(e)).toBe(kind);
  });
});

describe('TransactionalProducer', () => {
  it('commits when the callback resolves and counts the records sent', async () => {
    const { fakes, tp, metrics } = setup();
    const r = await tp.transaction(async (tx) => {
      await tx.send([
        { topic: 't', key: 'a', value: 1 },
        { topic: 'u', key: null, value: 2 },
      ]);
      return 42;
    });
    expect(r).toBe(42);
    expect(fakes[0]!.calls).toEqual(['connect', 'transaction', 'send', 'commit']);
    expect(metrics.snapshot().sent).toBe(2);
  });

  it('aborts and throws TransactionAbortedError (with the cause) when the callback throws', async () => {
    const { fakes, tp } = setup();
    const boom = new Error('boom');
    const thrown = await tp.transaction(async () => Promise.reject(boom)).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(TransactionAbortedError);
    expect(isKgenError(thrown)).toBe(true);
    expect((thrown as TransactionAbortedError).cause).toBe(boom);
    expect((thrown as TransactionAbortedError).transactionalId).toBe('tx-1');
    expect(fakes[0]!.calls).toEqual(['connect', 'transaction', 'abort']);
  });

  it('aborts when a send fails even if the callback did not await it', async () => {
    const { fakes, tp } = setup();
    const tx = await tp.begin();
    fakes[0]!.fail.send = [err(10)];
    void tx.sendRaw({ topic: 't', messages: [{ value: 'x' }] });
    const thrown = await tx.commit().catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(TransactionAbortedError);
    expect(fakes[0]!.calls).toEqual(['connect', 'transaction', 'send', 'abort']);
  });

  it('retries a retriable commit within the bound', async () => {
    const { fakes, tp } = setup();
    await tp.connect();
    fakes[0]!.fail.commit = [err(-185), err(-185)];
    await tp.transaction(async () => undefined);
    expect(fakes[0]!.calls.filter((c) => c === 'commit')).toHaveLength(3);
  });

  it('gives up after the bound: aborts and throws TransactionRetriesExhaustedError', async () => {
    const { fakes, tp } = setup();
    await tp.connect();
    fakes[0]!.fail.commit = [err(-185), err(-185), err(-185)];
    const thrown = await tp.transaction(async () => undefined).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(TransactionRetriesExhaustedError);
    expect((thrown as TransactionRetriesExhaustedError).attempts).toBe(3);
    expect(fakes[0]!.calls.slice(-1)).toEqual(['abort']);
  });

  it('an abortable commit error aborts and rethrows as TransactionAbortedError', async () => {
    const { fakes, tp } = setup();
    await tp.connect();
    fakes[0]!.fail.commit = [err(1, { isTxnRequiresAbort: true })];
    const thrown = await tp.transaction(async () => undefined).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(TransactionAbortedError);
    expect(fakes[0]!.calls.slice(-2)).toEqual(['commit', 'abort']);
  });

  it('calls a timed-out abort again, as librdkafka asks ("retry call to resume"), and keeps the producer', async () => {
    const { fakes, tp } = setup();
    await tp.connect();
    fakes[0]!.fail.commit = [err(1, { isTxnRequiresAbort: true })];
    fakes[0]!.fail.abort = [err(-185), err(-185)];
    const thrown = await tp.transaction(async () => undefined).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(TransactionAbortedError);
    expect(fakes[0]!.calls.slice(-4)).toEqual(['commit', 'abort', 'abort', 'abort']);
    await tp.transaction(async () => undefined);
    expect(fakes).toHaveLength(1);
  });

  it('a state error (a send failed while offsets were added) aborts and keeps the producer', async () => {
    const { fakes, tp } = setup();
    await tp.connect();
    fakes[0]!.fail.sendOffsets = [err(-172)];
    const thrown = await offsetsOnly(tp).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(TransactionAbortedError);
    expect(fakes[0]!.calls.slice(-2)).toEqual(['sendOffsets', 'abort']);
    await tp.transaction(async () => undefined);
    expect(fakes).toHaveLength(1);
  });

  it('a state error with no transaction open replaces the producer instead of keeping a stuck one', async () => {
    const { fakes, tp } = setup();
    await tp.connect();
    fakes[0]!.fail.transaction = [err(-172)];
    const thrown = await tp.transaction(async () => undefined).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(TransactionAbortedError);
    expect(fakes[0]!.calls).not.toContain('abort');
    await tp.transaction(async () => undefined);
    expect(fakes).toHaveLength(2);
    expect(fakes[1]!.calls).toEqual(['connect', 'transaction', 'commit']);
  });

  it('a state error whose abort fails too is fatal: the producer is replaced', async () => {
    const { fakes, tp } = setup();
    await tp.connect();
    fakes[0]!.fail.sendOffsets = [err(-172)];
    fakes[0]!.fail.abort = [err(-172)];
    const thrown = await offsetsOnly(tp).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(TransactionFatalError);
    await tp.transaction(async () => undefined);
    expect(fakes).toHaveLength(2);
  });

  it('an abort that cannot finish drops the producer: the next transaction starts on a new one', async () => {
    const { fakes, tp } = setup();
    await tp.connect();
    fakes[0]!.fail.commit = [err(1, { isTxnRequiresAbort: true })];
    fakes[0]!.fail.abort = [err(-185), err(-185), err(-185)];
    const thrown = await tp.transaction(async () => undefined).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(TransactionAbortedError);
    expect(fakes[0]!.calls.slice(-4)).toEqual(['abort', 'abort', 'abort', 'disconnect']);
    // Without the drop, the old producer would still be inside a transaction ("one transaction at a time").
    await tp.transaction(async () => undefined);
    expect(fakes).toHaveLength(2);
    expect(fakes[1]!.calls).toEqual(['connect', 'transaction', 'commit']);
  });

  it('fenced: typed ProducerFencedError, the producer is dropped and re-created on next use', async () => {
    const { fakes, tp, metrics } = setup();
    await tp.connect();
    fakes[0]!.fail.commit = [err(-144)];
    const thrown = await tp.transaction(async () => undefined).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(ProducerFencedError);
    expect((thrown as ProducerFencedError).kind).toBe('fenced');
    expect(fakes[0]!.calls.slice(-1)).toEqual(['disconnect']);
    expect(metrics.snapshot().failed).toBe(1);
    await tp.transaction(async () => undefined);
    expect(fakes).toHaveLength(2);
    expect(fakes[1]!.calls).toEqual(['connect', 'transaction', 'commit']);
  });

  it('fatal errors (also while sending offsets) give TransactionFatalError and re-initialise', async () => {
    const { fakes, tp } = setup();
    await tp.connect();
    fakes[0]!.fail.sendOffsets = [err(-150)];
    const thrown = await offsetsOnly(tp).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(TransactionFatalError);
    await tp.transaction(async () => undefined);
    expect(fakes).toHaveLength(2);
  });

  it('a fenced connect (initTransactions) is typed too, and the next connect retries with a new producer', async () => {
    const { fakes, tp } = setup((f, n) => {
      if (n === 0) f.fail.connect = [err(90)];
    });
    const thrown = await tp.connect().catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(ProducerFencedError);
    expect(fakes[0]!.calls).toEqual(['connect', 'disconnect']);
    await tp.connect();
    expect(fakes).toHaveLength(2);
  });
});
