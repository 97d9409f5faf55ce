/** The JSON Schema codec: Ajv validators (draft by `$schema`) around UTF-8 JSON text. */
export { createJsonCodec, fieldPathOf, type JsonCodec } from './codec';
export { createAjv, draftOf, type JsonSchemaDraft } from './drafts';
export { JsonDecodeError, JsonSchemaError, JsonValidationError, type JsonSchemaProblem } from './errors';
