import type { ResolvedHeaders } from '../config/config-types';
import type { EmittedSchema, GeneratedFile } from '../model';
import { headersExpression } from './topic-headers';
import { generatedHeader } from './header';
import { importLine, propertyKey, rootImport } from './ts-file';
import { RUNTIME_MODULE } from './runtime-import';

/** A topic side bound to what the generators emitted. */
export type BoundSide =
  | { readonly kind: 'string' }
  | { readonly kind: 'bytes' }
  /** One schema, or several (a multi-type topic → `oneOf(...)`). */
  | { readonly kind: 'schemas'; readonly schemas: readonly EmittedSchema[] };

export interface BoundTopic {
  readonly name: string;
  readonly key: BoundSide;
  readonly value: BoundSide;
  /** The topic's declared headers, if any. */
  readonly headers?: ResolvedHeaders;
}

export const TOPIC_MAP_FILE = 'topics.ts';

/**
 * `topics.ts`: imports each descriptor from its module and declares `topics = defineTopics({...})`, plus a
 * `Topics` type. Descriptor names that clash across modules are imported under numbered aliases.
 */
export function emitTopicMap(topics: readonly BoundTopic[], sources: readonly string[]): GeneratedFile {
  const runtime = new Set<string>(['defineTopics']);
  const imports = new Map<string, Map<string, string>>(); // module → export → local name
  const usedLocals = new Set<string>();
  const localName = (s: EmittedSchema): string => {
    const forModule = imports.get(s.module) ?? new Map<string, string>();
    imports.set(s.module, forModule);
    const existing = forModule.get(s.descriptorExport);
    if (existing) return existing;
    let local = s.descriptorExport;
    for (let n = 2; usedLocals.has(local); n++) local = `${s.descriptorExport}_${n}`;
    usedLocals.add(local);
    forModule.set(s.descriptorExport, local);
    return local;
  };
  const sideExpr = (side: BoundSide): string => {
    if (side.kind === 'string') {
      runtime.add('stringSerde');
      return 'stringSerde';
    }
    if (side.kind === 'bytes') {
      runtime.add('bytesSerde');
      return 'bytesSerde';
    }
    const names = side.schemas.map(localName);
    if (names.length === 1) return names[0]!;
    runtime.add('oneOf');
    return `oneOf(${names.join(', ')})`;
  };
  const sorted = [...topics].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // Aliases follow module order, so a clash resolves the same way whatever the topic names are.
  const used = sorted
    .flatMap((t) => [t.key, t.value])
    .flatMap((side) => (side.kind === 'schemas' ? side.schemas : []))
    .sort((a, b) => (a.module < b.module ? -1 : a.module > b.module ? 1 : 0));
  for (const s of used) localName(s);
  const entries = sorted.map((t) => {
    const headers = t.headers === undefined ? '' : `, headers: ${headersExpression(t.headers, runtime)}`;
    return `${propertyKey(t.name)}: { key: ${sideExpr(t.key)}, value: ${sideExpr(t.value)}${headers} }`;
  });

  const importLines = [
    importLine(
      RUNTIME_MODULE,
      [...runtime].map((name) => ({ name })),
    ),
  ];
  for (const module of [...imports.keys()].sort()) {
    const named = [...imports.get(module)!].map(([name, alias]) => ({ name, alias }));
    importLines.push(importLine(rootImport(module), named));
  }
  const body = [
    ...importLines,
    '',
    '/** Topic name → key/value descriptors; pass to `createClient({ topics })`. */',
    entries.length === 0
      ? 'export const topics = defineTopics({});'
      : ['export const topics = defineTopics({', ...entries.map((e) => `  ${e},`), '});'].join('\n'),
    '',
    '/** The type of `topics`. */',
    'export type Topics = typeof topics;',
    '',
  ].join('\n');
  return { path: TOPIC_MAP_FILE, content: `${generatedHeader({ sources })}${body}` };
}
