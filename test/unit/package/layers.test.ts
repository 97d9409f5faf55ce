import fs from 'node:fs';
import path from 'node:path';

/**
 * src/ is layered and imports only point down: entries → client → pipeline/delivery → producer/consumer →
 * serde → kafka/metrics → topics/errors. Folders of one layer do not import each other either.
 */
const SRC = path.join(__dirname, '../../../src');
const LAYERS: ReadonlyArray<readonly string[]> = [
  ['errors', 'topic-headers'],
  ['topics'],
  ['kafka', 'metrics'],
  ['serde'],
  ['producer', 'consumer'],
  ['pipeline', 'delivery', 'ops', 'streams'],
  ['client'],
  ['index', 'serde.ts', 'delivery.ts', 'codegenv1'],
];

/** The unit of a file under src/: its top folder, or the file itself at the top (`serde.ts`, not `serde/`). */
function unitOf(file: string): string {
  const parts = path.relative(SRC, file).split(path.sep);
  if (parts.length > 1) return parts[0]!;
  const top = parts[0]!.replace(/\.ts$/, '');
  return top === 'serde' || top === 'delivery' ? `${top}.ts` : top;
}

function layerOf(unit: string): number {
  const layer = LAYERS.findIndex((units) => units.includes(unit));
  if (layer < 0) throw new Error(`src/${unit} is in no layer: add it to LAYERS in ${__filename}`);
  return layer;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Relative specifiers a file imports or re-exports (type-only included: they couple layers too). */
function relativeImports(text: string): string[] {
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'";]*?from\s*'(\.[^']+)'/g)].map((m) => m[1]!);
}

/** Every import in `files` that runs up a layer or sideways into another folder of the same layer. */
function layerViolations(
  files: readonly string[],
  read: (file: string) => string = (file) => fs.readFileSync(file, 'utf8'),
): string[] {
  const out: string[] = [];
  for (const file of files) {
    const from = unitOf(file);
    for (const spec of relativeImports(read(file))) {
      const to = unitOf(path.resolve(path.dirname(file), spec));
      if (to === from || to.startsWith('..')) continue;
      const [a, b] = [layerOf(from), layerOf(to)];
      if (b >= a) out.push(`src/${path.relative(SRC, file)} imports ${spec} (${from} → ${to})`);
    }
  }
  return out;
}

describe('src/ layers', () => {
  it('no import runs up a layer or sideways between folders of one layer', () => {
    expect(layerViolations(sourceFiles(SRC))).toEqual([]);
  });

  it('reports an upward import and a sideways one (the check can fail)', () => {
    const probes: Record<string, string> = {
      [path.join(SRC, 'consumer/probe.ts')]: "import type { KgenClient } from '../client/create-client';\n",
      [path.join(SRC, 'producer/probe.ts')]: "export { decoderOf } from '../consumer/typed-consumer';\n",
    };
    expect(layerViolations(Object.keys(probes), (f) => probes[f]!)).toEqual([
      'src/consumer/probe.ts imports ../client/create-client (consumer → client)',
      'src/producer/probe.ts imports ../consumer/typed-consumer (producer → consumer)',
    ]);
  });
});
