import { runProduce, type ProduceArgs, type ProduceReport } from '../../../codegen/cli/produce';
import { runTail } from '../../../codegen/cli/tail';
import type { RecordLine } from '../../../codegen/ops/record-json/record-line';
import { officialRegistryClient } from '../../helpers/official-registry';
import { stackEnv, uniqueName } from '../../helpers/stack-env';
import { captureIo, createTopics, readWithKafkaJs } from './ops-io';

jest.setTimeout(120_000);

const ORDER = JSON.stringify({
  type: 'record',
  name: 'Order',
  namespace: 'ops.produce',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'units', type: 'long' },
    { name: 'at', type: { type: 'long', logicalType: 'timestamp-micros' } },
    { name: 'blob', type: 'bytes' },
    { name: 'note', type: ['null', 'string'], default: null },
  ],
});
const PROTO = `syntax = "proto3";
package ops.produce;
message Event { string id = 1; int64 big = 2; bytes blob = 3; repeated string tags = 4; }
message Other { double ratio = 1; }
`;

const { brokers, registryUrl } = stackEnv();

async function produce(args: Omit<ProduceArgs, 'brokers' | 'registry'>, stdin: string) {
  const { io, out, err } = captureIo();
  const code = await runProduce({ brokers, registry: registryUrl, format: 'json', ...args }, io, { stdin });
  return {
    code,
    report: out.length ? (JSON.parse(out.join('')) as ProduceReport) : undefined,
    err: err.join('\n'),
  };
}

async function tailAll(topic: string): Promise<{ text: string; lines: RecordLine[] }> {
  const { io, out } = captureIo();
  expect(
    await runTail({ topic, brokers, registry: registryUrl, fromBeginning: true, format: 'json' }, io, {
      tty: false,
    }),
  ).toBe(0);
  return { text: out.join('\n'), lines: out.map((l) => JSON.parse(l) as RecordLine) };
}

async function avroTopic(prefix: string): Promise<string> {
  const topic = uniqueName(prefix);
  await createTopics(brokers, [topic], 3);
  await officialRegistryClient(registryUrl).register(`${topic}-value`, { schemaType: 'AVRO', schema: ORDER });
  return topic;
}

const line = (value: unknown, extra: object = {}) => JSON.stringify({ key: 'k', value, ...extra });
const ORDER_VALUE = {
  id: 'o1',
  units: '-9223372036854775808',
  at: '2024-05-06T07:08:09.123456Z',
  blob: 'AAH/',
  note: 'n',
};

describe('kgen produce', () => {
  it('an invalid line: nothing is sent (checked with KafkaJS), exit 2, the error names the line and the field', async () => {
    const topic = await avroTopic('ops-produce-invalid');
    const input = [
      line(ORDER_VALUE),
      line({ ...ORDER_VALUE, units: 'many' }),
      '',
      line({ ...ORDER_VALUE, blob: 7 }),
    ].join('\n');
    const { code, report, err } = await produce({ topic }, input);
    expect(code).toBe(2);
    expect(report).toMatchObject({
      sent: 0,
      invalid: [
        { line: 2, path: '$.value.units' },
        { line: 4, path: '$.value.blob' },
      ],
    });
    expect(err).toContain('<stdin>:2: $.value.units: expected a 64-bit integer as a decimal string');
    expect(err).toContain('<stdin>:4: $.value.blob: expected bytes as a base64 string, got 7');
    expect(await readWithKafkaJs(brokers, topic, 0)).toEqual([]);

    // --skip-invalid sends the valid line only, and reports the others.
    const skipped = await produce({ topic, skipInvalid: true }, input);
    expect(skipped.code).toBe(0);
    expect(skipped.report).toMatchObject({ sent: 1, invalid: [{ line: 2 }, { line: 4 }] });
    const [only] = await readWithKafkaJs(brokers, topic, 1);
    expect(only!.key!.toString()).toBe('k');
  });

  it('tail | produce to another topic gives equal records: same keys, headers, values and payload bytes', async () => {
    const source = await avroTopic('ops-produce-src');
    const target = await avroTopic('ops-produce-dst');
    const lines = [
      line(ORDER_VALUE, {
        headers: [
          { key: 'trace', value: 't1' },
          { key: 'bin', valueBase64: '//8=' },
        ],
      }),
      line({ ...ORDER_VALUE, id: 'o2', note: null, units: 5 }, { key: 'other' }),
      JSON.stringify({ key: 'gone', value: null }),
      JSON.stringify({ keyBase64: 'AP8=', value: { ...ORDER_VALUE, id: 'o3' } }),
    ];
    expect((await produce({ topic: source }, lines.join('\n'))).report).toMatchObject({
      sent: 4,
      invalid: [],
    });
    const first = await tailAll(source);
    expect(first.lines).toHaveLength(4);
    const copy = await produce({ topic: target, keepPartition: true }, first.text);
    expect(copy.code).toBe(0);
    expect(copy.report!.sent).toBe(4);
    const second = await tailAll(target);
    // Tail interleaves partitions in arrival order: compare in (partition, offset) order.
    const comparable = (lines: RecordLine[]) =>
      lines
        .map((l) => ({ ...l, schemaId: undefined, timestamp: undefined }))
        .sort((x, y) => x.partition - y.partition || x.offset - y.offset);
    expect(comparable(second.lines)).toEqual(comparable(first.lines));
    // Independently of kgen's decoder: KafkaJS sees the same keys, headers and Avro payload bytes.
    const [a, b] = [await readWithKafkaJs(brokers, source, 4), await readWithKafkaJs(brokers, target, 4)];
    expect(b.map((r) => [r.partition, r.offset, r.key, r.headers, r.value?.subarray(5) ?? null])).toEqual(
      a.map((r) => [r.partition, r.offset, r.key, r.headers, r.value?.subarray(5) ?? null]),
    );
  });

  it('Protobuf: a second message type by valueType, round-tripped through tail', async () => {
    const source = uniqueName('ops-produce-pb');
    const target = uniqueName('ops-produce-pb-dst');
    await createTopics(brokers, [source, target]);
    const registry = officialRegistryClient(registryUrl);
    for (const t of [source, target])
      await registry.register(`${t}-value`, { schemaType: 'PROTOBUF', schema: PROTO });
    const input = [
      JSON.stringify({ key: 'e', value: { id: 'e', big: '-1', blob: 'AA==', tags: ['x', 'y'] } }),
      JSON.stringify({ key: 'o', value: { ratio: 'Infinity' }, valueType: 'ops.produce.Other' }),
    ].join('\n');
    expect((await produce({ topic: source }, input)).code).toBe(0);
    const first = await tailAll(source);
    expect(first.lines.map((l) => [l.valueType, l.value])).toEqual([
      ['ops.produce.Event', { id: 'e', big: '-1', blob: 'AA==', tags: ['x', 'y'] }],
      ['ops.produce.Other', { ratio: 'Infinity' }],
    ]);
    expect((await produce({ topic: target }, first.text)).code).toBe(0);
    const second = await tailAll(target);
    expect(second.lines.map((l) => [l.key, l.valueType, l.value])).toEqual(
      first.lines.map((l) => [l.key, l.valueType, l.value]),
    );
    const bad = await produce(
      { topic: target },
      JSON.stringify({ value: { nope: 1 }, valueType: 'ops.produce.Other' }),
    );
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('<stdin>:1: $.value.nope: message ops.produce.Other has no field "nope"');
  });

  it('bad input: unknown topic or subject, unreachable cluster or registry, undecodable tail lines: exit 2', async () => {
    const topic = await avroTopic('ops-produce-bad');
    const missingTopic = uniqueName('ops-produce-none');
    await officialRegistryClient(registryUrl).register(`${missingTopic}-value`, {
      schemaType: 'AVRO',
      schema: ORDER,
    });
    const unknown = await produce({ topic: missingTopic }, line(ORDER_VALUE));
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/topic "ops-produce-none-[^"]+" does not exist.*\[UNKNOWN_TOPIC\]/);

    const noSubject = await produce({ topic, subject: 'no-such-subject' }, line(ORDER_VALUE));
    expect(noSubject.code).toBe(2);
    expect(noSubject.err).toMatch(/no subject "no-such-subject".*\[UNKNOWN_SUBJECT\]/);

    const cluster = captureIo();
    expect(
      await runProduce({ topic, brokers: '127.0.0.1:1', registry: registryUrl }, cluster.io, {
        stdin: line(ORDER_VALUE),
      }),
    ).toBe(2);
    expect(cluster.err.join('\n')).toMatch(/\[CLUSTER_UNREACHABLE\]/);

    const reg = captureIo();
    expect(
      await runProduce({ topic, brokers, registry: 'http://127.0.0.1:1' }, reg.io, {
        stdin: line(ORDER_VALUE),
      }),
    ).toBe(2);
    expect(reg.err.join('\n')).toMatch(/\[REGISTRY_UNREACHABLE\]/);

    const undecodable = await produce(
      { topic },
      JSON.stringify({ key: 'a', value: null, error: 'x', valueBase64: 'AA==' }),
    );
    expect(undecodable.code).toBe(2);
    expect(undecodable.err).toContain('$.error: an undecodable record');
    expect(await readWithKafkaJs(brokers, topic, 0)).toEqual([]);
  });
});
