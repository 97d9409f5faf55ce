import type { TopicMap } from '../topics';
import type { StreamsClientParts, StreamsOptions } from './app-options';
import type { BytesStore } from './store/bytes-store';
import type { StreamsMetrics } from './topology/metrics';
import type { TopologyBuilder } from './topology/topology';

/** What the runtime and the test driver use of an app (kept off its public type). */
export interface AppInternals<T extends TopicMap> {
  readonly builder: TopologyBuilder;
  readonly parts: StreamsClientParts<T>;
  readonly options: StreamsOptions;
  readonly counters: StreamsMetrics;
  /** Where the committed store partitions of this process live (set by the runtime or the test driver). */
  storesOf: (name: string) => readonly BytesStore[];
}

const internals = new WeakMap<object, AppInternals<TopicMap>>();

export function setInternals<T extends TopicMap>(app: object, i: AppInternals<T>): void {
  internals.set(app, i as unknown as AppInternals<TopicMap>);
}

/** The internals of an app made by `client.streams()`. */
export function internalsOf<T extends TopicMap>(app: object): AppInternals<T> {
  const i = internals.get(app);
  if (!i) throw new TypeError('streams: not an app made by client.streams()');
  return i as unknown as AppInternals<T>;
}
