import * as fs from 'node:fs';
import * as path from 'node:path';

/** What a generator returns: its files, and for some a report of the emitted schemas (kept as schemas.json). */
interface GeneratedOutput {
  readonly files: ReadonlyArray<{ readonly path: string; readonly content: string }>;
  readonly schemas?: unknown;
}

/** Every generated `.ts` file under `dir` (relative, forward slashes). */
function listGoldens(dir: string, rel = ''): string[] {
  if (!fs.existsSync(path.join(dir, rel))) return [];
  return fs
    .readdirSync(path.join(dir, rel), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listGoldens(dir, `${rel}${e.name}/`) : [`${rel}${e.name}`]))
    .filter((f) => f.endsWith('.ts'));
}

/**
 * The golden tests of one generator run: `generate(false)` must write exactly the files committed under `dir`
 * (and its schema report `schemas.json`), and `generate(true)` — the same sources in reverse order — the same
 * output. `UPDATE_GOLDENS=1` rewrites the goldens instead.
 */
export function describeGoldens(
  title: string,
  dir: string,
  generate: (reversed: boolean) => GeneratedOutput,
): void {
  describe(title, () => {
    const out = generate(false);

    if (process.env['UPDATE_GOLDENS'] === '1') {
      for (const stale of listGoldens(dir)) fs.rmSync(path.join(dir, stale));
      for (const file of out.files) {
        fs.mkdirSync(path.dirname(path.join(dir, file.path)), { recursive: true });
        fs.writeFileSync(path.join(dir, file.path), file.content);
      }
      if (out.schemas !== undefined)
        fs.writeFileSync(path.join(dir, 'schemas.json'), `${JSON.stringify(out.schemas, null, 2)}\n`);
    }

    it('writes exactly the committed files', () => {
      expect(out.files.map((f) => f.path).sort()).toEqual(listGoldens(dir).sort());
    });

    it.each(out.files.map((f) => [f.path, f.content] as const))('matches the golden %s', (file, content) => {
      expect(content).toBe(fs.readFileSync(path.join(dir, file), 'utf8'));
    });

    if (out.schemas !== undefined)
      it('reports the emitted schemas as committed', () => {
        expect(JSON.parse(JSON.stringify(out.schemas))).toEqual(
          JSON.parse(fs.readFileSync(path.join(dir, 'schemas.json'), 'utf8')),
        );
      });

    it('is deterministic whatever the source order', () => {
      expect(generate(true)).toEqual(out);
    });
  });
}
