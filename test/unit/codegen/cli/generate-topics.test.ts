import { runGenerate } from '../../../../codegen/cli/generate';
import { TempProject } from './project';
import { typecheck } from './typecheck';

const record = (name: string, fields: unknown[] = [{ name: 'id', type: 'string' }]) => ({
  type: 'record',
  name,
  namespace: 'com.acme',
  fields,
});

/** Local Avro files + a topic config: the emitted topic map (stringSerde, bytesSerde, oneOf) compiles strictly. */
describe('kgen generate: topic map from local files', () => {
  let project: TempProject;
  beforeEach(() => {
    project = new TempProject();
  });
  afterEach(() => project.remove());

  it('binds records by full name and the output type-checks', async () => {
    project.write({
      'schemas/order.avsc': record('Order', [
        { name: 'id', type: 'string' },
        { name: 'total', type: 'long', default: 0 },
      ]),
      'schemas/events/created.avsc': record('OrderCreated'),
      'schemas/events/cancelled.avsc': record('OrderCancelled'),
      'schemas/key.avsc': record('OrderKey'),
      'kgen.config.json': {
        schemas: 'schemas',
        output: 'gen',
        topics: {
          orders: {
            key: { strategy: 'TopicNameStrategy', record: 'com.acme.OrderKey' },
            value: { strategy: 'TopicNameStrategy', record: 'com.acme.Order' },
          },
          'order-events': {
            key: 'bytes',
            value: {
              strategy: 'RecordNameStrategy',
              records: ['com.acme.OrderCreated', 'com.acme.OrderCancelled'],
            },
          },
          'raw-audit': { key: 'string', value: 'bytes' },
        },
      },
    });
    const result = await project.run((io) => runGenerate({}, io));
    expect(result.stderr).toEqual([expect.stringContaining('files in gen')]);
    expect(result.code).toBe(0);
    const topics = project.read('gen/topics.ts');
    expect(topics).toContain(
      "'order-events': { key: bytesSerde, value: oneOf(OrderCreatedSchema, OrderCancelledSchema) },",
    );
    expect(topics).toContain('orders: { key: OrderKeySchema, value: OrderSchema },');
    expect(topics).toContain("'raw-audit': { key: stringSerde, value: bytesSerde },");
    // The map's types drive the SDK: producer input has defaults optional, oneOf accepts either record.
    project.write({
      'check.ts': [
        "import type { KeyInput, ValueInput, ValueOutput } from 'kgen';",
        "import type { Topics } from './gen';",
        "const a: ValueInput<Topics, 'orders'> = { id: 'o1' };",
        "const b: ValueOutput<Topics, 'orders'> = { id: 'o1', total: 3 };",
        "const c: ValueInput<Topics, 'order-events'> = { id: 'e1' };",
        "const d: KeyInput<Topics, 'order-events'> = Buffer.from('k');",
        '// @ts-expect-error total is required in the consumer output',
        "const e: ValueOutput<Topics, 'orders'> = { id: 'o1' };",
        '// @ts-expect-error no such topic',
        "const f: ValueInput<Topics, 'nope'> = { id: 'x' };",
        'export { a, b, c, d, e, f };',
        '',
      ].join('\n'),
    });
    expect(typecheck(project.dir)).toEqual([]);
  });

  it('emits declared headers into the topic map; the SDK types sends and reads by them', async () => {
    project.write({
      'schemas/order.avsc': record('Order'),
      'kgen.config.json': {
        schemas: 'schemas',
        output: 'gen',
        topics: {
          orders: {
            value: { strategy: 'TopicNameStrategy', record: 'com.acme.Order' },
            headers: {
              strict: true,
              fields: {
                'tenant-id': 'string',
                attempt: { type: 'integer', optional: true },
                priority: { type: 'enum', symbols: ['low', 'high'] },
              },
            },
          },
        },
      },
    });
    const result = await project.run((io) => runGenerate({}, io));
    expect(result.code).toBe(0);
    expect(project.read('gen/topics.ts')).toContain(
      "orders: { key: stringSerde, value: OrderSchema, headers: defineHeaders({ attempt: integerHeader({ optional: true }), priority: enumHeader(['low', 'high']), 'tenant-id': stringHeader() }, { strict: true }) },",
    );
    project.write({
      'check.ts': [
        "import type { HeadersInputOf, HeadersOutputOf } from 'kgen';",
        "import type { Topics } from './gen';",
        "const a: HeadersInputOf<Topics, 'orders'> = { 'tenant-id': 't', priority: 'low', attempt: 2 };",
        "const b: HeadersOutputOf<Topics, 'orders'> = { 'tenant-id': 't', priority: 'high' };",
        '// @ts-expect-error a required header is missing',
        "const c: HeadersInputOf<Topics, 'orders'> = { priority: 'low' };",
        '// @ts-expect-error wrong header type',
        "const d: HeadersInputOf<Topics, 'orders'> = { 'tenant-id': 't', priority: 'low', attempt: '2' };",
        '// @ts-expect-error unknown header on a strict topic',
        "const e: HeadersInputOf<Topics, 'orders'> = { 'tenant-id': 't', priority: 'low', other: 'x' };",
        'export { a, b, c, d, e };',
        '',
      ].join('\n'),
    });
    expect(typecheck(project.dir)).toEqual([]);
  });
});
