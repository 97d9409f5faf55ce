/** The JSON Schema generator: documents and `$ref` resolution, TypeScript types, descriptors. */
export { generateJsonSchema } from './generate-json-schema';
export {
  resolveJsonGenerateOptions,
  DEFAULT_JSON_OPTIONS,
  type ResolvedJsonGenerateOptions,
} from './options';
export { DocumentSet, parseDocument, type JsonDocument, type SchemaLocation } from './documents';
