import { Enum, Namespace, Type, type ReflectionObject } from 'protobufjs';
import { isReservedTsName } from '../emit/reserved-names';

/** Protobuf modules also import the `kgen` runtime namespace. */
const PROTOBUF_RESERVED = new Set(['kgen']);

/**
 * `Outer_Inner` for `pkg.Outer.Inner`: nested declarations are flattened with `_`, packages are left out
 * (one module per `.proto` file keeps them apart), and a name that is a keyword or would shadow a global
 * the emitted code uses gets a `$` suffix.
 */
export function tsName(decl: Type | Enum): string {
  const parts: string[] = [decl.name];
  let parent: Namespace | null = decl.parent;
  while (parent instanceof Type) {
    parts.unshift(parent.name);
    parent = parent.parent;
  }
  const name = parts.join('_');
  return isReservedTsName(name, PROTOBUF_RESERVED) ? `${name}$` : name;
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
