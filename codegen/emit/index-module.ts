import type { GeneratedFile } from '../model';
import { generatedHeader } from './header';
import { TOPIC_MAP_FILE } from './topic-map';
import { rootImport } from './ts-file';

export const INDEX_FILE = 'index.ts';

/** `index.ts` re-exporting every generated module and the topic map. */
export function emitIndexModule(files: readonly GeneratedFile[], sources: readonly string[]): GeneratedFile {
  const modules = files
    .map((f) => f.path)
    .filter((p) => p.endsWith('.ts') && !p.endsWith('.d.ts') && p !== INDEX_FILE)
    .map((p) => p.slice(0, -3))
    .sort();
  if (!modules.includes(TOPIC_MAP_FILE.slice(0, -3))) modules.push(TOPIC_MAP_FILE.slice(0, -3));
  const lines = modules.map((module) => `export * from '${rootImport(module)}';`);
  return { path: INDEX_FILE, content: `${generatedHeader({ sources })}${lines.join('\n')}\n` };
}
