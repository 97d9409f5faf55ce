import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { KafkaJS } from '@confluentinc/kafka-javascript';
import { runTail, type TailArgs } from '../../../codegen/cli/tail';
import type { RecordLine } from '../../../codegen/ops/record-json/record-line';
import { officialRegistryClient } from '../../helpers/official-registry';
import { peerDescribe, PYTHON_PEER, pythonPeerPlan } from '../../helpers/interop-peer';
import { stackEnv, uniqueName } from '../../helpers/stack-env';
import { fileDescriptors, serializedDescriptor } from '../protobuf/file-descriptor';
import { captureIo, createTopics } from './ops-io';

jest.setTimeout(120_000);

const SCRIPT = path.resolve(__dirname, '../../interop/python/tail_peer.py');
const describeWithPython = peerDescribe(pythonPeerPlan());

interface Written {
  partition: number;
  offset: number;
  schema_id: number;
  protojson?: Record<string, unknown>;
}

function python(request: object): Written[] {
  const out = execFileSync(PYTHON_PEER, [SCRIPT], {
    input: JSON.stringify(request),
    encoding: 'utf8',
    timeout: 90_000,
  });
  return (JSON.parse(out) as { written: Written[] }).written;
}

async function tail(
  args: Omit<TailArgs, 'brokers' | 'registry'>,
): Promise<{ code: number; lines: RecordLine[]; err: string }> {
  const { brokers, registryUrl } = stackEnv();
  const { io, out, err } = captureIo();
  const code = await runTail({ brokers, registry: registryUrl, format: 'json', ...args }, io, {
    tty: false,
    stopSignal: new Promise(() => undefined),
  });
  return { code, lines: out.map((l) => JSON.parse(l) as RecordLine), err: err.join('\n') };
}

const AVRO_SCHEMA = JSON.stringify({
  type: 'record',
  name: 'Reading',
  namespace: 'ops.tail',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'big', type: 'long' },
    { name: 'count', type: 'int' },
    { name: 'ratio', type: 'double' },
    { name: 'blob', type: 'bytes' },
    { name: 'digest', type: { type: 'fixed', name: 'Digest', size: 4 } },
    { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
    { name: 'atMicros', type: { type: 'long', logicalType: 'timestamp-micros' } },
    { name: 'day', type: { type: 'int', logicalType: 'date' } },
    { name: 'amount', type: { type: 'bytes', logicalType: 'decimal', precision: 12, scale: 2 } },
    { name: 'kind', type: { type: 'enum', name: 'Kind', symbols: ['A', 'B'] } },
    { name: 'note', type: ['null', 'string'], default: null },
    {
      name: 'either',
      type: ['null', 'long', { type: 'record', name: 'Inner', fields: [{ name: 'flag', type: 'boolean' }] }],
    },
    { name: 'samples', type: { type: 'array', items: 'long' } },
    { name: 'labels', type: { type: 'map', values: 'string' } },
  ],
});

// Tagged values for Python (see tail_peer.py), and what tail must print for each (README "kgen tail").
const AVRO_RECORDS = [
  {
    python: {
      id: 'r1',
      big: { $int: '9007199254740993' },
      count: -7,
      ratio: 0.1,
      blob: { $bytes: Buffer.from([0, 1, 2, 255]).toString('base64') },
      digest: { $bytes: Buffer.from('abcd').toString('base64') },
      at: { $datetime: '2024-05-06T07:08:09.123+00:00' },
      atMicros: { $datetime: '2024-05-06T07:08:09.123456+00:00' },
      day: { $date: '2024-02-29' },
      amount: { $decimal: '-1234567890.12' },
      kind: 'B',
      note: 'hi',
      either: { $int: '-9223372036854775808' },
      samples: [1, -2, { $int: '9223372036854775807' }],
      labels: { a: 'x', 'b c': 'y' },
    },
    tail: {
      id: 'r1',
      big: '9007199254740993',
      count: -7,
      ratio: 0.1,
      blob: Buffer.from([0, 1, 2, 255]).toString('base64'),
      digest: Buffer.from('abcd').toString('base64'),
      at: '2024-05-06T07:08:09.123Z',
      atMicros: '2024-05-06T07:08:09.123456Z',
      day: '2024-02-29',
      amount: '-1234567890.12',
      kind: 'B',
      note: 'hi',
      either: { long: '-9223372036854775808' },
      samples: ['1', '-2', '9223372036854775807'],
      labels: { a: 'x', 'b c': 'y' },
    },
  },
  {
    python: {
      id: 'r2',
      big: 0,
      count: 0,
      ratio: -2.5e-300,
      blob: { $bytes: '' },
      digest: { $bytes: Buffer.from([0, 0, 0, 0]).toString('base64') },
      at: { $datetime: '1969-12-31T23:59:59.999+00:00' },
      atMicros: { $datetime: '1969-12-31T23:59:59.999999+00:00' },
      day: { $date: '1970-01-01' },
      amount: { $decimal: '0.05' },
      kind: 'A',
      note: null,
      either: { $branch: ['ops.tail.Inner', { flag: true }] },
      samples: [],
      labels: {},
    },
    tail: {
      id: 'r2',
      big: '0',
      count: 0,
      ratio: -2.5e-300,
      blob: '',
      digest: 'AAAAAA==',
      at: '1969-12-31T23:59:59.999Z',
      atMicros: '1969-12-31T23:59:59.999999Z',
      day: '1970-01-01',
      amount: '0.05',
      kind: 'A',
      note: null,
      either: { 'ops.tail.Inner': { flag: true } },
      samples: [],
      labels: {},
    },
  },
];

const PROTO_COMMON = `syntax = "proto3";
package ops.common;
message Money { string currency = 1; int64 units = 2; }
`;
const PROTO_MAIN = `syntax = "proto3";
package ops.tail;
import "ops/common.proto";
message Reading {
  string id = 1;
  int64 big = 2;
  uint64 ubig = 3;
  bytes blob = 4;
  double ratio = 5;
  Kind kind = 6;
  repeated sint32 samples = 7;
  map<string, int64> counters = 8;
  Inner inner = 9;
  oneof choice { string label = 10; int32 code = 11; }
  ops.common.Money price = 12;
  bool on_sale = 13;
  message Inner { string note = 1; fixed64 stamp = 2; }
  enum Kind { KIND_UNSPECIFIED = 0; KIND_A = 1; KIND_B = 2; }
}
message Other { string name = 1; float weight = 2; }
`;

describeWithPython('kgen tail decodes what Python confluent-kafka wrote', () => {
  const { brokers, registryUrl } = stackEnv();

  it('Avro: every field as tail renders it, key, headers, partition, offset and schema id', async () => {
    const topic = uniqueName('ops-tail-avro');
    await createTopics(brokers, [topic]);
    const written = python({
      brokers,
      registry_url: registryUrl,
      topic,
      avro: { schema: AVRO_SCHEMA },
      records: AVRO_RECORDS.map((r, i) => ({ key: `k${i}`, headers: [['trace', `t${i}`]], value: r.python })),
    });
    const { code, lines } = await tail({ topic, fromBeginning: true });
    expect(code).toBe(0);
    expect(lines).toHaveLength(AVRO_RECORDS.length);
    lines.forEach((line, i) => {
      expect(line).toMatchObject({
        partition: written[i]!.partition,
        offset: written[i]!.offset,
        key: `k${i}`,
        headers: [{ key: 'trace', value: `t${i}` }],
        schemaId: written[i]!.schema_id,
      });
      expect(line.error).toBeUndefined();
      // Field by field, so a failure names the field.
      const expected = AVRO_RECORDS[i]!.tail as Record<string, unknown>;
      for (const field of Object.keys(expected))
        expect({ field, value: (line.value as Record<string, unknown>)[field] }).toEqual({
          field,
          value: expected[field],
        });
      expect(Object.keys(line.value as object)).toEqual(Object.keys(expected));
    });
  });

  it("Protobuf (with a reference and a second message type): equal to Python's own ProtoJSON of each message", async () => {
    const topic = uniqueName('ops-tail-pb');
    await createTopics(brokers, [topic]);
    const commonSubject = uniqueName('ops-tail-common');
    const registry = officialRegistryClient(registryUrl);
    await registry.register(commonSubject, { schemaType: 'PROTOBUF', schema: PROTO_COMMON });
    await registry.register(`${topic}-value`, {
      schemaType: 'PROTOBUF',
      schema: PROTO_MAIN,
      references: [{ name: 'ops/common.proto', subject: commonSubject, version: 1 }],
    });
    const files = new Map([
      ['ops/common.proto', PROTO_COMMON],
      ['ops/tail.proto', PROTO_MAIN],
    ]);
    const fds = new Map(fileDescriptors('ops/tail.proto', files).map((fd) => [fd.name, fd]));
    const written = python({
      brokers,
      registry_url: registryUrl,
      topic,
      protobuf: {
        files: ['ops/common.proto', 'ops/tail.proto'].map((name) => ({
          name,
          text: files.get(name),
          descriptor: serializedDescriptor(fds.get(name)!),
        })),
      },
      records: [
        {
          key: 'p0',
          message: 'ops.tail.Reading',
          value: {
            id: 'p0',
            big: '-9223372036854775808',
            ubig: '18446744073709551615',
            blob: Buffer.from([255, 0, 7]).toString('base64'),
            ratio: 'NaN',
            kind: 'KIND_B',
            samples: [-1, 0, 2147483647],
            counters: { x: '9223372036854775807', y: '-1' },
            inner: { note: 'n', stamp: '18446744073709551615' },
            code: 0,
            price: { currency: 'EUR', units: '123' },
            onSale: true,
          },
        },
        { key: 'p1', message: 'ops.tail.Reading', value: { id: 'p1', label: 'L', ratio: 'Infinity' } },
        { key: 'p2', message: 'ops.tail.Other', value: { name: 'other', weight: 1.5 } },
      ],
    });
    const { code, lines } = await tail({ topic, fromBeginning: true });
    expect(code).toBe(0);
    expect(lines.map((l) => [l.partition, l.offset, l.schemaId, l.key])).toEqual(
      written.map((w, i) => [w.partition, w.offset, w.schema_id, `p${i}`]),
    );
    expect(lines.map((l) => l.valueType)).toEqual(['ops.tail.Reading', 'ops.tail.Reading', 'ops.tail.Other']);
    lines.forEach((line, i) => {
      const expected = written[i]!.protojson!;
      for (const field of Object.keys(expected))
        expect({ field, value: (line.value as Record<string, unknown>)[field] }).toEqual({
          field,
          value: expected[field],
        });
      expect(Object.keys(line.value as object).sort()).toEqual(Object.keys(expected).sort());
    });
  });
});

describe('kgen tail on bad input and odd records', () => {
  const { brokers, registryUrl } = stackEnv();

  it('an unknown schema id, an unframed value and a tombstone are shown as such, and tail goes on', async () => {
    const topic = uniqueName('ops-tail-odd');
    await createTopics(brokers, [topic]);
    const producer = new KafkaJS.Kafka({
      kafkaJS: { brokers: [brokers], logLevel: KafkaJS.logLevel.NOTHING },
    }).producer();
    await producer.connect();
    const unknownId = Buffer.from([0, 0x7f, 0xff, 0xff, 0xf0, 1, 2, 3]);
    await producer.send({
      topic,
      messages: [
        { key: 'a', value: unknownId },
        { key: Buffer.from([0xff, 0xfe]), value: Buffer.from('plain text') },
        { key: 'c', value: null },
      ],
    });
    await producer.disconnect();
    const { code, lines, err } = await tail({ topic, fromBeginning: true, limit: 3 });
    expect(code).toBe(0);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({
      offset: 0,
      key: 'a',
      schemaId: 0x7fffff_f0,
      valueBase64: unknownId.toString('base64'),
    });
    expect(lines[0]!.error).toMatch(/schema id 2147483632 is not in the registry/);
    expect(lines[1]).toMatchObject({
      offset: 1,
      keyBase64: '//4=',
      schemaId: null,
      valueBase64: Buffer.from('plain text').toString('base64'),
    });
    expect(lines[1]!.error).toMatch(/not Confluent-framed/);
    expect(lines[2]).toMatchObject({ offset: 2, key: 'c', value: null, schemaId: null });
    expect(lines[2]!.error).toBeUndefined();
    expect(err).toContain('3 record(s)');
    expect(err).toContain('2 undecodable');

    // --offset and --partition and --limit select exactly.
    const fromOne = await tail({ topic, offset: 1, partition: 0, limit: 1 });
    expect(fromOne.lines.map((l) => l.offset)).toEqual([1]);
    // --since a duration ago: the records just written.
    const recent = await tail({ topic, since: '1h' });
    expect(recent.lines.map((l) => l.offset)).toEqual([0, 1, 2]);
    // --since in the future: nothing to read, tail ends at once.
    const future = await tail({ topic, since: new Date(Date.now() + 3_600_000).toISOString() });
    expect(future.lines).toEqual([]);
  });

  it('without a start position tail follows: a record written after it started is printed', async () => {
    const topic = uniqueName('ops-tail-follow');
    await createTopics(brokers, [topic]);
    let done = false;
    const waiting = tail({ topic, limit: 1 }).finally(() => (done = true));
    const producer = new KafkaJS.Kafka({
      kafkaJS: { brokers: [brokers], logLevel: KafkaJS.logLevel.NOTHING },
    }).producer();
    await producer.connect();
    // Written until tail prints one: tail starts at the end offset it reads once connected, so a record
    // written before that is (rightly) not shown; the loop does not depend on how long connecting takes.
    for (let i = 0; i < 30 && !done; i++) {
      await producer.send({ topic, messages: [{ key: 'late', value: Buffer.from('x') }] });
      await new Promise((r) => setTimeout(r, 1000));
    }
    await producer.disconnect();
    const { code, lines } = await waiting;
    expect(code).toBe(0);
    expect(lines.map((l) => l.key)).toEqual(['late']);
  });

  it('an unknown topic or partition, an unreachable cluster or registry: exit 2 with a clear message', async () => {
    const missing = await tail({ topic: uniqueName('ops-tail-missing'), fromBeginning: true });
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/topic "ops-tail-missing-[^"]+" does not exist .*\[UNKNOWN_TOPIC\]/);

    const topic = uniqueName('ops-tail-bad');
    await createTopics(brokers, [topic]);
    const partition = await tail({ topic, fromBeginning: true, partition: 5 });
    expect(partition.code).toBe(2);
    expect(partition.err).toMatch(/has no partition 5/);

    const { io, err } = captureIo();
    const started = Date.now();
    const cluster = await runTail(
      { topic, brokers: '127.0.0.1:1', registry: registryUrl, fromBeginning: true },
      io,
      {
        tty: false,
      },
    );
    expect(cluster).toBe(2);
    expect(err.join('\n')).toMatch(
      /cannot reach the Kafka cluster at 127\.0\.0\.1:1.*\[CLUSTER_UNREACHABLE\]/,
    );
    expect(Date.now() - started).toBeLessThan(30_000);

    const reg = captureIo();
    const registry = await runTail(
      { topic, brokers, registry: 'http://127.0.0.1:1', fromBeginning: true },
      reg.io,
      {
        tty: false,
      },
    );
    expect(registry).toBe(2);
    expect(reg.err.join('\n')).toMatch(
      /schema registry at http:\/\/127\.0\.0\.1:1 is unreachable.*\[REGISTRY_UNREACHABLE\]/,
    );

    const flags = captureIo();
    expect(
      await runTail({ topic, brokers, registry: registryUrl, fromBeginning: true, offset: 3 }, flags.io),
    ).toBe(2);
    expect(flags.err.join('\n')).toMatch(/exclude each other/);
  });
});
