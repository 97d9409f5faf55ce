import type { JsonSchemaNode } from './json-schema-model';
import { isCompatibleRule, type JsonRule } from './json-schema-rules';

/** One difference between a writer and a reader schema, at a path relative to where the comparison began. */
export interface JsonDifference {
  readonly rule: JsonRule;
  readonly path: readonly string[];
}

/** Compares two nodes that are not references (the dispatch lives in json-schema-diff.ts). */
export type CompareTypes = (ctx: DiffContext, writer: JsonSchemaNode, reader: JsonSchemaNode) => void;

/** State shared by every context of one comparison: memoized pairs and pairs on the stack. */
interface Shared {
  readonly compareTypes: CompareTypes;
  readonly memo: Map<JsonSchemaNode, Map<JsonSchemaNode, readonly JsonDifference[]>>;
  readonly inProgress: Map<JsonSchemaNode, Set<JsonSchemaNode>>;
  /** How many times a recursive pair was assumed compatible (results computed under that assumption are not reused). */
  cyclesCut: number;
}

/**
 * Where a comparison is (a path) and what it found. A sub-context collects differences apart, so a caller can
 * ask whether one branch alone is compatible before keeping its findings.
 */
export class DiffContext {
  private constructor(
    private readonly path: readonly string[],
    private readonly shared: Shared,
    readonly differences: JsonDifference[] = [],
  ) {}

  static root(compareTypes: CompareTypes): DiffContext {
    return new DiffContext([], { compareTypes, memo: new Map(), inProgress: new Map(), cyclesCut: 0 });
  }

  /** A context at `path` below this one that writes into this one's list. */
  at(...segments: string[]): DiffContext {
    return new DiffContext([...this.path, ...segments], this.shared, this.differences);
  }

  /** A context at the same path with its own list. */
  sub(): DiffContext {
    return new DiffContext(this.path, this.shared);
  }

  add(rule: JsonRule, ...segments: string[]): void {
    this.differences.push({ rule, path: [...this.path, ...segments] });
  }

  addAll(differences: readonly JsonDifference[]): void {
    this.differences.push(...differences);
  }

  /**
   * A property or item one side declares and the other covers with a pattern/additional schema: compared like
   * any pair, then summed up as covered (compatible) or not.
   */
  covered(
    writer: JsonSchemaNode,
    reader: JsonSchemaNode,
    rules: { readonly covered: JsonRule; readonly notCovered: JsonRule },
  ): void {
    const sub = this.sub();
    sub.compare(writer, reader);
    this.addAll(sub.differences);
    this.add(sub.isCompatible() ? rules.covered : rules.notCovered);
  }

  /** No difference found here breaks compatibility. */
  isCompatible(): boolean {
    return this.differences.every((d) => isCompatibleRule(d.rule));
  }

  /**
   * Compares two schemas (either may be missing). References are followed; each (writer, reader) pair is
   * compared once and reused, and a pair met again while it is being compared (a recursive schema) counts as
   * compatible, so recursion ends.
   */
  compare(writer: JsonSchemaNode | undefined, reader: JsonSchemaNode | undefined): void {
    if (writer === undefined && reader === undefined) return;
    if (writer === undefined) return this.add('SCHEMA_ADDED');
    if (reader === undefined) return this.add('SCHEMA_REMOVED');
    const w = resolve(writer);
    const r = resolve(reader);
    const cached = this.shared.memo.get(w)?.get(r);
    if (cached) return this.rebase(cached);
    const onStack = this.shared.inProgress.get(w) ?? new Set<JsonSchemaNode>();
    if (onStack.has(r)) {
      this.shared.cyclesCut++;
      return;
    }
    onStack.add(r);
    this.shared.inProgress.set(w, onStack);
    const pair = new DiffContext([], this.shared);
    const cutBefore = this.shared.cyclesCut;
    try {
      this.shared.compareTypes(pair, w, r);
    } finally {
      onStack.delete(r);
    }
    if (this.shared.cyclesCut === cutBefore) {
      const byReader = this.shared.memo.get(w) ?? new Map<JsonSchemaNode, readonly JsonDifference[]>();
      byReader.set(r, pair.differences);
      this.shared.memo.set(w, byReader);
    }
    this.rebase(pair.differences);
  }

  private rebase(relative: readonly JsonDifference[]): void {
    for (const d of relative) this.differences.push({ rule: d.rule, path: [...this.path, ...d.path] });
  }
}

/** Follows `$ref`s to the schema they name; a reference cycle with nothing between accepts everything. */
export function resolve(node: JsonSchemaNode): JsonSchemaNode {
  const seen = new Set<JsonSchemaNode>();
  let cur = node;
  while (cur.kind === 'ref') {
    if (seen.has(cur)) return { kind: 'true', hasDefault: false };
    seen.add(cur);
    cur = cur.target();
  }
  return cur;
}
