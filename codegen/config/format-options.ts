import { resolveAvroOptions, type AvroGenerateOptions } from '../avro/options';
import { CodegenError } from '../errors';
import { resolveJsonGenerateOptions, type ResolvedJsonGenerateOptions } from '../jsonschema/options';
import { resolveProtobufGenerateOptions, type ResolvedProtobufGenerateOptions } from '../protobuf/options';
import type { ConfigNode } from './config-node';

/**
 * The `avro` / `protobuf` / `json` sections of the config. Their keys and defaults belong to the format generators
 * (`codegen/avro/options.ts`, `codegen/protobuf/options.ts`); errors get the config file and JSON path.
 */
export function resolveAvroSection(node: ConfigNode): AvroGenerateOptions {
  return resolveAvroOptions(section(node), {
    ...(node.file !== undefined ? { file: node.file } : {}),
    path: node.path,
  });
}

export function resolveProtobufSection(node: ConfigNode): ResolvedProtobufGenerateOptions {
  try {
    return resolveProtobufGenerateOptions(section(node), node.path);
  } catch (err) {
    if (!(err instanceof CodegenError)) throw err;
    throw new CodegenError(
      err.code,
      err.message,
      { ...err.location, ...(node.file !== undefined ? { file: node.file } : {}) },
      { cause: err },
    );
  }
}

export function resolveJsonSection(node: ConfigNode): ResolvedJsonGenerateOptions {
  try {
    return resolveJsonGenerateOptions(section(node), node.path);
  } catch (err) {
    if (!(err instanceof CodegenError)) throw err;
    throw new CodegenError(
      err.code,
      err.message,
      { ...err.location, ...(node.file !== undefined ? { file: node.file } : {}) },
      { cause: err },
    );
  }
}

function section(node: ConfigNode): Readonly<Record<string, unknown>> {
  if (node.isMissing) return {};
  return Object.fromEntries(node.entries().map(([k, v]) => [k, v.value]));
}
