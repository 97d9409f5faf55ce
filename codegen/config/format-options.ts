import type { ConfigNode } from './config-node';

/**
 * The `avro` / `protobuf` sections of the config. Their keys and defaults belong to the format generators
 * (`codegen/avro/options.ts`, `codegen/protobuf/options.ts`); this only checks the section is an object.
 */
export function resolveFormatOptions(
  _format: 'avro' | 'protobuf',
  node: ConfigNode,
): Readonly<Record<string, unknown>> {
  if (node.isMissing) return {};
  const entries = node.entries();
  return Object.fromEntries(entries.map(([k, v]) => [k, v.value]));
}
