import { generate } from '../../../../codegen/generate/generate';
import { formatGenerators } from '../../../../codegen/generate/format-generators';
import { resolveConfig } from '../../../../codegen/config/resolve-config';
import type { SourceSchema } from '../../../../codegen/model';

// Two registry subjects whose files hold the same Protobuf message (each topic's own copy of shop.Order after
// a Header). A topic bound with TopicNameStrategy and "record" takes the message from its own subject.
const file = (subject: string, path: string, id: number): SourceSchema => ({
  format: 'PROTOBUF',
  path,
  subject,
  version: 1,
  id,
  text: 'syntax = "proto3";\npackage shop;\nmessage Header { string id = 1; }\nmessage Order { string id = 1; }\n',
  references: [],
});

describe('binding topics to subjects that hold the same record', () => {
  it('TopicNameStrategy + record picks the message of the topic subject', () => {
    const config = resolveConfig(
      {
        topics: {
          orders: { value: { strategy: 'TopicNameStrategy', record: 'shop.Order' } },
          returns: { value: { strategy: 'TopicNameStrategy', record: 'shop.Order' } },
        },
      },
      { rootDir: '/p', file: '/p/kgen.config.json' },
    );
    const result = generate({
      sources: [file('orders-value', 'orders.proto', 1), file('returns-value', 'returns.proto', 2)],
      topics: config.topics,
      generators: formatGenerators(config),
      headerSources: ['kgen.config.json'],
    });
    const map = result.files.find((f) => f.path === 'topics.ts')!.content;
    expect(map).toContain("import { OrderSchema } from './orders_pb';");
    expect(map).toContain("import { OrderSchema as OrderSchema_2 } from './returns_pb';");
    expect(map).toContain('orders: { key: stringSerde, value: OrderSchema }');
    expect(map).toContain('returns: { key: stringSerde, value: OrderSchema_2 }');
  });
});
