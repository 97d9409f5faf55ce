import * as avro from 'avsc';
import { CodegenError } from '../errors';
import type { SourceSchema } from '../model';
import { jsonErrorPosition } from './json-error-position';

/** One top-level Avro schema of a source: the JSON value and its JSON path inside the source. */
export interface ParsedSchema {
  readonly json: unknown;
  readonly path: string;
  /** Namespace the schema's unqualified names resolve against (an `.avdl` protocol's namespace). */
  readonly namespace: string;
}

function where(source: SourceSchema) {
  return { file: source.path, ...(source.subject !== undefined ? { subject: source.subject } : {}) };
}

function lineColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position).split('\n');
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

/** Where JSON.parse failed (line/column): from its message, else from a scan (Node's message may omit the position). */
export function errorPosition(
  text: string,
  message: string,
): { line: number; column: number } | Record<string, never> {
  const fromMessage = /position (\d+)/.exec(message)?.[1];
  const position = fromMessage !== undefined ? Number(fromMessage) : jsonErrorPosition(text);
  return position !== undefined ? lineColumn(text, position) : {};
}

function parseJson(source: SourceSchema): unknown {
  try {
    return JSON.parse(source.text);
  } catch (err) {
    const message = (err as Error).message;
    const at = errorPosition(source.text, message);
    throw new CodegenError(
      'INVALID_JSON',
      `invalid JSON: ${message}`,
      { ...where(source), ...at },
      { cause: err },
    );
  }
}

/**
 * `import idl|protocol|schema "file";` statements blanked out (positions kept): every source is generated
 * together and names resolve across all of them, so an imported file only has to be among the sources.
 */
function withoutImports(text: string): string {
  return text.replace(/\bimport\s+(?:idl|protocol|schema)\s+"[^"]*"\s*;/g, (m) => m.replace(/[^\n]/g, ' '));
}

function parseIdl(source: SourceSchema): Record<string, unknown> {
  try {
    return avro.readProtocol(withoutImports(source.text)) as Record<string, unknown>;
  } catch (err) {
    const e = err as Error & { lineNum?: number; colNum?: number };
    throw new CodegenError(
      'INVALID_IDL',
      `invalid Avro IDL: ${e.message}`,
      {
        ...where(source),
        ...(e.lineNum !== undefined ? { line: e.lineNum } : {}),
        ...(e.colNum !== undefined ? { column: e.colNum } : {}),
      },
      { cause: err },
    );
  }
}

/** A source → its top-level schemas: one for `.avsc` (or a subject), one per protocol type for `.avdl`. */
export function parseSource(source: SourceSchema): ParsedSchema[] {
  if (source.path.endsWith('.avdl')) {
    const protocol = parseIdl(source);
    const types = Array.isArray(protocol['types']) ? (protocol['types'] as unknown[]) : [];
    const namespace = typeof protocol['namespace'] === 'string' ? protocol['namespace'] : '';
    return types.map((json, i) => ({ json, path: `$.types[${i}]`, namespace }));
  }
  return [{ json: parseJson(source), path: '$', namespace: '' }];
}
