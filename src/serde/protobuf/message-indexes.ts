import { Namespace, Type, type ReflectionObject, type Root } from 'protobufjs';

/**
 * Message types declared directly in a namespace or message, in declaration order. Map entries are not
 * reflected types in protobufjs, which matches how Confluent's serializers count nested messages.
 */
function messagesIn(parent: Namespace, file: string | null): Type[] {
  return parent.nestedArray.filter(
    (n: ReflectionObject): n is Type => n instanceof Type && (file === null || n.filename === file),
  );
}

/** Top-level message types of `file` (whatever its package), in declaration order. */
export function topLevelMessages(root: Root, file: string): Type[] {
  const out: Type[] = [];
  const walk = (ns: Namespace): void => {
    for (const child of ns.nestedArray) {
      if (child instanceof Type) {
        if (child.filename === file) out.push(child);
      } else if (child instanceof Namespace) {
        walk(child);
      }
    }
  };
  walk(root);
  return out;
}

/**
 * The Confluent message-index path of a message inside its file: `[0]` for the first top-level message,
 * `[1, 0]` for the first message nested in the second, and so on.
 */
export function messageIndexesOf(root: Root, type: Type): number[] {
  const path: number[] = [];
  let current: Type = type;
  for (;;) {
    const parent = current.parent;
    if (parent instanceof Type) {
      path.unshift(messagesIn(parent, null).indexOf(current));
      current = parent;
    } else {
      path.unshift(topLevelMessages(root, current.filename ?? '').indexOf(current));
      return path;
    }
  }
}

/** The message at a Confluent message-index path of `file`, or `undefined` when the path points nowhere. */
export function messageAtIndexes(root: Root, file: string, indexes: readonly number[]): Type | undefined {
  let candidates = topLevelMessages(root, file);
  let found: Type | undefined;
  for (const index of indexes) {
    found = candidates[index];
    if (!found) return undefined;
    candidates = messagesIn(found, null);
  }
  return found;
}
