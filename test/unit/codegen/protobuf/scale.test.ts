import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateProtobuf } from '../../../../codegen/protobuf';
import { compileGenerated } from './compile-generated';
import { syntheticTree } from './synthetic-tree';

// Scale: hundreds of real-world-sized .proto files with deep import chains generate and compile under the
// repo's strict settings. Times are printed (bench/proto-generate.ts prints them as JSON), never asserted.
describe('Protobuf generator at scale', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kgen-proto-scale-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('generates and compiles 200 files in import chains 50 deep', () => {
    const sources = syntheticTree({ chains: 4, depth: 50, messages: 6 });
    expect(sources).toHaveLength(200);
    const t0 = performance.now();
    const out = generateProtobuf(sources, {});
    const generateMs = performance.now() - t0;
    const t1 = performance.now();
    const { files, diagnostics } = compileGenerated(out.files, dir);
    const compileMs = performance.now() - t1;
    console.log(
      `proto scale: ${sources.length} files, ${sources.reduce((n, s) => n + s.text.split('\n').length, 0)} proto lines, ` +
        `${out.schemas.length} messages: generate ${Math.round(generateMs)} ms, tsc ${Math.round(compileMs)} ms`,
    );
    expect(files).toBe(200);
    expect(diagnostics).toEqual([]);
  }, 300_000);

  it('reports type errors in generated files (the check above can fail)', () => {
    const { diagnostics } = compileGenerated(
      [
        {
          path: 'bad_pb.ts',
          content: "import * as kgen from 'kgen';\nexport const x: kgen.ProtobufJsonValue = () => 1;\n",
        },
      ],
      dir,
    );
    expect(diagnostics).toHaveLength(1);
  }, 120_000);
});
