import type { LogicalRepresentation } from '../../src/serde/avro/representation';
import type { SourceSchema } from '../model';

/**
 * The Avro model the emitter works from: every named type of every source, resolved and validated. The
 * compatibility rules keep a graph model of their own (codegen/governance/avro/avro-model.ts says why).
 */

export const PRIMITIVES = ['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string'] as const;
export type PrimitiveName = (typeof PRIMITIVES)[number];

export type TypeNode =
  | { readonly kind: 'primitive'; readonly name: PrimitiveName }
  | { readonly kind: 'named'; readonly fullName: string; readonly path: string }
  | { readonly kind: 'array'; readonly items: TypeNode }
  | { readonly kind: 'map'; readonly values: TypeNode }
  | { readonly kind: 'union'; readonly branches: readonly TypeNode[]; readonly path: string }
  | { readonly kind: 'logical'; readonly repr: LogicalRepresentation; readonly underlying: TypeNode };

export interface FieldDef {
  readonly name: string;
  readonly doc?: string;
  readonly aliases: readonly string[];
  readonly type: TypeNode;
  readonly hasDefault: boolean;
  readonly default?: unknown;
  readonly path: string;
}

interface NamedBase {
  readonly fullName: string;
  readonly name: string;
  readonly namespace: string;
  readonly doc?: string;
  readonly aliases: readonly string[];
  /** JSON path of the definition inside its source. */
  readonly path: string;
  /** The source whose module exports this type (the first, by path, that defines it). */
  readonly source: SourceSchema;
  /** The definition as JSON with an explicit namespace, so it can be inlined anywhere. */
  readonly json: Readonly<Record<string, unknown>>;
}

export type NamedDef =
  | (NamedBase & { readonly kind: 'record'; readonly fields: readonly FieldDef[] })
  | (NamedBase & { readonly kind: 'enum'; readonly symbols: readonly string[]; readonly default?: string })
  | (NamedBase & { readonly kind: 'fixed'; readonly size: number; readonly logical?: LogicalRepresentation });

/** A top-level schema of a source (the `.avsc` schema, or one type of an `.avdl` protocol). */
export interface TopLevelSchema {
  readonly source: SourceSchema;
  readonly type: TypeNode;
  /** The JSON as written (top-level namespace made explicit). */
  readonly json: unknown;
  readonly path: string;
}

export interface AvroModel {
  /** Full name → definition, in definition order. */
  readonly named: ReadonlyMap<string, NamedDef>;
  readonly topLevel: readonly TopLevelSchema[];
}
