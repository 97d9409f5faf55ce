// Type-level tests of typed headers: each `@ts-expect-error` line must fail to compile.
import {
  bytesHeader,
  createClient,
  defineHeaders,
  defineTopics,
  enumHeader,
  Flow,
  integerHeader,
  stringHeader,
  stringSerde,
  booleanHeader,
  bigintHeader,
  type HeadersOutputOf,
} from 'kgen';

type Expect<T extends true> = T;
type Equal<A, B> = (<X>() => X extends A ? 1 : 2) extends <X>() => X extends B ? 1 : 2 ? true : false;

const topics = defineTopics({
  // Strict: only these names (plus the runtime's own trace-context headers, which the type need not list).
  payments: {
    key: stringSerde,
    value: stringSerde,
    headers: defineHeaders(
      {
        'tenant-id': stringHeader(),
        attempt: integerHeader({ optional: true }),
        priority: enumHeader(['low', 'high']),
        signature: bytesHeader({ optional: true }),
      },
      { strict: true },
    ),
  },
  // Open: the declared ones typed, any other header as string | Buffer.
  audits: {
    key: stringSerde,
    value: stringSerde,
    headers: defineHeaders({
      replayed: booleanHeader({ optional: true }),
      seq: bigintHeader({ optional: true }),
    }),
  },
  // No declaration: today's string | Buffer headers.
  logs: { key: stringSerde, value: stringSerde },
});

export async function headerTypeTests(): Promise<void> {
  const kafka = createClient({ brokers: 'b:9092', registry: { url: 'http://r' }, topics });
  const producer = await kafka.producer();
  const headers = { 'tenant-id': 't-1', priority: 'high' } as const;

  await producer.send('payments', { value: 'v', headers });
  await producer.send('payments', {
    value: 'v',
    headers: { ...headers, attempt: 2, signature: Buffer.from('s') },
  });
  await producer.send('payments', [{ value: 'v', headers }]);
  // @ts-expect-error a required header is missing
  await producer.send('payments', { value: 'v', headers: { 'tenant-id': 't-1' } });
  // @ts-expect-error the topic declares required headers: `headers` cannot be left out
  await producer.send('payments', { value: 'v' });
  // @ts-expect-error wrong header type (integer header given a string)
  await producer.send('payments', { value: 'v', headers: { ...headers, attempt: '2' } });
  // @ts-expect-error not one of the enum's symbols
  await producer.send('payments', { value: 'v', headers: { 'tenant-id': 't-1', priority: 'urgent' } });
  // @ts-expect-error unknown header on a strict topic
  await producer.send('payments', { value: 'v', headers: { ...headers, 'x-debug': 'yes' } });
  // @ts-expect-error the trace-context headers are the runtime's to add, not the caller's
  await producer.send('payments', { value: 'v', headers: { ...headers, traceparent: '00-…' } });

  producer.produce('payments', { value: 'v', headers });
  // @ts-expect-error produce() is typed like send: required header missing
  producer.produce('payments', { value: 'v', headers: { priority: 'low' } });
  // @ts-expect-error produce(): unknown header on a strict topic
  producer.produce('payments', { value: 'v', headers: { ...headers, other: 'x' } });

  await producer.tombstone('payments', 'k', { headers });
  // @ts-expect-error a tombstone on a topic with required headers carries them too
  await producer.tombstone('payments', 'k');
  await producer.encode('payments', { value: 'v', headers });
  // @ts-expect-error encode() is typed like send
  await producer.encode('payments', { value: 'v', headers: { ...headers, attempt: 1n } });

  // Open set: extra headers allowed as string | Buffer, declared ones typed.
  await producer.send('audits', { value: 'v' });
  await producer.send('audits', { value: 'v', headers: { replayed: true, seq: 12n, 'x-extra': 'ok' } });
  // @ts-expect-error wrong header type on an open set
  await producer.send('audits', { value: 'v', headers: { replayed: 'yes' } });

  // Undeclared topic: unchanged.
  await producer.send('logs', { value: 'v', headers: { anything: 'x', more: [Buffer.from('y')] } });
  // @ts-expect-error header values are strings or Buffers
  await producer.send('logs', { value: 'v', headers: { n: 1 } });

  // The transactional producer's tx.send.
  const tp = await kafka.transactionalProducer({ transactionalId: 'tx', topics: ['payments'] });
  await tp.transaction(async (tx) => {
    await tx.send({ topic: 'payments', key: 'k', value: 'v', headers });
    // @ts-expect-error tx.send: required header missing
    await tx.send({ topic: 'payments', key: 'k', value: 'v', headers: { priority: 'low' } });
    // @ts-expect-error tx.send: unknown header on a strict topic
    await tx.send({ topic: 'payments', key: 'k', value: 'v', headers: { ...headers, nope: 'x' } });
  });

  // A pipeline's Flow.to output records.
  Flow.from(topics, ['logs']).to('payments', (r) => ({ key: r.key ?? '', value: r.value, headers }));
  // @ts-expect-error Flow.to: output records carry the required headers
  Flow.from(topics, ['logs']).to('payments', (r) => ({ key: r.key ?? '', value: r.value }));
  Flow.from(topics, ['logs']).to('logs', (r) => ({ key: r.key ?? '', value: r.value, headers: r.headers }));

  // Consumers get them typed.
  const consumer = await kafka.consumer({ groupId: 'g', topics: ['payments', 'audits', 'logs'] });
  await consumer.run({
    eachMessage: async (m) => {
      if (m.topic === 'payments') {
        type _ = Expect<
          Equal<
            typeof m.headers,
            {
              readonly 'tenant-id': string;
              readonly priority: 'low' | 'high';
              readonly attempt?: number;
              readonly signature?: Buffer;
            }
          >
        >;
        const tenant: string = m.headers['tenant-id'];
        const attempt: number | undefined = m.headers.attempt;
        void tenant;
        void attempt;
        // @ts-expect-error undeclared headers are in raw.headers, not in the typed ones
        void m.headers.traceparent;
        const trace = m.raw.headers['traceparent'];
        void trace;
      } else if (m.topic === 'audits') {
        const seq: bigint | undefined = m.headers.seq;
        void seq;
      } else {
        type _ = Expect<Equal<typeof m.headers, HeadersOutputOf<typeof topics, 'logs'>>>;
        const any: Buffer | string | (Buffer | string)[] | undefined = m.headers['anything'];
        void any;
      }
    },
  });
}
