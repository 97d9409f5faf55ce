import * as path from 'node:path';
import ts from 'typescript';

const repo = path.resolve(__dirname, '../../../..');

/** Type-checks generated files under the repo's strict settings, `kgen` mapped to the sources; returns errors. */
export function typecheck(dir: string): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(repo, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  )!;
  const files = ts.sys.readDirectory(dir, ['.ts']);
  const program = ts.createProgram(files, { ...config.options, noEmit: true });
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file === undefined || d.file.fileName.startsWith(dir))
    .map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}
