/**
 * Generation time for 1,000 synthesised Avro subjects (records with a realistic mix of field types, some
 * referencing shared subjects), end to end: in memory (`generate`), and from a pulled folder + lock file on
 * disk to a written output folder (`generateProject` + `writeGenerated`). Prints one JSON line per mode.
 * Beside it, in the same process and on the same schemas, the peer generator @ovotech/avro-ts converts every
 * subject (shared subjects as external contexts, as its README shows): BENCH_ROUNDS rounds (default 3), the
 * order of the two reversed every other round, each impl's median printed with the ratio of the medians.
 * The peer writes types only (no producer input types, descriptors, topic map or codec check).
 * Run: `npx tsx bench/codegen-generate.ts`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { toExternalContext, toTypeScript } from '@ovotech/avro-ts';
import { resolveConfig } from '../codegen/config/resolve-config';
import type { SourceSchema } from '../codegen/model';
import { formatGenerators } from '../codegen/generate/format-generators';
import { generate } from '../codegen/generate/generate';
import { generateProject, writeGenerated } from '../codegen/generate/generate-project';
import { fingerprint, serializeLockFile, type LockedSchema } from '../codegen/registry/lock-file';
import { pulledSchemaPath } from '../codegen/registry/schema-paths';

const SUBJECTS = 1000;
const SHARED = 50; // referenced by others

interface Synth {
  readonly sources: SourceSchema[];
  readonly topics: Record<string, object>;
}

/** Deterministic synthetic schemas: 50 shared records, 950 topic records, every third referencing two shared. */
export function synthesise(): Synth {
  const sources: SourceSchema[] = [];
  const topics: Record<string, object> = {};
  for (let i = 0; i < SHARED; i++) {
    const schema = {
      type: 'record',
      name: `Shared${i}`,
      namespace: 'bench.shared',
      doc: `Shared type ${i}`,
      fields: [
        { name: 'code', type: 'string' },
        { name: 'amount', type: { type: 'bytes', logicalType: 'decimal', precision: 12, scale: 2 } },
        { name: 'currency', type: { type: 'enum', name: `Currency${i}`, symbols: ['EUR', 'USD', 'GBP'] } },
      ],
    };
    sources.push({
      format: 'AVRO',
      path: `bench.shared.Shared${i}.avsc`,
      text: JSON.stringify(schema),
      subject: `bench.shared.Shared${i}`,
      version: 1,
      id: i + 1,
      references: [],
    });
  }
  for (let i = SHARED; i < SUBJECTS; i++) {
    const refs =
      i % 3 === 0
        ? [`bench.shared.Shared${i % SHARED}`, `bench.shared.Shared${(i + 7) % SHARED}`].filter(
            (v, k, a) => a.indexOf(v) === k,
          )
        : [];
    const fields: object[] = [
      { name: 'id', type: 'string', doc: 'Primary key' },
      { name: 'count', type: 'int', default: 0 },
      { name: 'sequence', type: 'long' },
      { name: 'ratio', type: 'double' },
      { name: 'active', type: 'boolean', default: true },
      { name: 'payload', type: 'bytes' },
      { name: 'createdAt', type: { type: 'long', logicalType: 'timestamp-millis' } },
      { name: 'day', type: { type: 'int', logicalType: 'date' } },
      { name: 'uuid', type: { type: 'string', logicalType: 'uuid' } },
      { name: 'note', type: ['null', 'string'], default: null },
      { name: 'tags', type: { type: 'array', items: 'string' }, default: [] },
      { name: 'attributes', type: { type: 'map', values: 'string' } },
      { name: 'status', type: { type: 'enum', name: `Status${i}`, symbols: ['NEW', 'ACTIVE', 'CLOSED'] } },
      {
        name: 'line',
        type: {
          type: 'record',
          name: `Line${i}`,
          fields: [
            { name: 'sku', type: 'string' },
            { name: 'qty', type: 'int' },
            { name: 'digest', type: { type: 'fixed', name: `Digest${i}`, size: 16 } },
          ],
        },
      },
      { name: 'choice', type: ['null', 'int', 'string'], default: null },
      ...refs.map((r, k) => ({ name: `ref${k}`, type: r })),
    ];
    const schema = { type: 'record', name: `Entity${i}`, namespace: `bench.domain${i % 20}`, fields };
    const topic = `bench-topic-${i}`;
    sources.push({
      format: 'AVRO',
      path: `${topic}-value.avsc`,
      text: JSON.stringify(schema),
      subject: `${topic}-value`,
      version: 1,
      id: i + 1,
      references: refs.map((r) => ({ name: r, subject: r, version: 1 })),
    });
    topics[topic] = {};
  }
  return { sources, topics };
}

function timed<T>(fn: () => T): { value: T; seconds: number } {
  const start = process.hrtime.bigint();
  const value = fn();
  return { value, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

/** kgen in memory: every output file (types, descriptors, topic map, index) for the subjects. */
function kgenInMemory(
  synth: Synth,
  config: ReturnType<typeof resolveConfig>,
): { files: number; bytes: number } {
  const out = generate({
    sources: synth.sources,
    topics: config.topics,
    generators: formatGenerators(config),
  });
  return { files: out.files.length, bytes: out.files.reduce((n, f) => n + f.content.length, 0) };
}

/** The peer: one module per subject; a subject's references are passed as external contexts. */
function peerInMemory(synth: Synth): { files: number; bytes: number } {
  const external = new Map<string, ReturnType<typeof toExternalContext>>();
  let bytes = 0;
  for (const s of synth.sources) {
    const schema = JSON.parse(s.text) as Parameters<typeof toTypeScript>[0];
    const refs = Object.fromEntries(s.references.map((r) => [`./${r.subject}`, external.get(r.subject)!]));
    bytes += toTypeScript(schema, { external: refs }).length;
    if (s.subject!.startsWith('bench.shared.')) external.set(s.subject!, toExternalContext(schema));
  }
  return { files: synth.sources.length, bytes };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** kgen and the peer on the same subjects, alternating which goes first; one JSON line each plus the ratio. */
function runBesidePeer(synth: Synth, config: ReturnType<typeof resolveConfig>): void {
  const rounds = Number(process.env['BENCH_ROUNDS'] ?? 3);
  const impls = {
    kgen: () => kgenInMemory(synth, config),
    '@ovotech/avro-ts': () => peerInMemory(synth),
  };
  const seconds: Record<string, number[]> = { kgen: [], '@ovotech/avro-ts': [] };
  const output: Record<string, { files: number; bytes: number }> = {};
  for (let r = 0; r < rounds; r++) {
    const order = Object.entries(impls);
    if (r % 2 === 1) order.reverse();
    for (const [name, fn] of order) {
      (globalThis as { gc?: () => void }).gc?.();
      const t = timed(fn);
      seconds[name]!.push(t.seconds);
      output[name] = t.value;
    }
  }
  for (const name of Object.keys(impls)) {
    console.log(
      JSON.stringify({
        bench: 'codegen-generate',
        impl: name,
        mode: 'in-memory-rounds',
        subjects: SUBJECTS,
        rounds,
        medianSeconds: Number(median(seconds[name]!).toFixed(3)),
        bestSeconds: Number(Math.min(...seconds[name]!).toFixed(3)),
        files: output[name]!.files,
        outputBytes: output[name]!.bytes,
        node: process.version,
        load1: Number(os.loadavg()[0]!.toFixed(2)),
      }),
    );
  }
  console.log(
    JSON.stringify({
      bench: 'codegen-generate',
      impl: 'kgen / @ovotech/avro-ts',
      mode: 'in-memory-rounds',
      timeRatio: Number((median(seconds['kgen']!) / median(seconds['@ovotech/avro-ts']!)).toFixed(2)),
      note: 'peer emits types only: no input types, descriptors, topic map or codec check',
    }),
  );
}

/** Writes the synthetic subjects as a pulled folder + lock file, as `kgen pull` would. */
function writePulledProject(dir: string, synth: Synth): void {
  const locked: LockedSchema[] = synth.sources.map((s) => {
    const file = pulledSchemaPath(s.subject!, 1, 'AVRO');
    fs.mkdirSync(path.join(dir, 'kgen-schemas', path.dirname(file)), { recursive: true });
    fs.writeFileSync(path.join(dir, 'kgen-schemas', file), s.text);
    return {
      subject: s.subject!,
      version: 1,
      id: s.id!,
      schemaType: 'AVRO',
      fingerprint: fingerprint(s.text),
      file,
      root: !s.subject!.startsWith('bench.shared.'),
      references: s.references,
    };
  });
  fs.writeFileSync(
    path.join(dir, 'kgen.lock.json'),
    serializeLockFile({ lockfileVersion: 1, registry: 'http://bench', schemas: locked }),
  );
  fs.writeFileSync(
    path.join(dir, 'kgen.config.json'),
    JSON.stringify({ topics: synth.topics, output: 'gen' }),
  );
}

/** Runs both modes and prints one JSON line each. */
export function run(): void {
  const synth = synthesise();
  const config = resolveConfig({ topics: synth.topics }, { rootDir: '/bench' });
  // Time inside the format generator apart, so the figure shows what the pipeline itself adds.
  let generatorSeconds = 0;
  const avro = formatGenerators(config).AVRO!;
  const memory = timed(() =>
    generate({
      sources: synth.sources,
      topics: config.topics,
      generators: {
        AVRO: (sources) => {
          const t = timed(() => avro(sources));
          generatorSeconds += t.seconds;
          return t.value;
        },
      },
    }),
  );
  const bytes = memory.value.files.reduce((n, f) => n + f.content.length, 0);
  console.log(
    JSON.stringify({
      bench: 'codegen-generate',
      impl: 'kgen',
      mode: 'in-memory',
      subjects: SUBJECTS,
      seconds: Number(memory.seconds.toFixed(3)),
      generatorSeconds: Number(generatorSeconds.toFixed(3)),
      files: memory.value.files.length,
      outputBytes: bytes,
      node: process.version,
      load1: Number(os.loadavg()[0]!.toFixed(2)),
    }),
  );

  runBesidePeer(synth, config);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kgen-bench-'));
  try {
    writePulledProject(dir, synth);
    const project = resolveConfig(
      { topics: synth.topics, output: 'gen' },
      {
        rootDir: dir,
        file: path.join(dir, 'kgen.config.json'),
      },
    );
    const written = timed(() => {
      const result = generateProject(project);
      writeGenerated(project.outDir, result.files);
      return result.files.length;
    });
    console.log(
      JSON.stringify({
        bench: 'codegen-generate',
        impl: 'kgen',
        mode: 'lock-to-disk',
        subjects: SUBJECTS,
        seconds: Number(written.seconds.toFixed(3)),
        files: written.value,
        node: process.version,
      }),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) run();
