/**
 * Scale benchmark of the Protobuf generator: a synthesized tree of real-world-sized `.proto` files with
 * deep import chains is generated and then compiled with tsc (strict, the repo's settings).
 * Prints one JSON line: {"bench":"proto-generate","impl":"kgen",...}. Run: npx tsx bench/proto-generate.ts
 * (env: CHAINS, DEPTH, MESSAGES to change the tree).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ts from 'typescript';
import { generateProtobuf } from '../codegen/protobuf';
import { syntheticTree } from '../test/unit/codegen/protobuf/synthetic-tree';
import { compileGenerated } from '../test/unit/codegen/protobuf/compile-generated';

const shape = {
  chains: Number(process.env['CHAINS'] ?? 8),
  depth: Number(process.env['DEPTH'] ?? 40),
  messages: Number(process.env['MESSAGES'] ?? 8),
};
const sources = syntheticTree(shape);
const protoLines = sources.reduce((n, s) => n + s.text.split('\n').length, 0);

const t0 = performance.now();
const out = generateProtobuf(sources, {});
const generateMs = performance.now() - t0;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kgen-proto-bench-'));
const t1 = performance.now();
const { files, diagnostics } = compileGenerated(out.files, dir);
const compileMs = performance.now() - t1;
fs.rmSync(dir, { recursive: true, force: true });

console.log(
  JSON.stringify({
    bench: 'proto-generate',
    impl: 'kgen',
    protoFiles: sources.length,
    protoLines,
    importDepth: shape.depth,
    messages: out.schemas.length,
    tsFiles: files,
    tsLines: out.files.reduce((n, f) => n + f.content.split('\n').length, 0),
    generateMs: Math.round(generateMs),
    compileMs: Math.round(compileMs),
    typeErrors: diagnostics.length,
    typescript: ts.version,
    node: process.version,
  }),
);
if (diagnostics.length > 0) {
  console.error(diagnostics.slice(0, 10).join('\n'));
  process.exitCode = 1;
}
