import { buildAvroModel, parseAvroJson, type AvroNode } from './avro/avro-model';
import { loadJsonSchema } from './json/json-schema-loader';
import type { JsonSchemaNode } from './json/json-schema-model';
import { buildProtoModel, type ProtoFileModel } from './protobuf/proto-model';
import type { SchemaFormat } from './types';

/** A schema parsed for the rule engines. */
export type ParsedSchema =
  | { readonly format: 'AVRO'; readonly node: AvroNode }
  | { readonly format: 'PROTOBUF'; readonly model: ProtoFileModel }
  | { readonly format: 'JSON'; readonly node: JsonSchemaNode };

/**
 * A schema's text plus the texts it references (Avro: schemas defining used names; Protobuf: import path → text;
 * JSON Schema: the name a `$ref` uses → text).
 */
export interface SchemaText {
  readonly format: SchemaFormat;
  readonly text: string;
  /** Referenced schemas, references first: `[name, text]` (Avro full name, Protobuf import path, JSON `$ref` name). */
  readonly references: ReadonlyArray<readonly [string, string]>;
}

/** Parses one schema (and its references); bad input throws a CodegenError naming `where`. */
export function parseSchema(schema: SchemaText, where: string): ParsedSchema {
  if (schema.format === 'AVRO') {
    const refs = schema.references.map(([name, text]) => parseAvroJson(text, `${where} (reference ${name})`));
    return { format: 'AVRO', node: buildAvroModel(parseAvroJson(schema.text, where), where, refs) };
  }
  if (schema.format === 'JSON')
    return { format: 'JSON', node: loadJsonSchema(schema.text, where, schema.references) };
  return { format: 'PROTOBUF', model: buildProtoModel(schema.text, where, new Map(schema.references)) };
}
