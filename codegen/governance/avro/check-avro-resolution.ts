import type { RawFinding } from '../types';
import type { AvroNode, AvroRecord, AvroEnum, AvroFixed } from './avro-model';

/** Writer primitive → reader primitives it may be promoted to (Avro spec, "Schema Resolution"). */
const PROMOTIONS: Readonly<Record<string, readonly string[]>> = {
  int: ['long', 'float', 'double'],
  long: ['float', 'double'],
  float: ['double'],
  string: ['bytes'],
  bytes: ['string'],
};

type NamedNode = AvroRecord | AvroEnum | AvroFixed;

function describe(n: AvroNode): string {
  switch (n.kind) {
    case 'primitive':
      return n.type;
    case 'array':
      return `array<${describe(n.items)}>`;
    case 'map':
      return `map<${describe(n.values)}>`;
    case 'union':
      return `union[${n.branches.map(describe).join(', ')}]`;
    default:
      return `${n.kind} ${n.fullName}`;
  }
}

/** Named types match by unqualified name, or when the reader lists the writer's full name as an alias. */
function namesMatch(reader: NamedNode, writer: NamedNode): boolean {
  return (
    reader.name === writer.name ||
    reader.aliases.includes(writer.fullName) ||
    reader.aliases.some((a) => a.slice(a.lastIndexOf('.') + 1) === writer.name && !a.includes('.'))
  );
}

/**
 * Every reason why data written with `writer` cannot be read with `reader`, per the Avro specification's
 * schema-resolution rules. Rule ids are the ones Confluent (and Avro's Java SchemaCompatibility) report.
 * All findings are collected; `path` is dotted from the reader's root type.
 */
export function checkAvroResolution(reader: AvroNode, writer: AvroNode, rootPath?: string): RawFinding[] {
  const findings: RawFinding[] = [];
  const inProgress = new Set<string>();
  const pairKeys = new WeakMap<object, number>();
  let nextKey = 0;
  const keyOf = (n: object): number => {
    let k = pairKeys.get(n);
    if (k === undefined) pairKeys.set(n, (k = nextKey++));
    return k;
  };

  /** True when `writer` can be read by `reader` (collects findings when `collect`). */
  const visit = (r: AvroNode, w: AvroNode, path: string, collect: boolean): boolean => {
    const out: RawFinding[] = [];
    const add = (rule: string, message: string, at = path): void => {
      out.push({ rule, path: at, message });
    };
    const pair = `${keyOf(r)}:${keyOf(w)}`;
    if (inProgress.has(pair)) return true; // recursive types: assume compatible while in progress
    inProgress.add(pair);
    try {
      if (w.kind === 'union') {
        // Every writer branch must be readable (a writer union may also be read by a non-union reader).
        for (const branch of w.branches) visitInto(r, branch, path, out);
      } else if (r.kind === 'union') {
        const ok = r.branches.some((b) => visit(b, w, path, false));
        if (!ok) {
          add(
            'MISSING_UNION_BRANCH',
            `reader union ${describe(r)} has no branch that can read the writer's ${describe(w)}`,
          );
        }
      } else if (r.kind === 'primitive' && w.kind === 'primitive') {
        if (r.type !== w.type && !(PROMOTIONS[w.type] ?? []).includes(r.type)) {
          add('TYPE_MISMATCH', `reader type ${r.type} cannot read writer type ${w.type}`);
        }
      } else if (r.kind === 'array' && w.kind === 'array') {
        visitInto(r.items, w.items, `${path}[]`, out);
      } else if (r.kind === 'map' && w.kind === 'map') {
        visitInto(r.values, w.values, `${path}{}`, out);
      } else if (r.kind === 'record' && w.kind === 'record') {
        if (!namesMatch(r, w)) {
          add('NAME_MISMATCH', `reader record ${r.fullName} does not match writer record ${w.fullName}`);
        }
        for (const rf of r.fields) {
          const wf =
            w.fields.find((f) => f.name === rf.name) ?? w.fields.find((f) => rf.aliases.includes(f.name));
          const fieldPath = `${path}.${rf.name}`;
          if (!wf) {
            if (!rf.hasDefault) {
              add(
                'READER_FIELD_MISSING_DEFAULT_VALUE',
                `field "${rf.name}" is not in the writer schema and has no default`,
                fieldPath,
              );
            }
            continue;
          }
          visitInto(rf.type, wf.type, fieldPath, out);
        }
      } else if (r.kind === 'enum' && w.kind === 'enum') {
        if (!namesMatch(r, w)) {
          add('NAME_MISMATCH', `reader enum ${r.fullName} does not match writer enum ${w.fullName}`);
        }
        const missing = w.symbols.filter((s) => !r.symbols.includes(s));
        if (missing.length > 0 && r.default === undefined) {
          add(
            'MISSING_ENUM_SYMBOLS',
            `reader enum ${r.fullName} lacks writer symbol(s) ${missing.join(', ')} and has no default`,
          );
        }
      } else if (r.kind === 'fixed' && w.kind === 'fixed') {
        if (!namesMatch(r, w)) {
          add('NAME_MISMATCH', `reader fixed ${r.fullName} does not match writer fixed ${w.fullName}`);
        }
        if (r.size !== w.size) {
          add('FIXED_SIZE_MISMATCH', `fixed ${r.fullName} size ${r.size} cannot read writer size ${w.size}`);
        }
      } else {
        add('TYPE_MISMATCH', `reader type ${describe(r)} cannot read writer type ${describe(w)}`);
      }
    } finally {
      inProgress.delete(pair);
    }
    if (collect) findings.push(...out);
    return out.length === 0;
  };

  const visitInto = (r: AvroNode, w: AvroNode, path: string, sink: RawFinding[]): boolean => {
    const before = findings.length;
    const ok = visit(r, w, path, true);
    sink.push(...findings.splice(before));
    return ok;
  };

  const start = rootPath ?? ('fullName' in reader ? reader.fullName : describe(reader));
  visit(reader, writer, start, true);
  return findings;
}
