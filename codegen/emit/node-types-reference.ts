import type { GeneratedFile } from '../model';

export const NODE_TYPES_REFERENCE = '/// <reference types="node" />';

const HEADER_END = '/* eslint-disable */\n';
const USES_BUFFER = /\bBuffer\b/;

/**
 * Generated types use Node's global `Buffer` (Avro bytes/fixed, Protobuf bytes on the output side). A
 * project whose tsconfig sets `"types": []` does not load Node's types on its own, so files that mention
 * `Buffer` reference them, as Node libraries' declarations do. Placed right after the header: a triple-slash
 * directive only counts before the first statement.
 */
export function withNodeTypesReference(file: GeneratedFile): GeneratedFile {
  if (!file.path.endsWith('.ts')) return file;
  const at = file.content.indexOf(HEADER_END);
  if (at < 0) return file;
  const bodyStart = at + HEADER_END.length;
  if (!USES_BUFFER.test(file.content.slice(bodyStart))) return file;
  return {
    path: file.path,
    content: `${file.content.slice(0, bodyStart)}${NODE_TYPES_REFERENCE}\n${file.content.slice(bodyStart)}`,
  };
}
