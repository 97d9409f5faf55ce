import type { SourceSchema } from '../../../../codegen/model';

/**
 * A deterministic tree of real-world-sized `.proto` files for scale tests: `chains` import chains of `depth`
 * files each; every file imports the previous one in its chain and up to two files of other chains, and
 * declares several messages (with nested messages, enums, maps, oneofs, well-known types and comments).
 */
export interface TreeShape {
  readonly chains: number;
  readonly depth: number;
  /** Top-level messages per file. */
  readonly messages: number;
}

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SCALARS = [
  'string',
  'int32',
  'int64',
  'uint64',
  'bool',
  'double',
  'bytes',
  'sint64',
  'fixed32',
  'float',
];
const WKTS = [
  'google.protobuf.Timestamp',
  'google.protobuf.StringValue',
  'google.protobuf.Int64Value',
  'google.protobuf.Struct',
  'google.protobuf.Duration',
];

export function syntheticTree(shape: TreeShape, seed = 42): SourceSchema[] {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const pathOf = (c: number, d: number): string => `org/chain${c}/level${d}.proto`;
  const pkgOf = (c: number, d: number): string => `org.chain${c}.level${d}`;
  const out: SourceSchema[] = [];
  for (let c = 0; c < shape.chains; c++) {
    for (let d = 0; d < shape.depth; d++) {
      const imports: Array<[number, number]> = [];
      if (d > 0) imports.push([c, d - 1]);
      for (let k = 0; k < 2 && d > 0; k++) {
        const oc = Math.floor(rand() * shape.chains);
        const od = Math.floor(rand() * d);
        if (oc !== c && !imports.some(([a, b]) => a === oc && b === od)) imports.push([oc, od]);
      }
      const foreign = imports.map(
        ([ic, id]) => `${pkgOf(ic, id)}.Entity${Math.floor(rand() * shape.messages)}`,
      );
      const lines: string[] = [
        'syntax = "proto3";',
        '',
        `// Level ${d} of chain ${c}: generated for kgen's scale test.`,
        `package ${pkgOf(c, d)};`,
        '',
        'import "google/protobuf/timestamp.proto";',
        'import "google/protobuf/wrappers.proto";',
        'import "google/protobuf/struct.proto";',
        'import "google/protobuf/duration.proto";',
        ...imports.map(([ic, id]) => `import "${pathOf(ic, id)}";`),
        '',
        `// Shared state of entities at level ${d}.`,
        'enum State {',
        '  STATE_UNSPECIFIED = 0;',
        '  STATE_ACTIVE = 1;',
        '  STATE_SUSPENDED = 2;',
        '  STATE_DELETED = 3;',
        '}',
      ];
      for (let m = 0; m < shape.messages; m++) {
        lines.push('', `// Entity ${m} of level ${d}; carries a mix of field kinds.`, `message Entity${m} {`);
        lines.push(
          `  // Detail record nested in Entity${m}.`,
          '  message Detail {',
          '    string key = 1;',
          '    repeated int64 values = 2;',
          '    State state = 3;',
          '  }',
        );
        lines.push(
          '  enum Kind {',
          '    KIND_UNSPECIFIED = 0;',
          '    KIND_PRIMARY = 1;',
          '    KIND_SECONDARY = 2;',
          '  }',
        );
        let n = 1;
        const fieldCount = 10 + Math.floor(rand() * 10);
        for (let f = 0; f < fieldCount; f++) {
          const r = rand();
          const name = `field_${f}`;
          if (f % 3 === 0) lines.push(`  // Field ${f}: documented for JSDoc.`);
          if (r < 0.45) lines.push(`  ${pick(SCALARS)} ${name} = ${n++};`);
          else if (r < 0.55) lines.push(`  repeated ${pick(SCALARS)} ${name} = ${n++};`);
          else if (r < 0.63) lines.push(`  map<string, ${pick(SCALARS)}> ${name} = ${n++};`);
          else if (r < 0.72) lines.push(`  ${pick(WKTS)} ${name} = ${n++};`);
          else if (r < 0.8) lines.push(`  optional ${pick(SCALARS)} ${name} = ${n++};`);
          else if (r < 0.88 && foreign.length > 0) lines.push(`  ${pick(foreign)} ${name} = ${n++};`);
          else if (r < 0.94) lines.push(`  repeated Detail ${name} = ${n++};`);
          else lines.push(`  Kind ${name} = ${n++};`);
        }
        lines.push(
          '  oneof choice {',
          `    Detail detail = ${n++};`,
          `    string label = ${n++};`,
          `    State state = ${n++};`,
          '  }',
        );
        lines.push(`  google.protobuf.Timestamp updated_at = ${n};`, '}');
      }
      out.push({ format: 'PROTOBUF', path: pathOf(c, d), text: `${lines.join('\n')}\n`, references: [] });
    }
  }
  return out;
}
