import type { Rec, TaskContext } from './context';
import { Node } from './node';

/** Reads a topic of the topic map (records arrive decoded by its real codecs). */
export class SourceNode extends Node {
  readonly kind: string = 'source';
  readonly topic: string;
  /** Event time of a record; default its Kafka timestamp. */
  readonly timestampOf: ((rec: Rec) => unknown) | undefined;

  constructor(name: string, topic: string, timestampOf?: (rec: Rec) => unknown) {
    super(name);
    this.topic = topic;
    this.timestampOf = timestampOf;
  }

  override topics(): readonly string[] {
    return [this.topic];
  }

  process(rec: Rec, ctx: TaskContext): void {
    this.forward(rec, ctx);
  }
}

/** Reads an internal repartition topic (written by a {@link RepartitionSinkNode}, internal codec). */
export class RepartitionSourceNode extends SourceNode {
  override readonly kind = 'repartition-source';
}

/** Writes records to an internal repartition topic, partitioned by their (new) key. */
export class RepartitionSinkNode extends Node {
  readonly kind = 'repartition-sink';
  readonly topic: string;

  constructor(name: string, topic: string) {
    super(name);
    this.topic = topic;
  }

  override topics(): readonly string[] {
    return [this.topic];
  }

  process(rec: Rec, ctx: TaskContext): void {
    ctx.emit({
      kind: 'repartition',
      topic: this.topic,
      key: rec.key,
      value: rec.value,
      timestamp: rec.timestamp,
    });
  }
}

/** Writes records to a topic of the topic map (its real codecs encode them). */
export class SinkNode extends Node {
  readonly kind = 'sink';
  readonly topic: string;
  private readonly as: (rec: Rec) => {
    key: unknown;
    value: unknown;
    headers?: Readonly<Record<string, string | Buffer>>;
  };

  constructor(
    name: string,
    topic: string,
    as: (rec: Rec) => { key: unknown; value: unknown; headers?: Readonly<Record<string, string | Buffer>> },
  ) {
    super(name);
    this.topic = topic;
    this.as = as;
  }

  override topics(): readonly string[] {
    return [this.topic];
  }

  process(rec: Rec, ctx: TaskContext): void {
    const out = this.as(rec);
    ctx.emit({
      kind: 'topic',
      topic: this.topic,
      key: out.key,
      value: out.value,
      timestamp: rec.timestamp,
      ...(out.headers ? { headers: out.headers } : {}),
    });
  }
}
