import { generate } from '../../../../codegen/generate/generate';
import { resolveConfig } from '../../../../codegen/config/resolve-config';
import { CodegenError } from '../../../../codegen/errors';
import type { SourceSchema } from '../../../../codegen/model';
import { fakeGenerators } from './fake-generator';

const avro = (name: string, extra: Partial<SourceSchema> = {}): SourceSchema => ({
  format: 'AVRO',
  path: `${name.toLowerCase()}.avsc`,
  text: JSON.stringify({ type: 'record', name, namespace: 'com.acme', fields: [] }),
  references: [],
  ...extra,
});

const topics = (raw: unknown) =>
  resolveConfig({ topics: raw }, { rootDir: '/p', file: '/p/kgen.config.json' }).topics;

describe('generate (pure pipeline)', () => {
  it('emits modules, a topic map with stringSerde/bytesSerde/oneOf and declared headers, and an index, sorted', () => {
    const result = generate({
      sources: [
        avro('Order', { subject: 'orders-value' }),
        avro('Created', { subject: 'events-com.acme.Created' }),
        avro('Cancelled', { subject: 'events-com.acme.Cancelled' }),
      ],
      topics: topics({
        orders: {
          headers: {
            strict: true,
            fields: {
              'tenant-id': 'string',
              attempt: { type: 'integer', optional: true },
              priority: { type: 'enum', symbols: ['low', "it's high"] },
            },
          },
        },
        events: {
          key: 'bytes',
          value: { strategy: 'TopicRecordNameStrategy', records: ['com.acme.Created', 'com.acme.Cancelled'] },
        },
      }),
      generators: fakeGenerators,
      headerSources: ['kgen.config.json'],
    });
    expect(result.files.map((f) => f.path)).toEqual([
      'com/acme/cancelled.ts',
      'com/acme/created.ts',
      'com/acme/order.ts',
      'index.ts',
      'topics.ts',
    ]);
    const topicMap = result.files.find((f) => f.path === 'topics.ts')!.content;
    expect(topicMap).toMatchSnapshot();
    expect(topicMap).toContain('events: { key: bytesSerde, value: oneOf(CreatedSchema, CancelledSchema) }');
    expect(topicMap).toContain(
      "orders: { key: stringSerde, value: OrderSchema, headers: defineHeaders({ attempt: integerHeader({ optional: true }), priority: enumHeader(['low', 'it\\'s high']), 'tenant-id': stringHeader() }, { strict: true }) }",
    );
    expect(result.files.find((f) => f.path === 'index.ts')!.content).toMatchSnapshot();
  });

  it('is deterministic regardless of source order', () => {
    const a = [avro('A'), avro('B'), avro('C')];
    const run = (sources: SourceSchema[]) => generate({ sources, generators: fakeGenerators }).files;
    expect(run([...a].reverse())).toEqual(run(a));
  });

  it('aliases descriptor names that clash across modules', () => {
    const other: SourceSchema = {
      ...avro('Order', { subject: 'legacy-value' }),
      path: 'legacy.avsc',
      text: JSON.stringify({ type: 'record', name: 'Order', namespace: 'com.legacy', fields: [] }),
    };
    const { files } = generate({
      sources: [avro('Order', { subject: 'orders-value' }), other],
      topics: topics({ orders: {}, legacy: {} }),
      generators: fakeGenerators,
    });
    const topicMap = files.find((f) => f.path === 'topics.ts')!.content;
    expect(topicMap).toContain("import { OrderSchema } from './com/acme/order';");
    expect(topicMap).toContain("import { OrderSchema as OrderSchema_2 } from './com/legacy/order';");
    expect(topicMap).toContain('legacy: { key: stringSerde, value: OrderSchema_2 }');
  });

  it('binds local files (no subject) by record full name', () => {
    const { files } = generate({
      sources: [avro('Order')],
      topics: topics({ orders: { value: { strategy: 'TopicNameStrategy', record: 'com.acme.Order' } } }),
      generators: fakeGenerators,
    });
    expect(files.find((f) => f.path === 'topics.ts')!.content).toContain('value: OrderSchema');
  });

  it('names the topic, subject and config path when a topic has no schema', () => {
    const run = () =>
      generate({
        sources: [avro('Order', { subject: 'orders-value' })],
        topics: topics({ payments: {} }),
        generators: fakeGenerators,
        configFile: '/p/kgen.config.json',
      });
    expect(run).toThrow(CodegenError);
    try {
      run();
    } catch (err) {
      expect((err as CodegenError).format()).toBe(
        '/p/kgen.config.json subject "payments-value" at $.topics.payments.value: topic "payments" value: no schema for subject "payments-value" (run kgen pull, or check the subject name) [TOPIC_SCHEMA_NOT_FOUND]',
      );
    }
  });

  it('rewrites generator error locations to the path the user knows', () => {
    const bad: SourceSchema = { ...avro('X'), path: 'x.avsc', text: '{oops' };
    expect(() =>
      generate({ sources: [bad], generators: fakeGenerators, displayPath: (p) => `schemas/${p}` }),
    ).toThrow(expect.objectContaining({ location: { file: 'schemas/x.avsc' }, code: 'INVALID_JSON' }));
  });

  it('fails when a format has no generator', () => {
    const proto: SourceSchema = {
      format: 'PROTOBUF',
      path: 'a.proto',
      text: 'syntax = "proto3";',
      references: [],
    };
    expect(() => generate({ sources: [proto], generators: fakeGenerators })).toThrow(/no PROTOBUF generator/);
  });

  it('emits an empty topic map without topics', () => {
    const { files } = generate({ sources: [], generators: {} });
    expect(files.map((f) => f.path)).toEqual(['index.ts', 'topics.ts']);
    expect(files[1]!.content).toContain('export const topics = defineTopics({});');
  });
});
