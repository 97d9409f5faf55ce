import * as fs from 'node:fs';
import * as path from 'node:path';
import { runGenerate } from '../../../../codegen/cli/generate';
import { TempProject } from '../cli/project';
import { typecheck } from '../cli/typecheck';
import { PROTO_SCHEMAS } from './proto-sources';

/** Local .proto files + topics: Protobuf descriptors in the topic map, one or several messages per topic. */
describe('kgen generate: topic map from local .proto files', () => {
  let project: TempProject;
  beforeEach(() => {
    project = new TempProject();
  });
  afterEach(() => project.remove());

  it('binds messages by full name (nested and multi-message topics) and the output type-checks', async () => {
    const proto = (p: string): string => fs.readFileSync(path.join(PROTO_SCHEMAS, p), 'utf8');
    project.write({
      'schemas/shop/common.proto': proto('shop/common.proto'),
      'schemas/shop/order.proto': proto('shop/order.proto'),
      'kgen.config.json': {
        schemas: 'schemas',
        output: 'gen',
        topics: {
          orders: { value: { strategy: 'TopicNameStrategy', record: 'shop.Order' } },
          'order-events': {
            value: { strategy: 'RecordNameStrategy', records: ['shop.Order', 'shop.OrderCancelled'] },
          },
          cards: { value: { strategy: 'TopicNameStrategy', record: 'shop.Order.Card' } },
        },
      },
    });
    const result = await project.run((io) => runGenerate({}, io));
    expect(result.code).toBe(0);
    const topics = project.read('gen/topics.ts');
    expect(topics).toContain(
      "'order-events': { key: stringSerde, value: oneOf(OrderSchema, OrderCancelledSchema) },",
    );
    expect(topics).toContain('orders: { key: stringSerde, value: OrderSchema },');
    expect(topics).toContain('cards: { key: stringSerde, value: Order_CardSchema },');
    project.write({
      'check.ts': [
        "import type { ValueInput, ValueOutput } from 'kgen';",
        "import type { Topics } from './gen';",
        "const a: ValueInput<Topics, 'orders'> = { id: 'o1', payment: { case: 'voucherCode', value: 'V' } };",
        "const b: ValueInput<Topics, 'order-events'> = { orderId: 'o1', reason: 'r' };",
        "declare const c: ValueOutput<Topics, 'cards'>;",
        "const network: 'NETWORK_UNSPECIFIED' | 'NETWORK_VISA' | 'NETWORK_MASTERCARD' | number = c.network;",
        '// @ts-expect-error sequence is a uint64: bigint, not number',
        "const d: ValueInput<Topics, 'orders'> = { sequence: 1 };",
        'export { a, b, network, d };',
        '',
      ].join('\n'),
    });
    expect(typecheck(project.dir)).toEqual([]);
  });
});
