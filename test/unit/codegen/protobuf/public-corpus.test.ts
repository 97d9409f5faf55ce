import * as fs from 'node:fs';
import * as path from 'node:path';
import { runGenerate } from '../../../../codegen/cli/generate';
import { TempProject } from '../cli/project';
import { compileGenerated } from './compile-generated';

/** Google's published API protos (npm `google-proto-files`, a devDependency): a corpus kgen did not write. */
const CORPUS = path.dirname(require.resolve('google-proto-files/package.json'));

/** Real API files: custom options over descriptor.proto, annotations, long-running operations, Pub/Sub. */
const ENTRIES = [
  'google/api/annotations.proto',
  'google/api/http.proto',
  'google/api/field_behavior.proto',
  'google/api/resource.proto',
  'google/api/client.proto',
  'google/api/service.proto',
  'google/longrunning/operations.proto',
  'google/pubsub/v1/pubsub.proto',
  'google/type/money.proto',
];

/** `entries` and every file they import, transitively, except the well-known `google/protobuf/*` files. */
function closure(entries: readonly string[]): Map<string, string> {
  const files = new Map<string, string>();
  const pending = [...entries];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (files.has(next) || next.startsWith('google/protobuf/')) continue;
    const text = fs.readFileSync(path.join(CORPUS, next), 'utf8');
    files.set(next, text);
    for (const m of text.matchAll(/^import\s+(?:public\s+|weak\s+)?"([^"]+)";/gm)) pending.push(m[1]!);
  }
  return files;
}

describe('kgen generate over a public corpus (google-proto-files)', () => {
  let project: TempProject;
  beforeEach(() => (project = new TempProject()));
  afterEach(() => project.remove());

  it('generates every file, descriptor/api/type imports included, and the output compiles strictly', async () => {
    const files = closure(ENTRIES);
    const imports = [...files.values()].join('\n');
    // The corpus exercises the bundled files this test is about.
    for (const wkt of ['descriptor', 'api', 'type', 'any', 'duration', 'empty', 'field_mask', 'struct'])
      expect(imports).toContain(`import "google/protobuf/${wkt}.proto"`);
    project.write({
      'kgen.config.json': { schemas: 'schemas', output: 'gen' },
      ...Object.fromEntries([...files].map(([p, text]) => [`schemas/${p}`, text])),
    });
    const result = await project.run((io) => runGenerate({}, io));
    expect(result.stderr.join('\n')).not.toMatch(/\[[A-Z_]+\]/);
    expect(result.code).toBe(0);
    const generated = project.tree('gen');
    for (const p of files.keys()) expect(Object.keys(generated)).toContain(p.replace(/\.proto$/, '_pb.ts'));
    // google.api.Service has fields of google.protobuf.Api / Type / Enum: their modules are generated.
    expect(Object.keys(generated)).toEqual(
      expect.arrayContaining(['google/protobuf/api_pb.ts', 'google/protobuf/type_pb.ts']),
    );
    const { diagnostics } = compileGenerated(
      Object.entries(generated).map(([p, content]) => ({ path: p, content })),
      path.join(project.dir, 'compiled'),
    );
    expect(diagnostics).toEqual([]);
  }, 300_000);
});
