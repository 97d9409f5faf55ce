import type * as AvroModule from '../avro';
import type { ResolvedConfig } from '../config/config-types';
import type { SourceSchema } from '../model';
import type * as JsonSchemaModule from '../jsonschema';
import type * as ProtobufModule from '../protobuf';
import type { BoundGenerator } from './generate';

// Each generator is loaded on first use: an Avro-only project never loads protobufjs, and the reverse.
/* eslint-disable @typescript-eslint/no-require-imports */
const avro = (): typeof AvroModule => require('../avro');
const protobuf = (): typeof ProtobufModule => require('../protobuf');
const jsonSchema = (): typeof JsonSchemaModule => require('../jsonschema');
/* eslint-enable @typescript-eslint/no-require-imports */

/** The real format generators with the config's mapping options bound. */
export function formatGenerators(
  config: Pick<ResolvedConfig, 'avro' | 'protobuf' | 'json'>,
): Partial<Record<SourceSchema['format'], BoundGenerator>> {
  return {
    AVRO: (sources) => avro().generateAvro(sources, config.avro),
    PROTOBUF: (sources) => protobuf().generateProtobuf(sources, config.protobuf),
    JSON: (sources) => jsonSchema().generateJsonSchema(sources, config.json),
  };
}
