import type { ResolvedConfig } from '../config/config-types';
import type { SourceSchema } from '../model';
import type { BoundGenerator } from './generate';

/** The real format generators with the config's mapping options bound. */
export function formatGenerators(
  _config: Pick<ResolvedConfig, 'avro' | 'protobuf'>,
): Partial<Record<SourceSchema['format'], BoundGenerator>> {
  return {};
}
