import { MockClient } from '@confluentinc/schemaregistry';
import { Flow, InvalidHeaderError } from 'kgen';
import { headerTopics } from '../serde/headers/header-fixtures';
import { clientRecordSerde } from '../../../src/client/client-serde';
import { toMessage } from '../../../src/producer/record-serde';
import { WriterSchemaCache } from '../../../src/serde/registry/writer-schemas';
import { jsonCodec } from '../serde/registry/json-codec';

const topics = headerTopics;

/** The serde the pipeline and the transactional producer of a client use. */
async function serde() {
  const registry = new MockClient();
  const ctx = { registry, codecs: jsonCodec, writers: new WriterSchemaCache(registry), producerSchemas: {} };
  return clientRecordSerde({ serde: ctx, topics }, { from: ['logs'], to: ['payments', 'logs'] });
}

describe('typed headers on the transactional and pipeline paths (clientRecordSerde + toMessage)', () => {
  it("Flow.to output records: the declared headers are encoded, a pass-through topic's headers stay as given", async () => {
    const s = await serde();
    const transform = Flow.from(topics, ['logs']).to('payments', (r) => ({
      key: r.key ?? '',
      value: r.value,
      headers: { tenant: 't', attempt: 2, priority: 'low' } as const,
    }));
    const input = {
      topic: 'logs' as const,
      partition: 0,
      offset: '0',
      timestamp: '0',
      key: 'k',
      value: 'v',
      headers: { any: Buffer.from('x') },
      raw: { topic: 'logs', partition: 0, offset: '0', timestamp: '0', key: null, value: null, headers: {} },
    };
    const [out] = transform(input);
    expect(toMessage(s, out!)).toMatchObject({ headers: { tenant: 't', attempt: '2', priority: 'low' } });
    expect(toMessage(s, { topic: 'logs', key: 'k', value: 'v', headers: input.headers })).toMatchObject({
      headers: { any: Buffer.from('x') },
    });
  });

  it('a record breaking the declared headers throws InvalidHeaderError before it is encoded', async () => {
    const s = await serde();
    const bad = { topic: 'payments', key: 'k', value: 'v', headers: { tenant: 't', priority: 'urgent' } };
    expect(() => toMessage(s, bad as never)).toThrow(InvalidHeaderError);
    expect(() => toMessage(s, bad as never)).toThrow('topic "payments" header "priority"');
  });
});
