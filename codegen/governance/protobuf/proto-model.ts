import protobuf from 'protobufjs';
import { buildProtobufRoot } from '../../../src/serde/protobuf/build-root';
import { ProtobufSchemaError } from '../../../src/serde/protobuf/errors';
import { CodegenError } from '../../errors';

/** What the wire-level rules need to know about one `.proto` file (types keyed by package-local name). */
export interface ProtoFileModel {
  readonly package: string;
  readonly syntax: 'proto2' | 'proto3';
  /** Messages defined in this file (nested ones as `Outer.Inner`), in declaration order. */
  readonly messages: ReadonlyMap<string, ProtoMessage>;
  readonly enums: ReadonlyMap<string, ProtoEnum>;
  /** Services: name → rpc name → signature (`(Request) returns (stream Response)`). */
  readonly services: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

export type FieldKind = 'scalar' | 'enum' | 'message' | 'map';

export interface ProtoField {
  readonly name: string;
  readonly number: number;
  /** Scalar name, or the package-local name of the enum/message type; for maps the value type. */
  readonly type: string;
  readonly kind: FieldKind;
  /** Label as written: `repeated`, `required`, `optional`, or `` (implicit presence). */
  readonly label: string;
  /** Real oneof the field belongs to (proto3 `optional` synthetic oneofs excluded). */
  readonly oneof?: string;
  readonly mapKey?: string;
}

export interface ProtoMessage {
  readonly name: string;
  readonly fields: readonly ProtoField[];
  readonly reservedNumbers: ReadonlyArray<readonly [number, number]>;
  readonly reservedNames: ReadonlySet<string>;
}

export interface ProtoEnum {
  readonly name: string;
  readonly values: ReadonlyMap<string, number>;
  readonly reservedNumbers: ReadonlyArray<readonly [number, number]>;
  readonly reservedNames: ReadonlySet<string>;
}

export function isReservedNumber(ranges: ReadonlyArray<readonly [number, number]>, n: number): boolean {
  return ranges.some(([from, to]) => n >= from && n <= to);
}

function splitReserved(reserved: ReadonlyArray<number[] | string> | undefined): {
  numbers: Array<[number, number]>;
  names: Set<string>;
} {
  const numbers: Array<[number, number]> = [];
  const names = new Set<string>();
  for (const r of reserved ?? []) {
    if (typeof r === 'string') names.add(r);
    else if (r.length === 2) numbers.push([r[0] ?? 0, r[1] ?? 0]);
  }
  return { numbers, names };
}

function localName(fullName: string, pkg: string): string {
  const bare = fullName.replace(/^\./, '');
  return pkg && bare.startsWith(`${pkg}.`) ? bare.slice(pkg.length + 1) : bare;
}

/**
 * Parses a `.proto` text with the parser the generator and the runtime use (build-root.ts); `imports` maps
 * import paths to the text of referenced files (registry references or sibling files). Every type a field uses
 * must resolve, otherwise a MISSING_REFERENCE error names the file, line and column. Google's well-known types
 * resolve without being supplied.
 */
export function buildProtoModel(
  text: string,
  where: string,
  imports: ReadonlyMap<string, string> = new Map(),
): ProtoFileModel {
  let root: protobuf.Root;
  try {
    root = buildProtobufRoot(where, new Map([...imports, [where, text]]), { keepCase: true }).root;
  } catch (err) {
    throw err instanceof ProtobufSchemaError ? toCompatError(err, where) : err;
  }
  const pkg = /^\s*package\s+([A-Za-z_][\w.]*)\s*;/m.exec(text)?.[1] ?? '';
  const syntax = /^\s*syntax\s*=\s*["']proto3["']/m.test(text) ? 'proto3' : 'proto2';
  const messages = new Map<string, ProtoMessage>();
  const enums = new Map<string, ProtoEnum>();
  const services = new Map<string, Map<string, string>>();
  const ownTypes = declaredTypeNames(text);
  const visit = (ns: protobuf.NamespaceBase): void => {
    for (const nested of ns.nestedArray) {
      const name = localName(nested.fullName, pkg);
      if (nested instanceof protobuf.Type && ownTypes.has(nested.name)) {
        messages.set(name, toMessage(nested, name, pkg));
      } else if (nested instanceof protobuf.Service && ownTypes.has(nested.name)) {
        const rpcs = new Map<string, string>();
        for (const m of nested.methodsArray) {
          const t = (stream: boolean | undefined, type: string): string =>
            `${stream ? 'stream ' : ''}${type}`;
          rpcs.set(
            m.name,
            `(${t(m.requestStream, m.requestType)}) returns (${t(m.responseStream, m.responseType)})`,
          );
        }
        services.set(name, rpcs);
      } else if (nested instanceof protobuf.Enum && ownTypes.has(nested.name)) {
        const r = splitReserved(nested.reserved);
        enums.set(name, {
          name,
          values: new Map(Object.entries(nested.values)),
          reservedNumbers: r.numbers,
          reservedNames: r.names,
        });
      }
      if (nested instanceof protobuf.Namespace || nested instanceof protobuf.Type) visit(nested);
    }
  };
  const pkgNs = pkg ? root.lookup(pkg) : root;
  if (pkgNs instanceof protobuf.Namespace) visit(pkgNs);
  return { package: pkg, syntax, messages, enums, services };
}

/** Names of messages/enums declared in this file's text, so imported types stay out of the model. */
function declaredTypeNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const m of text.matchAll(/\b(?:message|enum|service)\s+([A-Za-z_][\w]*)\s*\{/g)) names.add(m[1] ?? '');
  return names;
}

function toMessage(type: protobuf.Type, name: string, pkg: string): ProtoMessage {
  const r = splitReserved(type.reserved);
  const fields = type.fieldsArray.map((f): ProtoField => {
    const resolved = f.resolvedType;
    const kind: FieldKind =
      f instanceof protobuf.MapField || f.map
        ? 'map'
        : resolved instanceof protobuf.Enum
          ? 'enum'
          : resolved instanceof protobuf.Type
            ? 'message'
            : 'scalar';
    const proto3Optional = (f.options as Record<string, unknown> | undefined)?.['proto3_optional'] === true;
    const label = f.rule ?? (proto3Optional ? 'optional' : '');
    const oneof = f.partOf && !proto3Optional ? f.partOf.name : undefined;
    return {
      name: f.name,
      number: f.id,
      type: resolved ? localName(resolved.fullName, pkg) : f.type,
      kind,
      label,
      ...(oneof ? { oneof } : {}),
      ...(f instanceof protobuf.MapField ? { mapKey: f.keyType } : {}),
    };
  });
  return { name, fields, reservedNumbers: r.numbers, reservedNames: r.names };
}

/** The compatibility checker's codes for a schema that does not parse, located at file:line:col. */
function toCompatError(err: ProtobufSchemaError, where: string): CodegenError {
  const code =
    err.reason === 'syntax'
      ? 'SCHEMA_PARSE'
      : err.reason === 'missing-import' || err.reason === 'unknown-type'
        ? 'MISSING_REFERENCE'
        : 'SCHEMA_INVALID';
  const prefix = err.reason === 'syntax' ? 'invalid Protobuf schema: ' : '';
  return new CodegenError(
    code,
    `${prefix}${err.problem}`,
    {
      file: err.file ?? where,
      ...(err.line !== undefined ? { line: err.line } : {}),
      ...(err.column !== undefined ? { column: err.column } : {}),
    },
    { cause: err },
  );
}
