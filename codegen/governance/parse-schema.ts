import { CodegenError } from '../errors';
import { buildAvroModel, parseAvroJson, type AvroNode } from './avro/avro-model';
import { buildProtoModel, type ProtoFileModel } from './protobuf/proto-model';
import type { SchemaFormat } from './types';

/** A schema parsed for the rule engines. */
export type ParsedSchema =
  | { readonly format: 'AVRO'; readonly node: AvroNode }
  | { readonly format: 'PROTOBUF'; readonly model: ProtoFileModel };

/** A schema's text plus the texts it references (Avro: schemas defining used names; Protobuf: import path → text). */
export interface SchemaText {
  readonly format: SchemaFormat;
  readonly text: string;
  /** Referenced schemas, references first: `[name, text]` (name = Avro full name or Protobuf import path). */
  readonly references: ReadonlyArray<readonly [string, string]>;
}

/** Parses one schema (and its references); bad input throws a CodegenError naming `where`. */
export function parseSchema(schema: SchemaText, where: string): ParsedSchema {
  if (schema.format === 'AVRO') {
    const refs = schema.references.map(([name, text]) => parseAvroJson(text, `${where} (reference ${name})`));
    return { format: 'AVRO', node: buildAvroModel(parseAvroJson(schema.text, where), where, refs) };
  }
  if (schema.format === 'JSON')
    // Placeholder until the JSON Schema rule engine lands: a clear refusal rather than a Protobuf parse error.
    throw new CodegenError('UNSUPPORTED_SCHEMA_TYPE', 'kgen has no compatibility rules for JSON Schema yet', {
      file: where,
    });
  return { format: 'PROTOBUF', model: buildProtoModel(schema.text, where, new Map(schema.references)) };
}
