import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runBenchCommand, type BenchArgs } from '../../../codegen/cli/bench';
import type { BenchReport, PhaseResult } from '../../../codegen/ops/bench/run-bench';
import type { LatencySummary } from '../../../codegen/ops/bench/latency-stats';
import { officialRegistryClient } from '../../helpers/official-registry';
import { stackEnv, uniqueName } from '../../helpers/stack-env';
import { captureIo } from './ops-io';

jest.setTimeout(180_000);

const { brokers, registryUrl } = stackEnv();

async function bench(
  args: BenchArgs,
  cwd = os.tmpdir(),
): Promise<{ code: number; report?: BenchReport; err: string }> {
  const { io, out, err } = captureIo(cwd);
  const code = await runBenchCommand({ brokers, registry: registryUrl, format: 'json', ...args }, io, {
    tty: false,
  });
  return {
    code,
    ...(out.length ? { report: JSON.parse(out.join('')) as BenchReport } : {}),
    err: err.join('\n'),
  };
}

function expectOrdered(l: LatencySummary, count: number): void {
  expect(l.count).toBe(count);
  const [min, p50, p95, p99, max, mean] = [l.min!, l.p50!, l.p95!, l.p99!, l.max!, l.mean!];
  expect(min).toBeGreaterThanOrEqual(0);
  expect(min).toBeLessThanOrEqual(p50);
  expect(p50).toBeLessThanOrEqual(p95);
  expect(p95).toBeLessThanOrEqual(p99);
  expect(p99).toBeLessThanOrEqual(max);
  expect(mean).toBeGreaterThanOrEqual(min);
  expect(mean).toBeLessThanOrEqual(max);
  expect(max).toBeLessThan(120_000);
}

function expectPhase(p: PhaseResult | null, messages: number, recordBytes: number): void {
  expect(p).not.toBeNull();
  expect(p!.messages).toBe(messages);
  expect(p!.errors).toBe(0);
  expect(p!.seconds).toBeGreaterThan(0);
  // Each rate is recomputed from the counts it reports (within 1 %: seconds are rounded to the ms).
  const near = (a: number, b: number): void => expect(Math.abs(a - b) / b).toBeLessThan(0.01);
  near(p!.msgsPerSec, messages / p!.seconds);
  near(p!.mbPerSec, (p!.msgsPerSec * recordBytes) / (1024 * 1024));
}

describe('kgen bench', () => {
  it('--mode both with --size: every field, equal counts, ordered percentiles, plausible rates', async () => {
    const { code, report } = await bench({ mode: 'both', messages: 3000, size: 256, partitions: 2 });
    expect(code).toBe(0);
    expect(Object.keys(report!).sort()).toEqual(
      ['consume', 'messages', 'mode', 'partitions', 'produce', 'recordBytes', 'source', 'topic'].sort(),
    );
    expect(report).toMatchObject({
      mode: 'both',
      messages: 3000,
      partitions: 2,
      source: { kind: 'size', bytes: 256 },
    });
    // 256 value bytes + keys "key-0".."key-999".
    expect(report!.recordBytes).toBeCloseTo(256 + 6.89, 0);
    expectPhase(report!.produce, 3000, report!.recordBytes);
    expectPhase(report!.consume, 3000, report!.recordBytes);
    expectOrdered(report!.produce!.ackLatencyMs, 3000);
    expectOrdered(report!.consume!.endToEndLatencyMs!, 3000);
  });

  it('--topic from the config: random valid records of its Avro and Protobuf schemas through the typed client', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kgen-bench-'));
    const avroTopic = uniqueName('ops-bench-avro');
    const protoTopic = uniqueName('ops-bench-pb');
    const registry = officialRegistryClient(registryUrl);
    const money = uniqueName('ops-bench-money');
    await registry.register(money, {
      schemaType: 'AVRO',
      schema: JSON.stringify({
        type: 'record',
        name: 'Money',
        namespace: 'b',
        fields: [
          { name: 'units', type: 'long' },
          { name: 'amount', type: { type: 'bytes', logicalType: 'decimal', precision: 9, scale: 3 } },
        ],
      }),
    });
    await registry.register(`${avroTopic}-value`, {
      schemaType: 'AVRO',
      schema: JSON.stringify({
        type: 'record',
        name: 'Order',
        namespace: 'b',
        fields: [
          { name: 'id', type: 'string' },
          { name: 'price', type: 'b.Money' },
          { name: 'at', type: { type: 'long', logicalType: 'timestamp-micros' } },
          { name: 'day', type: { type: 'int', logicalType: 'date' } },
          {
            name: 'either',
            type: ['null', 'int', 'b.Money', { type: 'enum', name: 'E', symbols: ['X', 'Y'] }],
          },
          {
            name: 'tags',
            type: { type: 'map', values: { type: 'array', items: { type: 'fixed', name: 'F', size: 3 } } },
          },
        ],
      }),
      references: [{ name: 'b.Money', subject: money, version: 1 }],
    });
    await registry.register(`${protoTopic}-value`, {
      schemaType: 'PROTOBUF',
      schema: `syntax = "proto3";
package b;
import "google/protobuf/timestamp.proto";
message Event {
  string id = 1; int64 big = 2; bytes blob = 3; Kind kind = 4; repeated double xs = 5; map<int32, Inner> inner = 6;
  oneof choice { string label = 7; Inner nested = 8; }
  google.protobuf.Timestamp at = 9;
  optional uint64 maybe = 10;
  message Inner { bool on = 1; sint32 n = 2; }
  enum Kind { KIND_UNSPECIFIED = 0; KIND_A = 1; }
}
`,
    });
    fs.writeFileSync(
      path.join(dir, 'kgen.config.json'),
      JSON.stringify({ registry: { url: registryUrl }, topics: { [avroTopic]: {}, [protoTopic]: {} } }),
    );
    for (const topic of [avroTopic, protoTopic]) {
      const { code, report, err } = await bench({ mode: 'consume', messages: 1500, topic }, dir);
      expect(err).not.toMatch(/unexpected/);
      expect(code).toBe(0);
      expect(report!.source).toEqual({ kind: 'topic', topic, valueSubject: `${topic}-value` });
      expect(report!.produce).toBeNull();
      expectPhase(report!.consume, 1500, report!.recordBytes);
      expect(report!.consume!.endToEndLatencyMs).toBeNull();
    }
    const produced = await bench({ mode: 'produce', messages: 500, topic: avroTopic }, dir);
    expect(produced.report!.consume).toBeNull();
    expectPhase(produced.report!.produce, 500, produced.report!.recordBytes);
    expectOrdered(produced.report!.produce!.ackLatencyMs, 500);
  });

  it('bad input: a topic not in the config, --size with --topic, an unreachable cluster: exit 2', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kgen-bench-'));
    fs.writeFileSync(
      path.join(dir, 'kgen.config.json'),
      JSON.stringify({ registry: { url: registryUrl }, topics: { known: {} } }),
    );
    const unknown = await bench({ topic: 'nope' }, dir);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/the config has no topic "nope" \(topics: known\)/);
    expect((await bench({ topic: 'known', size: 10 }, dir)).err).toMatch(/exclude each other/);
    const started = Date.now();
    const { io, err } = captureIo();
    expect(await runBenchCommand({ brokers: '127.0.0.1:1', messages: 10 }, io, { tty: false })).toBe(2);
    expect(err.join('\n')).toMatch(/\[CLUSTER_UNREACHABLE\]/);
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});
