import type { Rec, TaskContext } from './context';

/** How a node appears in `app.describe()`. */
export interface NodeDescription {
  readonly name: string;
  readonly kind: string;
  readonly stores: readonly string[];
  readonly topics: readonly string[];
  readonly children: readonly string[];
}

/** One operator of the topology graph. */
export abstract class Node {
  readonly name: string;
  abstract readonly kind: string;
  readonly children: Node[] = [];
  readonly parents: Node[] = [];

  constructor(name: string) {
    this.name = name;
  }

  /** Stores this operator reads or writes (they must live in its task). */
  stores(): readonly string[] {
    return [];
  }

  /** Topics this operator reads or writes. */
  topics(): readonly string[] {
    return [];
  }

  abstract process(rec: Rec, ctx: TaskContext, from: Node | undefined): void;

  protected forward(rec: Rec, ctx: TaskContext): void {
    for (const c of this.children) c.process(rec, ctx, this);
  }

  describe(): NodeDescription {
    return {
      name: this.name,
      kind: this.kind,
      stores: this.stores(),
      topics: this.topics(),
      children: this.children.map((c) => c.name),
    };
  }
}

/** Connects `child` below `parent`. */
export function link(parent: Node, child: Node): Node {
  parent.children.push(child);
  child.parents.push(parent);
  return child;
}

/** A stateless step: `fn` calls `emit` zero or more times per record. */
export class StatelessNode extends Node {
  readonly kind: string;
  private readonly fn: (rec: Rec, emit: (r: Rec) => void) => void;

  constructor(name: string, kind: string, fn: (rec: Rec, emit: (r: Rec) => void) => void) {
    super(name);
    this.kind = kind;
    this.fn = fn;
  }

  process(rec: Rec, ctx: TaskContext): void {
    this.fn(rec, (r) => this.forward(r, ctx));
  }
}
