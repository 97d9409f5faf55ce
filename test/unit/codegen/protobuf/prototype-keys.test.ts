import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateProtobuf } from '../../../../codegen/protobuf';
import { createProtobufCodec, resolveProtobufOptions } from '../../../../src/serde/protobuf';
import { protobufSchema } from '../../../../src/topics';
import { compileGenerated } from './compile-generated';

// Schema-supplied names that are Object.prototype members: fields `constructor`/`to_string`, a oneof
// `has_own_property`, enum values `toString`, map and Struct keys `__proto__`. None may be read from, or
// written to, the prototype.
const SCHEMA = `syntax = "proto3";
package p;
import "google/protobuf/struct.proto";
enum E { valueOf = 0; toString = 1; constructor = 2; }
message M {
  string constructor = 1;
  string to_string = 2;
  map<string, int32> m = 3;
  E e = 4;
  google.protobuf.Struct s = 5;
  oneof has_own_property { string value_of = 6; }
}
`;
const codec = createProtobufCodec(
  protobufSchema<Record<string, unknown>, Record<string, unknown>>({
    name: 'p.M',
    fileName: 'p.proto',
    schema: SCHEMA,
    references: [],
    options: resolveProtobufOptions({}),
  }),
);
const EMPTY = { constructor: '', toString: '', m: {}, e: 'valueOf', hasOwnProperty: { case: undefined } };

describe('Protobuf names that are Object.prototype members', () => {
  it('leaving out fields named constructor/toString/hasOwnProperty encodes their defaults', () => {
    expect(codec.encode({})).toEqual(Buffer.alloc(0));
    expect(codec.accepts({})).toBe(true);
    expect(codec.decode(codec.encode({}))).toEqual(EMPTY);
  });

  it('an enum value named toString encodes; hasOwnProperty is not a value', () => {
    expect(codec.decode(codec.encode({ e: 'toString' }))['e']).toBe('toString');
    expect(() => codec.encode({ e: 'hasOwnProperty' })).toThrow(
      /field "M\.e": unknown E value "hasOwnProperty"/,
    );
  });

  it('map and Struct keys __proto__ are kept as own entries', () => {
    const value = { m: JSON.parse('{"__proto__": 5}'), s: JSON.parse('{"__proto__": {"a": 1}}') };
    expect(codec.accepts(value)).toBe(true);
    const decoded = codec.decode(codec.encode(value));
    expect(Object.keys(decoded['m'] as object)).toEqual(['__proto__']);
    expect(Object.keys(decoded['s'] as object)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(decoded['s'])).toBe(Object.prototype);
    expect(codec.encode(decoded)).toEqual(codec.encode(value));
  });

  it('the emitted module names them and compiles', () => {
    const out = generateProtobuf([{ format: 'PROTOBUF', path: 'p.proto', text: SCHEMA, references: [] }], {});
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kgen-proto-keys-'));
    try {
      expect(out.files[0]!.content).toContain('  toString: string;');
      expect(compileGenerated(out.files, dir).diagnostics).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Protobuf options keyed by Object.prototype member names', () => {
  it.each(['constructor', 'toString', '__proto__'])('"%s" is an unknown option, not a crash', (key) => {
    expect(() => resolveProtobufOptions(JSON.parse(`{"${key}": "x"}`))).toThrow(
      new RegExp(
        `Protobuf options: unknown option "${key}" \\(known: int64, enums, timestamp, duration, wrappers\\)`,
      ),
    );
  });
});
