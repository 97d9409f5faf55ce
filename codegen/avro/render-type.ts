import type { LogicalRepresentation } from '../../src/serde/avro/representation';
import { isWrappedUnion } from '../../src/serde/avro/representation';
import type { AvroCodecOptions } from '../../src/topics';
import type { NamedDef, TypeNode } from './schema-model';
import type { TypeNames } from './type-names';
import { branchName } from './validate-model';

/** Which of a record's two types: the producer input (defaults optional) or the consumer output. */
export type Variant = 'input' | 'output';

export interface RenderContext {
  readonly named: ReadonlyMap<string, NamedDef>;
  readonly names: TypeNames;
  readonly options: AvroCodecOptions;
  /** Called with each named type a rendered type mentions (for imports). */
  readonly use: (fullName: string, variant: Variant) => void;
}

export function logicalTsType(repr: LogicalRepresentation): string {
  switch (repr.kind) {
    case 'timestamp':
      return repr.as === 'date' || repr.as === 'date-lossy' ? 'Date' : repr.as;
    case 'date':
      return repr.as === 'date' ? 'Date' : 'string';
    case 'decimal':
      return 'string';
  }
}

function quoteKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : `'${key}'`;
}

/** The TypeScript type of `node`, exactly as the codec with the same options encodes/decodes it. */
export function renderType(node: TypeNode, variant: Variant, ctx: RenderContext): string {
  switch (node.kind) {
    case 'primitive':
      switch (node.name) {
        case 'int':
        case 'float':
        case 'double':
          return 'number';
        case 'long':
          return ctx.options.long;
        case 'bytes':
          return 'Buffer';
        default:
          return node.name;
      }
    case 'logical':
      return logicalTsType(node.repr);
    case 'named': {
      const v = variant === 'input' && ctx.names.input.has(node.fullName) ? 'input' : 'output';
      ctx.use(node.fullName, v);
      return (v === 'input' ? ctx.names.input : ctx.names.type).get(node.fullName)!;
    }
    case 'array': {
      const items = renderType(node.items, variant, ctx);
      return /[|{ ]/.test(items) ? `Array<${items}>` : `${items}[]`;
    }
    case 'map':
      return `Record<string, ${renderType(node.values, variant, ctx)}>`;
    case 'union': {
      const wrapped = isWrappedUnion(
        node.branches.map((b) => (b.kind === 'primitive' ? b.name : {})),
        ctx.options,
      );
      const parts = node.branches
        .filter((b) => !(b.kind === 'primitive' && b.name === 'null'))
        .map((b) =>
          wrapped
            ? `{ ${quoteKey(branchName(b))}: ${renderType(b, variant, ctx)} }`
            : renderType(b, variant, ctx),
        );
      const nullable = node.branches.some((b) => b.kind === 'primitive' && b.name === 'null');
      return [...parts, ...(nullable ? ['null'] : [])].join(' | ') || 'never';
    }
  }
}

/** Records whose producer input type differs from the output: a defaulted field, or such a record inside. */
export function recordsWithInputType(named: ReadonlyMap<string, NamedDef>): Set<string> {
  const differs = new Set<string>();
  const mentions = (node: TypeNode): boolean => {
    switch (node.kind) {
      case 'named':
        return differs.has(node.fullName);
      case 'array':
        return mentions(node.items);
      case 'map':
        return mentions(node.values);
      case 'logical':
        return mentions(node.underlying);
      case 'union':
        return node.branches.some(mentions);
      default:
        return false;
    }
  };
  for (let changed = true; changed;) {
    changed = false;
    for (const def of named.values()) {
      if (def.kind !== 'record' || differs.has(def.fullName)) continue;
      if (def.fields.some((f) => f.hasDefault || mentions(f.type))) {
        differs.add(def.fullName);
        changed = true;
      }
    }
  }
  return differs;
}
