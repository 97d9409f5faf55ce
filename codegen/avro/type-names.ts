import { CodegenError } from '../errors';
import { isReservedTsName } from '../emit/reserved-names';
import type { NamedDef } from './schema-model';

/** Avro modules also import the descriptor helper. */
const AVRO_RESERVED = new Set(['avroSchema']);

function pascal(segment: string): string {
  return segment.charAt(0).toUpperCase() + segment.slice(1);
}

/** The TypeScript names of each named type and of its input variant and descriptor. */
export interface TypeNames {
  /** Full name → exported type name (consumer output type). */
  readonly type: ReadonlyMap<string, string>;
  /** Full name → producer input type name, for records whose input differs. */
  readonly input: ReadonlyMap<string, string>;
}

/**
 * Gives every named type a TypeScript name: its simple name, unless another type in a different namespace
 * has the same one; then each of those is prefixed with as many trailing namespace segments as make them
 * distinct (`com.a.Item` / `com.b.Item` → `AItem` / `BItem`). Depends only on the set of full names, so
 * it is deterministic. Reserved names get a `_` suffix.
 */
export function assignTypeNames(
  defs: readonly NamedDef[],
  differs: ReadonlySet<string>,
  inputSuffix: string,
): TypeNames {
  const bySimple = new Map<string, NamedDef[]>();
  for (const def of defs) bySimple.set(def.name, [...(bySimple.get(def.name) ?? []), def]);
  const type = new Map<string, string>();
  for (const group of bySimple.values()) {
    if (group.length === 1) {
      type.set(group[0]!.fullName, group[0]!.name);
      continue;
    }
    const depth = Math.max(...group.map((d) => d.namespace.split('.').length));
    for (let k = 1; k <= depth + 1; k++) {
      const names = group.map(
        (d) => d.namespace.split('.').filter(Boolean).slice(-k).map(pascal).join('') + d.name,
      );
      if (new Set(names).size === names.length || k === depth + 1) {
        group.forEach((d, i) => type.set(d.fullName, names[i]!));
        break;
      }
    }
  }
  for (const [fullName, name] of type)
    if (isReservedTsName(name, AVRO_RESERVED)) type.set(fullName, `${name}_`);
  const input = new Map<string, string>();
  for (const fullName of differs) input.set(fullName, `${type.get(fullName)}${inputSuffix}`);

  const owners = new Map<string, string>();
  for (const [fullName, name] of [...type, ...input]) {
    const other = owners.get(name);
    if (other !== undefined && other !== fullName) {
      const def = defs.find((d) => d.fullName === fullName)!;
      throw new CodegenError(
        'NAME_CLASH',
        `the generated type name ${name} is needed for both ${other} and ${fullName}; rename one of them or change inputSuffix`,
        { file: def.source.path, path: def.path },
      );
    }
    owners.set(name, fullName);
  }
  return { type, input };
}
