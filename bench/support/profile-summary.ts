// Summarises a V8 .cpuprofile: busy time per record and the top functions by self time.
// `npx tsx bench/support/profile-summary.ts consume.cpuprofile [records]`
import { readFileSync } from 'node:fs';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Not work of the profiled code: waiting, and the inspector serialising the profile itself. */
const NOT_BUSY = new Set(['(idle)', 'dispatch']);

function main(file: string, records: number): void {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)!.callFrame;
    const name = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop() ?? ''}`.trim();
    self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const busy = [...self].filter(([n]) => !NOT_BUSY.has(n.split(' ')[0]!)).reduce((s, [, t]) => s + t, 0);
  console.log(`busy ${(busy / 1000).toFixed(0)} ms, ${(busy / records).toFixed(2)} µs per record`);
  for (const [name, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25))
    if (!NOT_BUSY.has(name.split(' ')[0]!))
      console.log(`${((t / busy) * 100).toFixed(1).padStart(5)}%  ${name}`);
}

main(process.argv[2] ?? 'consume.cpuprofile', Number(process.argv[3] ?? 400_000));
