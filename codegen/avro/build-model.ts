import type { AvroCodecOptions } from '../../src/topics';
import { logicalRepresentation } from '../../src/serde/avro/representation';
import { CodegenError } from '../errors';
import type { SourceSchema } from '../model';
import { parseSource } from './parse-source';
import {
  PRIMITIVES,
  type AvroModel,
  type FieldDef,
  type NamedDef,
  type PrimitiveName,
  type TopLevelSchema,
  type TypeNode,
} from './schema-model';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isPrimitive(name: string): name is PrimitiveName {
  return (PRIMITIVES as readonly string[]).includes(name);
}

/** `name` qualified against `namespace` (primitives never are). */
export function qualify(name: string, namespace: string): string {
  if (isPrimitive(name) || name.includes('.') || namespace === '') return name;
  return `${namespace}.${name}`;
}

/** Parses and resolves every source: named types registered, references checked, defaults validated. */
export function buildModel(sources: readonly SourceSchema[], options: AvroCodecOptions): AvroModel {
  const named = new Map<string, NamedDef>();
  const topLevel: TopLevelSchema[] = [];
  for (const source of sources) {
    const where = { file: source.path, ...(source.subject !== undefined ? { subject: source.subject } : {}) };
    const fail = (code: string, message: string, path: string): never => {
      throw new CodegenError(code, message, { ...where, path });
    };
    const own = new Set<string>();

    const define = (def: NamedDef): void => {
      const existing = named.get(def.fullName);
      if (own.has(def.fullName)) fail('DUPLICATE_NAME', `type ${def.fullName} is defined twice`, def.path);
      own.add(def.fullName);
      if (existing === undefined) {
        named.set(def.fullName, def);
      } else if (JSON.stringify(existing.json) !== JSON.stringify(def.json)) {
        fail(
          'DUPLICATE_NAME',
          `type ${def.fullName} is defined differently in ${existing.source.path} (at ${existing.path})`,
          def.path,
        );
      }
    };

    const parseType = (json: unknown, namespace: string, path: string): TypeNode => {
      if (typeof json === 'string') {
        if (isPrimitive(json)) return { kind: 'primitive', name: json };
        if (!json.split('.').every((part) => NAME.test(part)))
          fail('INVALID_NAME', `invalid type name "${json}"`, path);
        return { kind: 'named', fullName: qualify(json, namespace), path };
      }
      if (Array.isArray(json)) return parseUnion(json, namespace, path);
      if (!isObject(json))
        return fail(
          'INVALID_SCHEMA',
          `expected a type (name, union or object), got ${JSON.stringify(json)}`,
          path,
        );
      const type = json['type'];
      if (typeof type !== 'string') {
        return fail(
          'INVALID_SCHEMA',
          `"type" must be a type name string, got ${JSON.stringify(type)}`,
          `${path}.type`,
        );
      }
      const underlying = ((): TypeNode => {
        if (isPrimitive(type)) return { kind: 'primitive', name: type };
        switch (type) {
          case 'record':
          case 'error':
          case 'enum':
          case 'fixed':
            return parseNamed(json, type, namespace, path);
          case 'array':
            if (!('items' in json)) fail('INVALID_SCHEMA', 'array without "items"', path);
            return { kind: 'array', items: parseType(json['items'], namespace, `${path}.items`) };
          case 'map':
            if (!('values' in json)) fail('INVALID_SCHEMA', 'map without "values"', path);
            return { kind: 'map', values: parseType(json['values'], namespace, `${path}.values`) };
          default:
            return fail(
              'UNKNOWN_TYPE',
              `unknown type "${type}" (a named type is referenced as "type": "<name>" only in a field, not as {"type": ...})`,
              `${path}.type`,
            );
        }
      })();
      const repr = logicalRepresentation(json, options);
      return repr && type !== 'fixed' ? { kind: 'logical', repr, underlying } : underlying;
    };

    const parseUnion = (branches: unknown[], namespace: string, path: string): TypeNode => {
      const nodes = branches.map((b, i) => {
        if (Array.isArray(b))
          fail('INVALID_UNION', 'a union cannot directly contain a union', `${path}[${i}]`);
        return parseType(b, namespace, `${path}[${i}]`);
      });
      return { kind: 'union', branches: nodes, path };
    };

    const parseNamed = (json: Json, type: string, enclosing: string, path: string): TypeNode => {
      const rawName = json['name'];
      if (typeof rawName !== 'string' || !rawName.split('.').every((p) => NAME.test(p))) {
        return fail(
          'INVALID_NAME',
          `${type} needs a valid "name", got ${JSON.stringify(rawName)}`,
          `${path}.name`,
        );
      }
      const explicitNs = json['namespace'];
      if (explicitNs !== undefined && typeof explicitNs !== 'string') {
        fail('INVALID_SCHEMA', '"namespace" must be a string', `${path}.namespace`);
      }
      const fullName = rawName.includes('.')
        ? rawName
        : qualify(rawName, typeof explicitNs === 'string' ? explicitNs : enclosing);
      if (isPrimitive(fullName))
        fail('INVALID_NAME', `cannot redefine primitive type ${fullName}`, `${path}.name`);
      const dot = fullName.lastIndexOf('.');
      const namespace = dot < 0 ? '' : fullName.slice(0, dot);
      const name = fullName.slice(dot + 1);
      const doc = typeof json['doc'] === 'string' ? json['doc'] : undefined;
      const aliases = Array.isArray(json['aliases'])
        ? json['aliases'].filter((a): a is string => typeof a === 'string').map((a) => qualify(a, namespace))
        : [];
      const base = {
        fullName,
        name,
        namespace,
        ...(doc !== undefined ? { doc } : {}),
        aliases,
        path,
        source,
        json: { ...json, name, namespace },
      };
      if (type === 'enum') {
        const symbols = json['symbols'];
        if (!Array.isArray(symbols) || symbols.length === 0) {
          return fail(
            'INVALID_SCHEMA',
            `enum ${fullName} needs "symbols": a non-empty array of names, got ${JSON.stringify(symbols)}`,
            `${path}.symbols`,
          );
        }
        symbols.forEach((s: unknown, i) => {
          if (typeof s !== 'string' || !NAME.test(s)) {
            fail(
              'INVALID_NAME',
              `enum ${fullName}: symbol ${JSON.stringify(s)} is not a valid name (letters, digits and _, not starting with a digit)`,
              `${path}.symbols[${i}]`,
            );
          }
          if (symbols.indexOf(s) !== i) {
            fail(
              'INVALID_SCHEMA',
              `enum ${fullName} repeats the symbol ${JSON.stringify(s)}`,
              `${path}.symbols[${i}]`,
            );
          }
        });
        const dflt = json['default'];
        if (dflt !== undefined && (typeof dflt !== 'string' || !symbols.includes(dflt))) {
          fail(
            'INVALID_DEFAULT',
            `enum ${fullName}: default ${JSON.stringify(dflt)} is not one of its symbols`,
            `${path}.default`,
          );
        }
        define({
          ...base,
          kind: 'enum',
          symbols: symbols as string[],
          ...(typeof dflt === 'string' ? { default: dflt } : {}),
        });
      } else if (type === 'fixed') {
        const size = json['size'];
        if (typeof size !== 'number' || !Number.isInteger(size) || size < 0) {
          return fail(
            'INVALID_SCHEMA',
            `fixed ${fullName} needs a non-negative integer "size"`,
            `${path}.size`,
          );
        }
        const logical = logicalRepresentation(json, options);
        define({ ...base, kind: 'fixed', size, ...(logical ? { logical } : {}) });
      } else {
        const fields = json['fields'];
        if (!Array.isArray(fields))
          return fail('INVALID_SCHEMA', `record ${fullName} needs a "fields" array`, `${path}.fields`);
        // Register before the fields so recursive references resolve.
        const record = { ...base, kind: 'record' as const, fields: [] as FieldDef[] };
        define(record);
        const seen = new Set<string>();
        fields.forEach((field: unknown, i) => {
          const fpath = `${path}.fields[${i}]`;
          if (!isObject(field)) {
            return fail('INVALID_SCHEMA', `a field of ${fullName} must be an object`, fpath);
          }
          if (typeof field['name'] !== 'string' || !NAME.test(field['name'])) {
            return fail(
              field['name'] === undefined ? 'INVALID_SCHEMA' : 'INVALID_NAME',
              field['name'] === undefined
                ? `a field of ${fullName} has no "name"`
                : `field name ${JSON.stringify(field['name'])} of ${fullName} is not a valid name (letters, digits and _, not starting with a digit)`,
              `${fpath}.name`,
            );
          }
          if (seen.has(field['name']))
            fail('DUPLICATE_NAME', `field ${field['name']} is defined twice in ${fullName}`, fpath);
          seen.add(field['name']);
          if (!('type' in field)) fail('INVALID_SCHEMA', `field ${field['name']} has no "type"`, fpath);
          const fdoc = field['doc'];
          record.fields.push({
            name: field['name'],
            ...(typeof fdoc === 'string' ? { doc: fdoc } : {}),
            aliases: Array.isArray(field['aliases'])
              ? field['aliases'].filter((a): a is string => typeof a === 'string')
              : [],
            type: parseType(field['type'], namespace, `${fpath}.type`),
            hasDefault: 'default' in field,
            ...('default' in field ? { default: field['default'] } : {}),
            path: fpath,
          });
        });
      }
      return { kind: 'named', fullName, path };
    };

    for (const parsed of parseSource(source)) {
      const json =
        isObject(parsed.json) && parsed.namespace !== '' && parsed.json['namespace'] === undefined
          ? { ...parsed.json, namespace: parsed.namespace }
          : parsed.json;
      topLevel.push({
        source,
        type: parseType(json, parsed.namespace, parsed.path),
        json,
        path: parsed.path,
      });
    }
  }
  return { named, topLevel };
}
