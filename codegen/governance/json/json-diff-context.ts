import type { JsonSchemaNode } from './json-schema-model';
import { isCompatibleRule, type JsonRule } from './json-schema-rules';

/** One difference between a writer and a reader schema, at a path relative to where the comparison began. */
export interface JsonDifference {
  readonly rule: JsonRule;
  readonly path: readonly string[];
}

/** Compares two nodes that are not references (the dispatch lives in json-schema-diff.ts). */
export type CompareTypes = (ctx: DiffContext, writer: JsonSchemaNode, reader: JsonSchemaNode) => void;

type PairTable = Map<JsonSchemaNode, Map<JsonSchemaNode, readonly JsonDifference[]>>;

function lookup(
  table: PairTable,
  w: JsonSchemaNode,
  r: JsonSchemaNode,
): readonly JsonDifference[] | undefined {
  return table.get(w)?.get(r);
}

function store(
  table: PairTable,
  w: JsonSchemaNode,
  r: JsonSchemaNode,
  diffs: readonly JsonDifference[],
): void {
  const byReader = table.get(w) ?? new Map<JsonSchemaNode, readonly JsonDifference[]>();
  byReader.set(r, diffs);
  table.set(w, byReader);
}

/** State shared by every context of one pass: compared pairs, pairs on the stack, pairs known to break. */
interface Shared {
  readonly compareTypes: CompareTypes;
  readonly memo: PairTable;
  readonly inProgress: PairTable;
  /** Pairs an earlier pass found incompatible: a cycle meeting one again is not assumed compatible. */
  readonly knownIncompatible: PairTable;
  /** Whether a recursive pair was assumed compatible in this pass. */
  assumed: boolean;
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

  /**
   * Runs `compare` from a root context until its verdict is stable. Each (writer, reader) pair is compared
   * once per pass; a pair met again while on the stack (a recursive schema) is assumed compatible, unless an
   * earlier pass proved it is not. A pass that assumed nothing is exact; otherwise the pairs found breaking
   * seed the next pass, until that set stops growing (it is bounded by the number of pairs).
   */
  static run(compareTypes: CompareTypes, compare: (ctx: DiffContext) => void): JsonDifference[] {
    let knownIncompatible: PairTable = new Map();
    for (;;) {
      const shared: Shared = {
        compareTypes,
        memo: new Map(),
        inProgress: new Map(),
        knownIncompatible,
        assumed: false,
      };
      const root = new DiffContext([], shared);
      compare(root);
      if (!shared.assumed) return root.differences;
      const breaking: PairTable = new Map();
      let grew = false;
      for (const [w, byReader] of shared.memo)
        for (const [r, diffs] of byReader) {
          if (diffs.every((d) => isCompatibleRule(d.rule))) continue;
          store(breaking, w, r, diffs);
          if (lookup(knownIncompatible, w, r) === undefined) grew = true;
        }
      if (!grew) return root.differences;
      knownIncompatible = breaking;
    }
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
   * compared once per pass (see `run`), so recursive schemas end.
   */
  compare(writer: JsonSchemaNode | undefined, reader: JsonSchemaNode | undefined): void {
    if (writer === undefined && reader === undefined) return;
    if (writer === undefined) return this.add('SCHEMA_ADDED');
    if (reader === undefined) return this.add('SCHEMA_REMOVED');
    const w = resolve(writer);
    const r = resolve(reader);
    const { memo, inProgress, knownIncompatible } = this.shared;
    const cached = lookup(memo, w, r);
    if (cached) return this.rebase(cached);
    if (lookup(inProgress, w, r)) {
      const known = lookup(knownIncompatible, w, r);
      if (known) return this.rebase(known);
      this.shared.assumed = true;
      return;
    }
    store(inProgress, w, r, []);
    const pair = new DiffContext([], this.shared);
    try {
      this.shared.compareTypes(pair, w, r);
    } finally {
      inProgress.get(w)?.delete(r);
    }
    store(memo, w, r, pair.differences);
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
