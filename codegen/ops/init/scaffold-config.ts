/** A topic side as `kgen.config.json` writes it. */
export type SideConfig =
  | 'string'
  | { readonly strategy: 'TopicNameStrategy' }
  | { readonly strategy: 'TopicRecordNameStrategy'; readonly records: readonly string[] };

/** What init found for one topic. */
export interface TopicFinding {
  readonly topic: string;
  readonly key: SideConfig;
  /** Undefined: the registry has no value subject for the topic (it is listed, not configured). */
  readonly value: SideConfig | undefined;
  /** The subjects the sides use, for the summary. */
  readonly subjects: readonly string[];
}

const AVRO_FULL_NAME = /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/;

/**
 * Pure: matches topics to subjects by naming strategy. `<topic>-value` / `<topic>-key` → TopicNameStrategy;
 * `<topic>-<record full name>` subjects → TopicRecordNameStrategy with those records. RecordNameStrategy
 * subjects (just the record name) name no topic, so they cannot be matched and are left out.
 */
export function matchTopics(topics: readonly string[], subjects: readonly string[]): TopicFinding[] {
  const known = new Set(subjects);
  return [...topics].sort().map((topic) => {
    const key: SideConfig = known.has(`${topic}-key`) ? { strategy: 'TopicNameStrategy' } : 'string';
    const used = key === 'string' ? [] : [`${topic}-key`];
    if (known.has(`${topic}-value`))
      return { topic, key, value: { strategy: 'TopicNameStrategy' }, subjects: [...used, `${topic}-value`] };
    const prefix = `${topic}-`;
    const records = subjects
      .filter((s) => s.startsWith(prefix) && s !== `${topic}-key`)
      .map((s) => s.slice(prefix.length))
      .filter((r) => AVRO_FULL_NAME.test(r) && r.includes('.'))
      // A record subject of a longer topic name (`orders-eu.x` is not a record of `orders`) is rare; the
      // full-name test above already drops `orders-eu-value`.
      .sort();
    if (records.length > 0)
      return {
        topic,
        key,
        value: { strategy: 'TopicRecordNameStrategy', records },
        subjects: [...used, ...records.map((r) => `${prefix}${r}`)],
      };
    return { topic, key, value: undefined, subjects: used };
  });
}

/** The config file init writes for the chosen topics. */
export function configOf(registryUrl: string, chosen: readonly TopicFinding[]): Record<string, unknown> {
  const topics: Record<string, unknown> = {};
  for (const t of chosen) {
    if (t.value === undefined) continue;
    topics[t.topic] = { key: t.key, value: t.value };
  }
  return {
    registry: { url: registryUrl },
    topics,
    pullDir: 'kgen-schemas',
    lockFile: 'kgen.lock.json',
    output: 'src/generated',
  };
}

/** npm scripts init adds to package.json. */
export const KGEN_SCRIPTS: Readonly<Record<string, string>> = {
  'kgen:pull': 'kgen pull',
  'kgen:generate': 'kgen generate',
  'kgen:check': 'kgen generate --check',
  'kgen:doctor': 'kgen doctor',
};

/** A CI job (GitHub Actions) that fails when the generated code is stale or the cluster/registry drifted. */
export function ciWorkflow(): string {
  return `# Written by kgen init. Fails when the generated code no longer matches the registry, or when kgen doctor
# finds a critical problem (exit 4) with the cluster, its topics or their subjects.
name: kgen
on:
  pull_request:
  schedule:
    - cron: '0 6 * * *'
jobs:
  kgen:
    runs-on: ubuntu-latest
    env:
      KAFKA_BROKERS: \${{ vars.KAFKA_BROKERS }}
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - run: npm ci
      - run: npx kgen pull
      - run: npx kgen generate --check
      - run: npx kgen doctor --format github || [ $? -eq 3 ]
`;
}
