import * as path from 'node:path';
import { ConfigNode, childPath } from './config-node';
import type {
  ResolvedConfig,
  ResolvedRegistry,
  ResolvedSubjectSelector,
  ResolvedTopic,
  ResolvedTopicSide,
  VersionPin,
} from './config-types';
import { resolveAvroSection, resolveProtobufSection } from './format-options';
import { resolveHeaders } from './resolve-headers';
import { IMPORT_EXTENSIONS } from '../emit/import-extension';

/** Where a config value came from: the file (for error messages) and the folder relative paths start at. */
export interface ConfigOrigin {
  readonly file?: string;
  readonly rootDir: string;
}

const TOP_KEYS = [
  '$schema',
  'registry',
  'subjects',
  'topics',
  'schemas',
  'pullDir',
  'lockFile',
  'output',
  'importExtension',
  'avro',
  'protobuf',
] as const;

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The one place options get their defaults. Pure: no file system, no environment. Every default is visible
 * in the result (snapshot-tested), and no option changes the meaning of another.
 */
export function resolveConfig(raw: unknown, origin: ConfigOrigin): ResolvedConfig {
  const root = new ConfigNode(raw, '$', origin.file);
  const get = root.object(TOP_KEYS);
  const dir = (node: ConfigNode, fallback: string): string =>
    path.resolve(origin.rootDir, node.isMissing ? fallback : node.string());
  if (!get('$schema').isMissing) get('$schema').string();

  const topics = get('topics').isMissing
    ? []
    : get('topics')
        .entries()
        .map(([name, node]) => resolveTopic(name, node));
  const explicit = get('subjects').isMissing ? [] : get('subjects').array().map(resolveSelector);
  const schemas = get('schemas');
  return {
    configFile: origin.file,
    rootDir: origin.rootDir,
    registry: get('registry').isMissing ? undefined : resolveRegistry(get('registry')),
    subjects: mergeSelectors(explicit, topics, root),
    topics,
    schemaDir: schemas.isMissing ? undefined : path.resolve(origin.rootDir, schemas.string()),
    pullDir: dir(get('pullDir'), 'kgen-schemas'),
    lockFile: dir(get('lockFile'), 'kgen.lock.json'),
    outDir: dir(get('output'), 'src/generated'),
    importExtension: get('importExtension').isMissing
      ? 'auto'
      : get('importExtension').oneOf([...IMPORT_EXTENSIONS, 'auto'] as const),
    avro: resolveAvroSection(get('avro')),
    protobuf: resolveProtobufSection(get('protobuf')),
  };
}

function resolveRegistry(node: ConfigNode): ResolvedRegistry {
  const get = node.object(['url', 'auth', 'timeoutMs']);
  const urlNode = get('url');
  const url = urlNode.string();
  const parsed = URL.canParse(url) ? new URL(url) : urlNode.fail('not a valid URL');
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') urlNode.fail('expected an http(s) URL');
  // Credentials in the URL would end up in the lock file and in error messages.
  if (parsed.username || parsed.password)
    urlNode.fail('credentials are not allowed in the URL; use registry.auth with environment variable names');
  const timeout = get('timeoutMs');
  return {
    url: url.replace(/\/+$/, ''),
    auth: resolveAuth(get('auth')),
    timeoutMs: timeout.isMissing ? 10_000 : timeout.positiveInteger(),
  };
}

function resolveAuth(node: ConfigNode): ResolvedRegistry['auth'] {
  if (node.isMissing) return { type: 'none' };
  const type = node
    .object(['type', 'usernameEnv', 'passwordEnv', 'tokenEnv'])('type')
    .oneOf(['basic', 'bearer'] as const);
  const envName = (n: ConfigNode): string => {
    const v = n.string();
    if (!ENV_NAME.test(v)) n.fail('expected the NAME of an environment variable (letters, digits, _)');
    return v;
  };
  if (type === 'basic') {
    const get = node.object(['type', 'usernameEnv', 'passwordEnv']);
    return { type, usernameEnv: envName(get('usernameEnv')), passwordEnv: envName(get('passwordEnv')) };
  }
  const get = node.object(['type', 'tokenEnv']);
  return { type, tokenEnv: envName(get('tokenEnv')) };
}

function resolveVersion(node: ConfigNode): VersionPin {
  if (node.isMissing || node.value === 'latest') return 'latest';
  if (typeof node.value === 'number') return node.positiveInteger();
  return node.fail(`expected "latest" or a positive integer, got ${JSON.stringify(node.value)}`);
}

function resolveSelector(node: ConfigNode): ResolvedSubjectSelector {
  if (typeof node.value === 'string') return { kind: 'subject', subject: node.string(), version: 'latest' };
  const probe = node.object(['subject', 'version', 'pattern']);
  if (!probe('pattern').isMissing) {
    const get = node.object(['pattern']);
    const pattern = get('pattern').string();
    try {
      new RegExp(pattern);
    } catch (err) {
      get('pattern').fail(`invalid regular expression: ${(err as Error).message}`);
    }
    return { kind: 'pattern', pattern };
  }
  if (probe('subject').isMissing) node.fail('expected a "subject" or a "pattern" key, got neither');
  const get = node.object(['subject', 'version']);
  return { kind: 'subject', subject: get('subject').string(), version: resolveVersion(get('version')) };
}

function resolveTopic(name: string, node: ConfigNode): ResolvedTopic {
  const get = node.object(['key', 'value', 'headers']);
  const headers = get('headers');
  return {
    name,
    key: resolveSide(name, 'key', get('key'), { kind: 'string' }),
    value: resolveSide(name, 'value', get('value'), undefined),
    ...(headers.isMissing ? {} : { headers: resolveHeaders(name, headers) }),
  };
}

const STRATEGIES = ['TopicNameStrategy', 'RecordNameStrategy', 'TopicRecordNameStrategy'] as const;

function resolveSide(
  topic: string,
  side: 'key' | 'value',
  node: ConfigNode,
  fallback: ResolvedTopicSide | undefined,
): ResolvedTopicSide {
  if (node.isMissing && fallback) return fallback;
  if (node.isMissing) return topicNameSide(topic, side, 'latest');
  if (typeof node.value === 'string') {
    const kind = node.oneOf(['string', 'bytes'] as const);
    return { kind };
  }
  const probe = node.object(['strategy', 'subject', 'records', 'record', 'version']);
  if (!probe('subject').isMissing) {
    const get = node.object(['subject', 'version', 'record']);
    const record = get('record').isMissing ? {} : { record: get('record').string() };
    return {
      kind: 'schema',
      strategy: 'subject',
      subjects: [{ subject: get('subject').string(), version: resolveVersion(get('version')), ...record }],
    };
  }
  if (probe('strategy').isMissing) node.fail('expected a "strategy" or a "subject" key, got neither');
  const strategy = probe('strategy').oneOf(STRATEGIES);
  if (strategy === 'TopicNameStrategy') {
    const get = node.object(['strategy', 'version', 'record']);
    const record = get('record').isMissing ? undefined : get('record').string();
    return topicNameSide(topic, side, resolveVersion(get('version')), record);
  }
  const get = node.object(['strategy', 'records', 'version']);
  const version = resolveVersion(get('version'));
  const records = get('records').array();
  if (records.length === 0) get('records').fail('expected at least one record full name');
  const seen = new Set<string>();
  return {
    kind: 'schema',
    strategy,
    subjects: records.map((r) => {
      const record = r.string();
      if (seen.has(record)) r.fail(`record "${record}" is listed twice`);
      seen.add(record);
      const subject = strategy === 'RecordNameStrategy' ? record : `${topic}-${record}`;
      return { subject, version, record };
    }),
  };
}

function topicNameSide(
  topic: string,
  side: 'key' | 'value',
  version: VersionPin,
  record?: string,
): ResolvedTopicSide {
  const subject = `${topic}-${side}`;
  return {
    kind: 'schema',
    strategy: 'TopicNameStrategy',
    subjects: [record === undefined ? { subject, version } : { subject, version, record }],
  };
}

/** Explicit selectors, then topic subjects not already listed; a subject pinned twice differently is an error. */
function mergeSelectors(
  explicit: readonly ResolvedSubjectSelector[],
  topics: readonly ResolvedTopic[],
  root: ConfigNode,
): ResolvedSubjectSelector[] {
  const out = [...explicit];
  const pins = new Map<string, { version: VersionPin; where: string }>();
  explicit.forEach((s, i) => {
    if (s.kind !== 'subject') return;
    const prev = pins.get(s.subject);
    if (prev && prev.version !== s.version)
      new ConfigNode(s, `$.subjects[${i}]`, root.file).fail(
        `subject "${s.subject}" is pinned to ${s.version} here and to ${prev.version} at ${prev.where}`,
      );
    if (!prev) pins.set(s.subject, { version: s.version, where: `$.subjects[${i}]` });
  });
  for (const topic of topics) {
    for (const side of ['key', 'value'] as const) {
      const resolved = topic[side];
      if (resolved.kind !== 'schema') continue;
      for (const { subject, version } of resolved.subjects) {
        const where = `${childPath('$.topics', topic.name)}.${side}`;
        const prev = pins.get(subject);
        if (prev && prev.version !== version)
          new ConfigNode(undefined, where, root.file).fail(
            `subject "${subject}" resolves to version ${version} here and to ${prev.version} at ${prev.where}`,
          );
        if (prev) continue;
        pins.set(subject, { version, where });
        out.push({ kind: 'subject', subject, version });
      }
    }
  }
  return out;
}
