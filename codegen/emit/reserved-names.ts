/**
 * Names a generated module may not declare as a type: the globals emitted code refers to, TypeScript's
 * primitive type names, and keywords. Each format's naming adds what its own emitted code imports.
 */
export const RESERVED_TS_NAMES: ReadonlySet<string> = new Set([
  // Globals and utility types the emitted declarations use.
  ...['Array', 'BigInt', 'Boolean', 'Buffer', 'Date', 'Error', 'Function', 'Map', 'Number', 'Object'],
  ...['Partial', 'Promise', 'Readonly', 'ReadonlyArray', 'Record', 'Set', 'String', 'Symbol', 'Uint8Array'],
  // Primitive type names.
  ...['any', 'bigint', 'boolean', 'never', 'null', 'number', 'object', 'string', 'symbol', 'undefined'],
  ...['unknown', 'void'],
  // Keywords (reserved, strict-mode reserved, and contextual ones that cannot name a type).
  ...['type', 'interface', 'enum', 'class', 'function', 'const', 'let', 'var', 'default', 'delete', 'in'],
  ...['instanceof', 'new', 'return', 'switch', 'this', 'throw', 'try', 'typeof', 'while', 'with', 'yield'],
  ...['break', 'case', 'catch', 'continue', 'debugger', 'do', 'else', 'export', 'extends', 'false'],
  ...['finally', 'for', 'if', 'import', 'super', 'true', 'implements', 'package', 'private', 'protected'],
  ...['public', 'static', 'await', 'keyof', 'declare', 'infer', 'is', 'readonly', 'satisfies', 'as'],
  'namespace',
]);

/** Whether `name` is reserved, by {@link RESERVED_TS_NAMES} or by a format's own `extra` names. */
export function isReservedTsName(name: string, extra: ReadonlySet<string>): boolean {
  return RESERVED_TS_NAMES.has(name) || extra.has(name);
}
