import Ajv, { type Options } from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import draft7MetaSchema from 'ajv/dist/refs/json-schema-draft-07.json';
import addFormats from 'ajv-formats';

/** The JSON Schema drafts kgen reads; a schema's `$schema` picks one, none means draft 7 (Confluent's default). */
export type JsonSchemaDraft = 'draft-07' | '2019-09' | '2020-12';

const DRAFTS: ReadonlyArray<readonly [RegExp, JsonSchemaDraft]> = [
  [/^https?:\/\/json-schema\.org\/draft-0[67]\/schema#?$/, 'draft-07'],
  [/^https?:\/\/json-schema\.org\/draft\/2019-09\/schema#?$/, '2019-09'],
  [/^https?:\/\/json-schema\.org\/draft\/2020-12\/schema#?$/, '2020-12'],
];

/**
 * The draft a schema declares; `undefined` for a `$schema` kgen does not support (draft 4 and older, or an
 * unknown meta-schema), which callers report as bad input.
 */
export function draftOf(schema: unknown): JsonSchemaDraft | undefined {
  if (typeof schema !== 'object' || schema === null) return 'draft-07';
  const declared = (schema as { $schema?: unknown }).$schema;
  if (declared === undefined) return 'draft-07';
  if (typeof declared !== 'string') return undefined;
  return DRAFTS.find(([pattern]) => pattern.test(declared))?.[1];
}

/**
 * An Ajv instance for one draft. Not strict: real-world schemas carry vendor keywords (`javaType`,
 * `x-...`) that the registry and Confluent's serializers accept too.
 */
export function createAjv(draft: JsonSchemaDraft, options: Options = {}): Ajv {
  const settings: Options = { strict: false, allErrors: false, validateFormats: true, ...options };
  const ajv =
    draft === '2020-12'
      ? new Ajv2020(settings)
      : draft === '2019-09'
        ? new Ajv2019(settings)
        : new Ajv(settings);
  // A 2019-09/2020-12 schema may reference a draft-7 one (the registry mixes them freely).
  if (draft !== 'draft-07') ajv.addMetaSchema(draft7MetaSchema);
  addFormats(ajv);
  return ajv;
}
