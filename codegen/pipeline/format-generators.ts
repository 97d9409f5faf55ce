import { generateAvro } from '../avro';
import type { ResolvedConfig } from '../config/config-types';
import type { SourceSchema } from '../model';
import { generateProtobuf } from '../protobuf';
import type { BoundGenerator } from './generate';

/** The real format generators with the config's mapping options bound. */
export function formatGenerators(
  config: Pick<ResolvedConfig, 'avro' | 'protobuf'>,
): Partial<Record<SourceSchema['format'], BoundGenerator>> {
  return {
    AVRO: (sources) => generateAvro(sources, config.avro),
    PROTOBUF: (sources) => generateProtobuf(sources, config.protobuf),
  };
}
