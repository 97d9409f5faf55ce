import avro from 'avsc';
import { CodegenError } from '../../errors';

/**
 * A resolved Avro schema graph for the resolution rules: names are full names, named types referenced by
 * name point at their definition (recursive types form cycles), and the raw JSON is kept out of the rules.
 *
 * Why this is not the generator's model (codegen/avro/schema-model.ts) nor the runtime's (avsc `Type`, see
 * src/serde/avro/build-type.ts): the rules walk a writer and a reader graph side by side, so a named reference
 * must *be* its definition (the generator keeps references by name, to import each type from its own module),
 * and logical types stay as written (the generator resolves them to runtime representations that depend on
 * generate options, which the rules must not see). The runtime's avsc `Type` is built to encode and decode
 * values, not to be compared rule by rule. Merging would make the emitter or the rules work around the
 * other's shape; instead each is held to an outside reference: generated types to the runtime codec
 * (test/unit/codegen/avro/agreement.test.ts), these rules to the registry's verdicts (compat agreement tests).
 */
export type AvroNode = AvroPrimitive | AvroRecord | AvroEnum | AvroFixed | AvroArray | AvroMap | AvroUnion;

export type PrimitiveName = 'null' | 'boolean' | 'int' | 'long' | 'float' | 'double' | 'bytes' | 'string';

export interface AvroPrimitive {
  readonly kind: 'primitive';
  readonly type: PrimitiveName;
  readonly logicalType?: string;
}
interface Named {
  readonly name: string;
  readonly fullName: string;
  readonly aliases: readonly string[];
}
export interface AvroField {
  readonly name: string;
  readonly aliases: readonly string[];
  type: AvroNode;
  readonly hasDefault: boolean;
}
export interface AvroRecord extends Named {
  readonly kind: 'record';
  readonly fields: AvroField[];
}
export interface AvroEnum extends Named {
  readonly kind: 'enum';
  readonly symbols: readonly string[];
  readonly default?: string;
}
export interface AvroFixed extends Named {
  readonly kind: 'fixed';
  readonly size: number;
  readonly logicalType?: string;
}
export interface AvroArray {
  readonly kind: 'array';
  items: AvroNode;
}
export interface AvroMap {
  readonly kind: 'map';
  values: AvroNode;
}
export interface AvroUnion {
  readonly kind: 'union';
  readonly branches: AvroNode[];
}

const PRIMITIVES = new Set<string>(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function qualify(name: string, namespace: string | undefined): string {
  return name.includes('.') || !namespace ? name : `${namespace}.${name}`;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
}

/** Parses the JSON text of an Avro schema; `where` names the file or subject for error messages. */
export function parseAvroJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new CodegenError('SCHEMA_PARSE', `invalid Avro schema JSON: ${(err as Error).message}`, {
      file: where,
    });
  }
}

/**
 * Builds the resolved graph of one Avro schema. `references` are schemas (JSON) that define named types the
 * main schema uses (registry references or sibling files); they are parsed first into the same name table.
 * avsc validates the whole thing, so an invalid schema fails here with the file named.
 */
export function buildAvroModel(
  schema: unknown,
  where: string,
  references: readonly unknown[] = [],
): AvroNode {
  const registry: Record<string, avro.Type> = {};
  try {
    for (const ref of references) avro.Type.forSchema(ref as avro.Schema, { registry });
    avro.Type.forSchema(schema as avro.Schema, { registry });
  } catch (err) {
    const msg = (err as Error).message;
    const missing = /undefined type name: (\S+)/.exec(msg);
    throw new CodegenError(
      missing ? 'MISSING_REFERENCE' : 'SCHEMA_INVALID',
      missing ? `unknown Avro type "${missing[1]}" (missing reference?)` : `invalid Avro schema: ${msg}`,
      { file: where },
    );
  }
  const named = new Map<string, AvroNode>();
  const pending: Array<() => void> = [];
  const walk = (s: unknown, ns: string | undefined): AvroNode => {
    if (typeof s === 'string') {
      if (PRIMITIVES.has(s)) return { kind: 'primitive', type: s as PrimitiveName };
      const full = qualify(s, ns);
      const found = named.get(full) ?? named.get(s);
      if (found) return found;
      // Forward reference inside a recursive record: patched once the definition is seen.
      const placeholder: AvroUnion = { kind: 'union', branches: [] };
      pending.push(() => {
        const def = named.get(full) ?? named.get(s);
        if (def) Object.assign(placeholder, def);
      });
      return placeholder;
    }
    if (Array.isArray(s)) return { kind: 'union', branches: s.map((b) => walk(b, ns)) };
    if (!isObject(s)) throw new CodegenError('SCHEMA_INVALID', 'invalid Avro schema node', { file: where });
    const type = s['type'];
    const logicalType = typeof s['logicalType'] === 'string' ? s['logicalType'] : undefined;
    if (typeof type === 'string' && PRIMITIVES.has(type)) {
      return { kind: 'primitive', type: type as PrimitiveName, ...(logicalType ? { logicalType } : {}) };
    }
    if (type === 'array') return { kind: 'array', items: walk(s['items'], ns) };
    if (type === 'map') return { kind: 'map', values: walk(s['values'], ns) };
    if (type === 'record' || type === 'error' || type === 'enum' || type === 'fixed') {
      const name = String(s['name']);
      const namespace = typeof s['namespace'] === 'string' ? s['namespace'] : ns;
      const fullName = qualify(name, namespace);
      const childNs = fullName.includes('.') ? fullName.slice(0, fullName.lastIndexOf('.')) : undefined;
      const aliases = strings(s['aliases']).map((a) => qualify(a, childNs));
      const short = fullName.slice(fullName.lastIndexOf('.') + 1);
      if (type === 'enum') {
        const node: AvroEnum = {
          kind: 'enum',
          name: short,
          fullName,
          aliases,
          symbols: strings(s['symbols']),
          ...(typeof s['default'] === 'string' ? { default: s['default'] } : {}),
        };
        named.set(fullName, node);
        return node;
      }
      if (type === 'fixed') {
        const node: AvroFixed = {
          kind: 'fixed',
          name: short,
          fullName,
          aliases,
          size: Number(s['size']),
          ...(logicalType ? { logicalType } : {}),
        };
        named.set(fullName, node);
        return node;
      }
      const node: AvroRecord = { kind: 'record', name: short, fullName, aliases, fields: [] };
      named.set(fullName, node);
      for (const f of Array.isArray(s['fields']) ? s['fields'] : []) {
        if (!isObject(f)) continue;
        node.fields.push({
          name: String(f['name']),
          aliases: strings(f['aliases']),
          hasDefault: 'default' in f,
          type: walk(f['type'], childNs),
        });
      }
      return node;
    }
    return walk(type, ns);
  };
  for (const ref of references) walk(ref, undefined);
  const root = walk(schema, undefined);
  for (const patch of pending) patch();
  return root;
}
