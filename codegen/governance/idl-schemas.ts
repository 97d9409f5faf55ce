import { parseSource } from '../avro/parse-source';
import { CodegenError } from '../errors';

/** Marks a schema taken from an Avro IDL protocol: `<file>.avdl#<full name>`. */
const IDL_MARK = '.avdl#';

/** The full name a schema path names when it is one type of an `.avdl` protocol, else undefined. */
export function idlTypeOf(path: string): string | undefined {
  const at = path.indexOf(IDL_MARK);
  return at < 0 ? undefined : path.slice(at + IDL_MARK.length);
}

/**
 * An `.avdl` file as schemas the registry can hold: one standalone Avro JSON schema per named type of the
 * protocol, at path `<file>#<full name>`. Types that use another protocol type refer to it by name, so the
 * schema set makes it a reference (as for names defined in a sibling `.avsc`). Imports are left to the set:
 * an imported file only has to be in the same folder.
 */
export function idlSchemas(file: { path: string; text: string }): Array<{
  path: string;
  text: string;
  source: { file: string; text: string };
}> {
  const parsed = parseSource({ format: 'AVRO', path: file.path, text: file.text, references: [] });
  return parsed.map(({ json, path, namespace }) => {
    const type = json as { name?: unknown; namespace?: unknown };
    if (typeof type !== 'object' || type === null || typeof type.name !== 'string')
      throw new CodegenError('INVALID_IDL', `protocol type at ${path} has no name`, { file: file.path });
    const ns = typeof type.namespace === 'string' ? type.namespace : namespace;
    const fullName = type.name.includes('.') || ns === '' ? type.name : `${ns}.${type.name}`;
    // The protocol's namespace made explicit: the schema must resolve the same names on its own.
    const standalone = ns === '' || type.namespace !== undefined ? type : { ...type, namespace: ns };
    return {
      path: `${file.path}#${fullName}`,
      text: JSON.stringify(standalone, null, 2),
      source: { file: file.path, text: file.text },
    };
  });
}
