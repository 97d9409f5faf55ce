import type { KafkaJS } from '@confluentinc/kafka-javascript';
import type { HeadersMember, KeyInput, TopicMap, TopicName, ValueInput } from '../topics';
import type { AnyInputRecord, AnyOutputRecord } from '../producer/record-serde';

/** Key, value and partition of a {@link RecordFor}. */
export interface RecordForFields<T extends TopicMap, N extends TopicName<T>> {
  /** The record key, of the topic's key type. */
  readonly key: KeyInput<T, N>;
  /** The record value, of the topic's value type. */
  readonly value: ValueInput<T, N>;
  /** Explicit partition; default: the partitioner picks it from the key. */
  readonly partition?: number;
}

/**
 * Key, value (and headers/partition) of a record for topic `N`, typed by the map: the topic's declared
 * headers (required when one is), or any Kafka headers for a topic that declares none.
 */
export type RecordFor<T extends TopicMap, N extends TopicName<T>> = RecordForFields<T, N> &
  HeadersMember<T, N, KafkaJS.IHeaders>;

/** One branch: records for which `when` holds go to the branch's topic, shaped by `as`. */
export interface Branch<T extends TopicMap, N extends TopicName<T>, Cur> {
  /** Whether a value takes this branch. */
  readonly when: (value: Cur) => boolean;
  /** Shapes the value into the branch topic's record. */
  readonly as: (value: Cur) => RecordFor<T, N>;
}

/** Branches keyed by output topic; evaluated in the object's key order. */
export type Branches<T extends TopicMap, Cur> = { readonly [N in TopicName<T>]?: Branch<T, N, Cur> };

/** A finished chain: the `transform` of a pipeline. */
export type FlowTransform<In, Out> = (record: In) => readonly Out[];

type Step<In, Out> = (value: In, emit: (out: Out) => void) => void;

/**
 * Stateless operators over a pipeline's input records, typed end to end by the topic map:
 * `Flow.from(topics, ['orders']).filter(...).map(...).to('enriched', (x) => ({ key, value }))` is a transform
 * whose output records are checked against the `enriched` topic's key and value types.
 */
export class Flow<T extends TopicMap, In, Cur> {
  private readonly step: Step<In, Cur>;

  private constructor(step: Step<In, Cur>) {
    this.step = step;
  }

  /** Starts a chain over records of the `from` topics of `topics` (the values only carry the types). */
  static from<T extends TopicMap, const From extends TopicName<T>>(
    _topics: T,
    _from: readonly From[],
  ): Flow<T, AnyInputRecord<T, From>, AnyInputRecord<T, From>> {
    return new Flow((value, emit) => emit(value));
  }

  private then<R>(next: Step<Cur, R>): Flow<T, In, R> {
    const step = this.step;
    return new Flow<T, In, R>((value, emit) => step(value, (mid) => next(mid, emit)));
  }

  /** Keeps the values for which `predicate` holds (a type guard narrows the type). */
  filter<S extends Cur>(predicate: (value: Cur) => value is S): Flow<T, In, S>;
  /** Keeps the values for which `predicate` holds. */
  filter(predicate: (value: Cur) => boolean): Flow<T, In, Cur>;
  filter(predicate: (value: Cur) => boolean): Flow<T, In, Cur> {
    return this.then((value, emit) => {
      if (predicate(value)) emit(value);
    });
  }

  /** One value → one value. */
  map<R>(fn: (value: Cur) => R): Flow<T, In, R> {
    return this.then((value, emit) => emit(fn(value)));
  }

  /** One value → zero or more values. */
  flatMap<R>(fn: (value: Cur) => Iterable<R>): Flow<T, In, R> {
    return this.then((value, emit) => {
      for (const r of fn(value)) emit(r);
    });
  }

  /** Ends the chain: every value becomes a record of `topic`. */
  to<N extends TopicName<T>>(
    topic: N,
    as: (value: Cur) => RecordFor<T, N>,
  ): FlowTransform<In, AnyOutputRecord<T, N>> {
    const step = this.step;
    return (record) => {
      const out: AnyOutputRecord<T, N>[] = [];
      step(record, (value) => out.push({ ...as(value), topic } as AnyOutputRecord<T, N>));
      return out;
    };
  }

  /**
   * Ends the chain by routing each value to the first branch whose `when` holds (`mode: 'all'`: to every
   * such branch). A value no branch accepts is dropped.
   */
  branch<const B extends Branches<T, Cur>>(
    branches: B,
    options: { readonly mode?: 'first' | 'all' } = {},
  ): FlowTransform<In, AnyOutputRecord<T, Extract<keyof B, TopicName<T>>>> {
    type Out = AnyOutputRecord<T, Extract<keyof B, TopicName<T>>>;
    const step = this.step;
    const routes = Object.entries(branches) as [string, Branch<T, TopicName<T>, Cur>][];
    const all = options.mode === 'all';
    return (record) => {
      const out: Out[] = [];
      step(record, (value) => {
        for (const [topic, b] of routes) {
          if (!b.when(value)) continue;
          out.push({ ...b.as(value), topic } as Out);
          if (!all) break;
        }
      });
      return out;
    };
  }
}
