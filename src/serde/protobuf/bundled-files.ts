import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { common } from 'protobufjs';
import { WKT_TEXTS } from './wkt-texts';

/**
 * Google's well-known `.proto` files beyond protobufjs's `common` set (any, duration, empty, field_mask,
 * struct, timestamp, wrappers): descriptor.proto and compiler/plugin.proto as protobufjs ships their text,
 * the others from `wkt-texts.ts`. Together they are every file under `google/protobuf/` a registry resolves
 * without a reference.
 */
const TEXT_FILES: ReadonlySet<string> = new Set([
  'google/protobuf/api.proto',
  'google/protobuf/descriptor.proto',
  'google/protobuf/source_context.proto',
  'google/protobuf/type.proto',
  'google/protobuf/compiler/plugin.proto',
]);

const texts = new Map<string, string>();

/** True for `google/protobuf/*` imports kgen resolves itself (never from files or the registry). */
export function isBundledImport(path: string): boolean {
  return TEXT_FILES.has(path) || (path.startsWith('google/protobuf/') && common.get(path) !== null);
}

/** True for bundled files read from `.proto` text (their types get a file name and may need a module). */
export function isBundledTextFile(path: string): boolean {
  return TEXT_FILES.has(path);
}

/** The `.proto` text of a bundled text file (read once from the protobufjs package), or undefined. */
export function bundledText(path: string): string | undefined {
  if (!TEXT_FILES.has(path)) return undefined;
  let text = texts.get(path);
  if (text === undefined) text = WKT_TEXTS[path];
  if (text === undefined) {
    const base = dirname(require.resolve('protobufjs/package.json'));
    text = readFileSync(join(base, path), 'utf8');
    texts.set(path, text);
  }
  return text;
}

/** The protobufjs JSON of a bundled file in protobufjs's `common` set, or undefined. */
export function bundledJson(path: string): { nested?: Record<string, never> } | undefined {
  if (TEXT_FILES.has(path) || !path.startsWith('google/protobuf/')) return undefined;
  return (common.get(path) as { nested?: Record<string, never> } | null) ?? undefined;
}
