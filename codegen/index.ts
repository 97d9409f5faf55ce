/// <reference types="node" preserve="true" />
// --- generate/pull pipeline ---
export {
  defineConfig,
  type KgenConfig,
  type RegistryConfig,
  type RegistryAuthConfig,
  type SubjectSelectorConfig,
  type TopicConfig,
  type TopicSchemaConfig,
  type ResolvedConfig,
  type ResolvedRegistry,
  type ResolvedSubjectSelector,
  type ResolvedTopic,
  type ResolvedTopicSide,
  type VersionPin,
} from './config/config-types';
export { loadConfig, findConfigFile, CONFIG_FILE_NAMES, type LoadConfigOptions } from './config/load-config';
export { resolveConfig, type ConfigOrigin } from './config/resolve-config';
export { pull, type PullOptions, type PullResult } from './registry/pull';
export { writePull } from './registry/write-pull';
export { createRegistryReader, type FetchedSchema, type RegistryReader } from './registry/registry-reader';
export {
  parseLockFile,
  serializeLockFile,
  fingerprint,
  type LockFile,
  type LockedSchema,
} from './registry/lock-file';
export { generate, type BoundGenerator, type GenerateInput, type GenerateResult } from './generate/generate';
export {
  generateProject,
  writeGenerated,
  checkGenerated,
  type GenerateProjectOptions,
} from './generate/generate-project';
export { readLocalSchemas, readLockedSchemas } from './generate/read-sources';
export { formatGenerators } from './generate/format-generators';
export type { FolderDiff } from './emit/atomic-write';
export type { ImportExtension, ResolvedImportExtension } from './emit/import-extension';
export { CodegenError, ExitCode, type SchemaLocation } from './errors';
export type { EmittedSchema, FormatGenerator, FormatOutput, GeneratedFile, SourceSchema } from './model';
// --- protobuf generator ---
export {
  generateProtobuf,
  resolveProtobufGenerateOptions,
  type ProtobufGenerateOptions,
  type ResolvedProtobufGenerateOptions,
} from './protobuf';
// --- Avro generator ---
export { generateAvro, DEFAULT_AVRO_OPTIONS, resolveAvroOptions, type AvroGenerateOptions } from './avro';
// --- compatibility (check / register / compat) ---
export {
  COMPAT_LEVELS,
  type CompatLevel,
  type CompatReport,
  type Finding,
  type SchemaFormat,
  type Severity,
} from './governance/types';
export {
  checkCompatibility,
  isCompatible,
  type CompatInput,
  type PreviousSchema,
} from './governance/check-compatibility';
export { parseSchema, type ParsedSchema, type SchemaText } from './governance/parse-schema';
export {
  checkJsonSchemaCompatibility,
  type JsonSchemaCompatInput,
  type JsonSchemaVersion,
} from './governance/json/check-json-schema';
export { parseLevel } from './governance/levels';
export {
  formatReport,
  REPORT_FORMATS,
  type ReportFormat,
  type ReportOptions,
} from './governance/report/format-report';
export { checkOffline, checkRegistry, type CheckOptions, type CheckOutcome } from './governance/run-check';
export { registerSchemas, type RegisterStep } from './governance/register-schemas';
export {
  CompatRegistry,
  type RegistryAuth,
  type RegistryVerdict,
  type RegisteredSchema,
} from './governance/registry-api';
