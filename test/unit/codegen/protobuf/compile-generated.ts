import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import type { GeneratedFile } from '../../../../codegen/model';

const REPO = path.resolve(__dirname, '../../../..');

/**
 * Writes generated files under `dir` and type-checks them with the repo's strict compiler settings (`kgen`
 * resolved to src/index.ts). Returns the diagnostics of the generated files only.
 */
export function compileGenerated(
  files: readonly GeneratedFile[],
  dir: string,
): { files: number; diagnostics: string[] } {
  for (const f of files) {
    fs.mkdirSync(path.dirname(path.join(dir, f.path)), { recursive: true });
    fs.writeFileSync(path.join(dir, f.path), f.content);
  }
  const config = ts.readConfigFile(path.join(REPO, 'tsconfig.base.json'), (p) => ts.sys.readFile(p));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, REPO);
  const options: ts.CompilerOptions = {
    ...parsed.options,
    noEmit: true,
    types: ['node'],
    paths: {
      kgen: [path.join(REPO, 'src/index.ts')],
      'kgen/codegenv1': [path.join(REPO, 'src/codegenv1.ts')],
    },
  };
  const roots = files.map((f) => path.join(dir, f.path));
  const program = ts.createProgram(roots, options);
  const mine = new Set(roots.map((r) => path.resolve(r)));
  const diagnostics = ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file && mine.has(path.resolve(d.file.fileName)))
    .map((d) => `${d.file!.fileName}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  return { files: roots.length, diagnostics };
}
