import type { GeneratedFile } from '../model';
import { generatedHeader } from './header';
import { TOPIC_MAP_FILE } from './topic-map';
import { rootImport } from './ts-file';

export const INDEX_FILE = 'index.ts';

const exportedName =
  /^export\s+(?:declare\s+)?(?:interface|type|const|let|function|enum|class)\s+([A-Za-z_$][\w$]*)/gm;

function exportedNames(content: string): string[] {
  return [...content.matchAll(exportedName)].map((m) => m[1] as string);
}

/** `shop/order_pb` → `shop_order_pb`: the namespace a module is re-exported under when its names collide. */
export function moduleNamespace(module: string): string {
  const ident = module.replace(/[^A-Za-z0-9_$]/g, '_');
  return /^[0-9]/.test(ident) ? `_${ident}` : ident;
}

/**
 * `index.ts` re-exporting every generated module and the topic map. Modules whose exported names clash with
 * another module's (common across Protobuf packages, e.g. two `State` enums) are re-exported as namespaces
 * instead, so the index always compiles; everything else is re-exported flat.
 */
export function emitIndexModule(files: readonly GeneratedFile[], sources: readonly string[]): GeneratedFile {
  const byModule = new Map<string, string[]>();
  for (const f of files) {
    if (!f.path.endsWith('.ts') || f.path.endsWith('.d.ts') || f.path === INDEX_FILE) continue;
    byModule.set(f.path.slice(0, -3), exportedNames(f.content));
  }
  const topicModule = TOPIC_MAP_FILE.slice(0, -3);
  if (!byModule.has(topicModule)) byModule.set(topicModule, []);
  const owners = new Map<string, number>();
  for (const names of byModule.values())
    for (const n of new Set(names)) owners.set(n, (owners.get(n) ?? 0) + 1);
  const lines = [...byModule.keys()].sort().map((module) => {
    const clashes = (byModule.get(module) ?? []).some((n) => (owners.get(n) ?? 0) > 1);
    return clashes && module !== topicModule
      ? `export * as ${moduleNamespace(module)} from '${rootImport(module)}';`
      : `export * from '${rootImport(module)}';`;
  });
  return { path: INDEX_FILE, content: `${generatedHeader({ sources })}${lines.join('\n')}\n` };
}
