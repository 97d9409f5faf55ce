import { deadLetterHeaders, dlqHeaders } from '../../../../src/consumer/dlq/headers';
import { DeadLetterPublisher } from '../../../../src/consumer/dlq/dead-letter-publisher';
import type { RawRecord } from '../../../../src/kafka/raw-record';

const framed = (id: number): Buffer =>
  Buffer.concat([Buffer.from([0]), Buffer.from([0, 0, 0, id]), Buffer.from('x')]);
const rec: RawRecord = {
  topic: 'payments',
  partition: 3,
  offset: '1234',
  timestamp: '1700000000123',
  key: framed(5),
  value: framed(9),
  headers: { trace: 'abc', [dlqHeaders.reason]: 'spoofed' },
};

describe('dead-letter headers', () => {
  it('keeps the original headers and adds every documented header', () => {
    const h = deadLetterHeaders(rec, new TypeError('bad field'), 'handler-failed', 4, 1700000009999);
    expect(h).toEqual({
      trace: 'abc',
      'kgen.dlq.reason': 'handler-failed',
      'kgen.dlq.error.class': 'TypeError',
      'kgen.dlq.error.message': 'bad field',
      'kgen.dlq.attempts': '4',
      'kgen.dlq.original.topic': 'payments',
      'kgen.dlq.original.partition': '3',
      'kgen.dlq.original.offset': '1234',
      'kgen.dlq.original.timestamp': '1700000000123',
      'kgen.dlq.value.schema.id': '9',
      'kgen.dlq.key.schema.id': '5',
      'kgen.dlq.timestamp': '1700000009999',
    });
  });

  it('omits schema ids of unframed bytes and describes non-Error throws', () => {
    const h = deadLetterHeaders(
      { ...rec, key: null, value: Buffer.from('{}') },
      'just a string',
      'undecodable',
      0,
    );
    expect(h[dlqHeaders.valueSchemaId]).toBeUndefined();
    expect(h[dlqHeaders.keySchemaId]).toBeUndefined();
    expect(h[dlqHeaders.errorClass]).toBe('string');
    expect(h[dlqHeaders.errorMessage]).toBe('just a string');
  });

  it('the publisher keeps key and value bytes and names the topic <topic>.dlq, or as configured', () => {
    const byDefault = new DeadLetterPublisher({ send: async () => undefined });
    const m = byDefault.message(rec, new Error('x'), 'handler-failed', 1);
    expect(m.topic).toBe('payments.dlq');
    expect(m.messages[0]!.key).toBe(rec.key);
    expect(m.messages[0]!.value).toBe(rec.value);
    expect(
      new DeadLetterPublisher({ send: async () => undefined, topic: 'all-dead' }).topicOf('payments'),
    ).toBe('all-dead');
    expect(
      new DeadLetterPublisher({ send: async () => undefined, topic: (t) => `dlq.${t}` }).topicOf('payments'),
    ).toBe('dlq.payments');
  });
});
