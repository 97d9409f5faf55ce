import { Enum, Namespace, Type, type ReflectionObject } from 'protobufjs';

/**
 * TypeScript names of Protobuf declarations. Nested declarations are flattened with `_` (`Outer_Inner`),
 * packages are left out (one module per `.proto` file keeps them apart), and names that would shadow a
 * global the emitted code uses get a `$` suffix.
 */
const SHADOWED = new Set([
  'Array',
  'BigInt',
  'Boolean',
  'Buffer',
  'Date',
  'Error',
  'Function',
  'Map',
  'Number',
  'Object',
  'Partial',
  'Promise',
  'Readonly',
  'ReadonlyArray',
  'Record',
  'Set',
  'String',
  'Symbol',
  'Uint8Array',
  'kgen',
  'any',
  'bigint',
  'boolean',
  'never',
  'null',
  'number',
  'object',
  'string',
  'symbol',
  'undefined',
  'unknown',
  'void',
]);

/** `Outer_Inner` for `pkg.Outer.Inner`: the chain of enclosing messages below the package. */
export function tsName(decl: Type | Enum): string {
  const parts: string[] = [decl.name];
  let parent: Namespace | null = decl.parent;
  while (parent instanceof Type) {
    parts.unshift(parent.name);
    parent = parent.parent;
  }
  const name = parts.join('_');
  return SHADOWED.has(name) ? `${name}$` : name;
}

/** The module (output path without `.ts`) of a `.proto` file: `shop/order.proto` → `shop/order_pb`. */
export function modulePath(protoPath: string): string {
  return `${protoPath.replace(/\.proto$/, '')}_pb`;
}

/** Identifier derived from a path: `shop/order.proto` → `shop_order`. */
export function pathIdentifier(protoPath: string): string {
  const id = protoPath.replace(/\.proto$/, '').replace(/[^A-Za-z0-9_$]/g, '_');
  return /^[0-9]/.test(id) ? `_${id}` : id;
}

/** Relative import specifier from one module to another (`./x`, `../a/x`). */
export function relativeImport(fromModule: string, toModule: string): string {
  const from = fromModule.split('/').slice(0, -1);
  const to = toModule.split('/');
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  const up = from.length - common;
  const rest = to.slice(common).join('/');
  return up === 0 ? `./${rest}` : `${'../'.repeat(up)}${rest}`;
}

/** Messages and enums declared in `file`, depth-first in declaration order (the order they appear in text). */
export function declarationsOf(root: Namespace, file: string): Array<Type | Enum> {
  const out: Array<Type | Enum> = [];
  const visitNested = (ns: Namespace): void => {
    for (const child of ns.nestedArray) visit(child);
  };
  const visit = (obj: ReflectionObject): void => {
    if (obj instanceof Type || obj instanceof Enum) {
      if (obj.filename !== file) return;
      out.push(obj);
      if (obj instanceof Type) visitNested(obj);
    } else if (obj instanceof Namespace) {
      visitNested(obj);
    }
  };
  visitNested(root);
  return out;
}
