import { wireRequest, WireWriter, type WireReader } from './kafka-wire';
import { OpsError } from './ops-error';

/** A broker as the cluster advertises it. */
export interface BrokerFact {
  readonly id: number;
  readonly host: string;
  readonly port: number;
  readonly rack: string | null;
}

/** A partition's leadership and replicas. */
export interface PartitionFact {
  readonly partition: number;
  /** -1 when the partition has no leader (offline). */
  readonly leader: number;
  readonly replicas: readonly number[];
  readonly isr: readonly number[];
  readonly offline: readonly number[];
}

/** A topic and its settings. */
export interface TopicFact {
  readonly name: string;
  readonly internal: boolean;
  readonly partitions: readonly PartitionFact[];
  /** Effective topic configs (name → value; sensitive values are null). */
  readonly config: Readonly<Record<string, string | null>>;
}

/** Everything `kgen doctor` judges. */
export interface ClusterFacts {
  readonly clusterId: string | null;
  /** -1 when the cluster reports none. */
  readonly controllerId: number;
  readonly brokers: readonly BrokerFact[];
  /** Effective settings of the first broker (cluster-wide defaults in a uniform cluster). */
  readonly brokerConfig: Readonly<Record<string, string | null>>;
  readonly brokerConfigOf: number | null;
  readonly topics: readonly TopicFact[];
}

const METADATA = { key: 3, version: 8 };
const DESCRIBE_CONFIGS = { key: 32, version: 1 };
const RESOURCE_TOPIC = 2;
const RESOURCE_BROKER = 4;
const UNKNOWN_TOPIC_OR_PARTITION = 3;

/** Options of {@link readClusterFacts}. */
export interface ClusterFactsOptions {
  readonly brokers: readonly string[];
  /** Topics to judge; empty = every non-internal topic. */
  readonly topics: readonly string[];
  readonly timeoutMs?: number;
}

/** Reads metadata and configs from the cluster. Throws {@link OpsError} for an unknown topic or no reachable broker. */
export async function readClusterFacts(options: ClusterFactsOptions): Promise<ClusterFacts> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const { bootstrap, reader } = await firstAnswer(options.brokers, timeoutMs, (b) =>
    wireRequest(b, METADATA.key, METADATA.version, metadataRequest(options.topics), timeoutMs),
  );
  const meta = parseMetadata(reader);
  const unknown = meta.topics.find((t) => t.error === UNKNOWN_TOPIC_OR_PARTITION);
  if (unknown) throw new OpsError('UNKNOWN_TOPIC', `topic "${unknown.name}" does not exist`);
  const topics = meta.topics
    .filter((t) => options.topics.length > 0 || !t.internal)
    .sort((a, b) => a.name.localeCompare(b.name));
  const first = [...meta.brokers].sort((a, b) => a.id - b.id)[0];
  const target = first ?? { id: -1, ...bootstrap };
  const resources = [
    ...(first ? [{ type: RESOURCE_BROKER, name: String(first.id) }] : []),
    ...topics.map((t) => ({ type: RESOURCE_TOPIC, name: t.name })),
  ];
  const configs = await wireRequest(
    { host: target.host, port: target.port },
    DESCRIBE_CONFIGS.key,
    DESCRIBE_CONFIGS.version,
    describeConfigsRequest(resources),
    timeoutMs,
  ).catch((err: unknown) =>
    // Advertised listeners may not be reachable from here: fall back to the broker that answered.
    wireRequest(
      bootstrap,
      DESCRIBE_CONFIGS.key,
      DESCRIBE_CONFIGS.version,
      describeConfigsRequest(resources),
      timeoutMs,
    ).catch(() => {
      throw new OpsError('CLUSTER_UNREACHABLE', `cannot read configs: ${String(err)}`, { cause: err });
    }),
  );
  const byResource = parseDescribeConfigs(configs);
  return {
    clusterId: meta.clusterId,
    controllerId: meta.controllerId,
    brokers: meta.brokers,
    brokerConfig: first ? (byResource.get(`${RESOURCE_BROKER}:${first.id}`) ?? {}) : {},
    brokerConfigOf: first?.id ?? null,
    topics: topics.map((t) => ({
      name: t.name,
      internal: t.internal,
      partitions: t.partitions,
      config: byResource.get(`${RESOURCE_TOPIC}:${t.name}`) ?? {},
    })),
  };
}

async function firstAnswer(
  brokers: readonly string[],
  timeoutMs: number,
  ask: (b: { host: string; port: number }) => Promise<WireReader>,
): Promise<{ bootstrap: { host: string; port: number }; reader: WireReader }> {
  const errors: string[] = [];
  for (const spec of brokers) {
    const colon = spec.lastIndexOf(':');
    const bootstrap = { host: spec.slice(0, colon), port: Number(spec.slice(colon + 1)) };
    try {
      return { bootstrap, reader: await ask(bootstrap) };
    } catch (err) {
      errors.push(`${spec}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  throw new OpsError(
    'CLUSTER_UNREACHABLE',
    `cannot reach the Kafka cluster at ${brokers.join(',')} within ${timeoutMs} ms (${errors.join('; ')})`,
  );
}

function metadataRequest(topics: readonly string[]): Buffer {
  return new WireWriter()
    .array(topics.length > 0 ? topics : null, (w, t) => w.string(t))
    .bool(false) // allow_auto_topic_creation: doctor must never create what it inspects
    .bool(false)
    .bool(false)
    .bytes();
}

interface RawTopic extends Omit<TopicFact, 'config'> {
  readonly error: number;
}

function parseMetadata(r: WireReader): {
  brokers: BrokerFact[];
  clusterId: string | null;
  controllerId: number;
  topics: RawTopic[];
} {
  r.int32(); // throttle
  const brokers = r.array((b) => ({
    id: b.int32(),
    host: b.string() ?? '',
    port: b.int32(),
    rack: b.string(),
  }));
  const clusterId = r.string();
  const controllerId = r.int32();
  const ints = (x: WireReader): number[] => x.array((y) => y.int32());
  const topics = r.array((t) => {
    const error = t.int16();
    const name = t.string() ?? '';
    const internal = t.bool();
    const partitions = t.array((p) => {
      p.int16(); // partition error
      const partition = p.int32();
      const leader = p.int32();
      p.int32(); // leader epoch
      return { partition, leader, replicas: ints(p), isr: ints(p), offline: ints(p) };
    });
    t.int32(); // authorized operations
    return { error, name, internal, partitions: partitions.sort((a, b) => a.partition - b.partition) };
  });
  return { brokers, clusterId, controllerId, topics };
}

function describeConfigsRequest(resources: ReadonlyArray<{ type: number; name: string }>): Buffer {
  return new WireWriter()
    .array(resources, (w, res) =>
      w
        .int8(res.type)
        .string(res.name)
        .array(null, (x, n: string) => x.string(n)),
    )
    .bool(false)
    .bytes();
}

function parseDescribeConfigs(r: WireReader): Map<string, Record<string, string | null>> {
  r.int32(); // throttle
  const out = new Map<string, Record<string, string | null>>();
  r.array((res) => {
    const error = res.int16();
    const message = res.string();
    const type = res.int8();
    const name = res.string() ?? '';
    const config: Record<string, string | null> = {};
    res.array((c) => {
      const key = c.string() ?? '';
      const value = c.string();
      c.bool(); // read only
      c.int8(); // source
      const sensitive = c.bool();
      c.array((s) => [s.string(), s.string(), s.int8()]); // synonyms
      config[key] = sensitive ? null : value;
    });
    if (error !== 0)
      throw new OpsError(
        'CLUSTER_UNREACHABLE',
        `configs of ${name}: error ${error}${message ? ` (${message})` : ''}`,
      );
    out.set(`${type}:${name}`, config);
  });
  return out;
}
