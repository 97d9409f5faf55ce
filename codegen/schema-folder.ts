import * as fs from 'node:fs';
import * as path from 'node:path';
import { CodegenError } from './errors';

/** Schema file extensions kgen reads, and the format each holds. */
export const SCHEMA_EXTENSIONS: Readonly<Record<string, 'AVRO' | 'PROTOBUF'>> = {
  '.avsc': 'AVRO',
  '.avdl': 'AVRO',
  '.proto': 'PROTOBUF',
};

/**
 * What `kgen check` reads: the generator's formats plus JSON Schema (`.json`), whose compatibility rules exist
 * before its code generator does.
 */
export const GOVERNED_EXTENSIONS: Readonly<Record<string, 'AVRO' | 'PROTOBUF' | 'JSON'>> = {
  ...SCHEMA_EXTENSIONS,
  '.json': 'JSON',
};

/** One schema file of a folder: its path relative to the folder (forward slashes), text and format. */
export interface SchemaFile<F extends string = 'AVRO' | 'PROTOBUF'> {
  readonly path: string;
  readonly text: string;
  readonly format: F;
}

/**
 * Every `.avsc`/`.avdl`/`.proto` file under `dir`, recursively, sorted by path: what `generate` compiles and
 * what `check`/`register` govern. Dot folders (`.git`) are skipped, and so are the folders in `exclude`, so a
 * pull or output folder inside the schema folder is not read twice.
 */
export function readSchemaFolder(dir: string, exclude?: readonly string[]): SchemaFile[];
export function readSchemaFolder<F extends string>(
  dir: string,
  exclude: readonly string[],
  extensions: Readonly<Record<string, F>>,
): Array<SchemaFile<F>>;
export function readSchemaFolder(
  dir: string,
  exclude: readonly string[] = [],
  extensions: Readonly<Record<string, string>> = SCHEMA_EXTENSIONS,
): Array<SchemaFile<string>> {
  const root = path.resolve(dir);
  if (!fs.existsSync(root))
    throw new CodegenError('SCHEMA_DIR_NOT_FOUND', 'schema folder not found', { file: root });
  if (!fs.statSync(root).isDirectory())
    throw new CodegenError('SCHEMA_DIR_NOT_FOUND', 'schema folder is not a folder', { file: root });
  const skip = new Set(exclude.map((e) => path.resolve(e)));
  const out: Array<SchemaFile<string>> = [];
  const walk = (rel: string): void => {
    const entries = fs.readdirSync(path.join(root, rel), { withFileTypes: true });
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!skip.has(path.join(root, child)) && !entry.name.startsWith('.')) walk(child);
        continue;
      }
      const format = extensions[path.extname(entry.name)];
      if (format) out.push({ path: child, text: fs.readFileSync(path.join(root, child), 'utf8'), format });
    }
  };
  walk('');
  return out;
}
