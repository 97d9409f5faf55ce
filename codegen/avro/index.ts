/** Avro → TypeScript: parse → model → emit. */
export { generateAvro } from './generate-avro';
export { DEFAULT_AVRO_OPTIONS, resolveAvroOptions, type AvroGenerateOptions } from './options';
