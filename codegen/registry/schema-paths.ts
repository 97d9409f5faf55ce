/**
 * Where a pulled subject version lives inside the pull folder: `<subject>/v<version>.<ext>`, the subject
 * escaped so that any registry subject name maps to one safe relative path and back is never needed.
 */
export function pulledSchemaPath(
  subject: string,
  version: number,
  schemaType: 'AVRO' | 'PROTOBUF' | 'JSON',
): string {
  return `${escapeSegment(subject)}/v${version}.${EXTENSION[schemaType]}`;
}

const EXTENSION = { AVRO: 'avsc', PROTOBUF: 'proto', JSON: 'json' } as const;

function escapeSegment(name: string): string {
  const escaped = name.replace(
    /[^A-Za-z0-9._-]/g,
    (c) => `~${c.codePointAt(0)!.toString(16).toUpperCase()}~`,
  );
  // `.` and `..` (and hidden names) must not become path navigation or hidden folders.
  return escaped.startsWith('.') ? `~2E~${escaped.slice(1)}` : escaped;
}
