import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SourceSchema } from '../../../../codegen/model';

/** Root of the example `.proto` set the golden tests generate from. */
export const PROTO_SCHEMAS = path.resolve(__dirname, '../../../../schemas/protobuf');

/** Every `.proto` under `dir`, as local sources (import path = path relative to `dir`). */
export function readProtoTree(dir: string = PROTO_SCHEMAS): SourceSchema[] {
  const out: SourceSchema[] = [];
  const walk = (rel: string): void => {
    for (const entry of fs
      .readdirSync(path.join(dir, rel), { withFileTypes: true })
      .sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else if (entry.name.endsWith('.proto'))
        out.push({
          format: 'PROTOBUF',
          path: child,
          text: fs.readFileSync(path.join(dir, child), 'utf8'),
          references: [],
        });
    }
  };
  walk('');
  return out;
}

/** The same set as registry subjects: `shop/order.proto` references `shop/common.proto` under its own subject. */
export function asRegistrySubjects(sources: readonly SourceSchema[]): SourceSchema[] {
  const subjectOf = (p: string): string => p.replace(/\.proto$/, '').replace(/\//g, '.');
  return sources.map((s, i) => ({
    ...s,
    subject: subjectOf(s.path),
    version: 1,
    id: 100 + i,
    references:
      s.path === 'shop/order.proto'
        ? [{ name: 'shop/common.proto', subject: 'shop.common', version: 1 }]
        : [],
  }));
}
