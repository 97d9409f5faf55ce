import fc from 'fast-check';
import { createProtobufCodec, resolveProtobufOptions } from '../../../../src/serde/protobuf';
import { protobufSchema, type ProtobufCodecOptions } from '../../../../src/topics';
import { OrderSchema } from '../../../golden/protobuf/__golden__/default/shop/order_pb';
import * as alt from '../../../golden/protobuf/__golden__/alternative/shop/order_pb';
import { StockItemSchema } from '../../../golden/protobuf/__golden__/default/legacy/inventory_pb';
import { ReadingSchema } from '../../../golden/protobuf/__golden__/default/telemetry/reading_pb';
import { order, reading, stockItem } from './arbitraries';

// A service that consumes a record and produces it again must not change it: with the default options every
// mapping reads and writes back the same bytes. Lossy mappings (Timestamp as Date, Duration as milliseconds)
// are opt-in only.

function rewritesIdentically<T>(codec: { encode(v: T): Buffer; decode(b: Buffer): T }, arb: fc.Arbitrary<T>) {
  fc.assert(
    fc.property(arb, (v) => {
      const bytes = codec.encode(v);
      expect(codec.encode(codec.decode(bytes))).toEqual(bytes);
    }),
    { numRuns: 300 },
  );
}

const TIMES = `syntax = "proto3";
package t;
import "google/protobuf/timestamp.proto";
import "google/protobuf/duration.proto";
import "google/protobuf/wrappers.proto";
message T {
  google.protobuf.Timestamp at = 1;
  google.protobuf.Duration took = 2;
  google.protobuf.Int32Value n = 3;
  google.protobuf.StringValue s = 4;
}
`;
const codecOf = (options: Partial<ProtobufCodecOptions>) =>
  createProtobufCodec(
    protobufSchema<Record<string, unknown>, Record<string, unknown>>({
      name: 't.T',
      fileName: 't.proto',
      schema: TIMES,
      references: [],
      options: resolveProtobufOptions(options),
    }),
  );
describe('default Protobuf mapping is exact', () => {
  it('defaults Timestamp to the exact { seconds, nanos } message', () => {
    expect(resolveProtobufOptions({}).timestamp).toBe('message');
  });

  it('every default mapping writes back the bytes it read (Order, proto2, editions)', () => {
    rewritesIdentically(createProtobufCodec(OrderSchema), order);
    rewritesIdentically(createProtobufCodec(StockItemSchema), stockItem);
    rewritesIdentically(createProtobufCodec(ReadingSchema), reading);
  });

  it('keeps a Timestamp nanosecond and a Duration nanosecond', () => {
    const codec = codecOf({});
    const v = { at: { seconds: 1_714_979_289n, nanos: 123_456_789 }, took: { seconds: -1n, nanos: -1 } };
    expect(codec.decode(codec.encode(v))).toMatchObject(v);
  });

  it('a wrapper holding its default is written as the empty message a canonical encoder writes', () => {
    // Int32Value{} and StringValue{} (value 0 / ""): field 3 and 4, length 0.
    const canonical = Buffer.from([0x1a, 0x00, 0x22, 0x00]);
    const codec = codecOf({});
    expect(codec.decode(canonical)).toMatchObject({ n: 0, s: '' });
    expect(codec.encode(codec.decode(canonical))).toEqual(canonical);
  });
});

describe('Timestamp and Duration ranges and messages', () => {
  const exact = codecOf({});
  const dates = codecOf({ timestamp: 'date', duration: 'milliseconds' });

  it('an invalid Date says so, naming the field', () => {
    expect(() => dates.encode({ at: new Date(NaN) })).toThrow(
      /field "T\.at": expected a valid Date, got an invalid Date \(NaN time\)/,
    );
  });

  it('a Date outside Timestamp range is refused, naming the field', () => {
    expect(() => dates.encode({ at: new Date('+275760-09-13T00:00:00Z') })).toThrow(
      /field "T\.at": Date \+275760-09-13T00:00:00\.000Z is out of range for google\.protobuf\.Timestamp \(0001-01-01T00:00:00Z\.\.9999-12-31T23:59:59\.999999999Z\)/,
    );
    expect(() => dates.encode({ at: new Date('0000-12-31T23:59:59.999Z') })).toThrow(/T\.at.*out of range/);
    expect(() => dates.encode({ at: new Date('9999-12-31T23:59:59.999Z') })).not.toThrow();
    expect(() => dates.encode({ at: new Date('0001-01-01T00:00:00Z') })).not.toThrow();
  });

  it('the exact Timestamp: seconds and nanos in range', () => {
    expect(() => exact.encode({ at: { seconds: 253_402_300_799n, nanos: 999_999_999 } })).not.toThrow();
    expect(() => exact.encode({ at: { seconds: -62_135_596_800n } })).not.toThrow();
    expect(() => exact.encode({ at: { seconds: 253_402_300_800n } })).toThrow(
      /field "T\.at": Timestamp seconds 253402300800 is out of range \(0001-01-01T00:00:00Z\.\.9999-12-31T23:59:59\.999999999Z\)/,
    );
    expect(() => exact.encode({ at: { seconds: -62_135_596_801n } })).toThrow(/T\.at.*out of range/);
    expect(() => exact.encode({ at: { nanos: 1_000_000_000 } })).toThrow(
      /field "T\.at": Timestamp nanos 1000000000 is out of range \(0\.\.999999999\)/,
    );
    expect(() => exact.encode({ at: { nanos: -1 } })).toThrow(/T\.at.*nanos -1 is out of range/);
    expect(() => exact.encode({ at: { seconds: 1.5 } })).toThrow(
      /T\.at.*Timestamp\.seconds: expected an integer/,
    );
    expect(() => exact.encode({ at: { seconds: 1n, nano: 3 } })).toThrow(/T\.at.*unknown field "nano"/);
  });

  it('Duration: ±315 576 000 000 s, |nanos| < 1e9, one sign', () => {
    for (const ok of [
      { seconds: 315_576_000_000n, nanos: 999_999_999 },
      { seconds: -315_576_000_000n, nanos: -999_999_999 },
      { seconds: 0n, nanos: -5 },
    ])
      expect(() => exact.encode({ took: ok })).not.toThrow();
    expect(() => exact.encode({ took: { seconds: 315_576_000_001n } })).toThrow(
      /field "T\.took": Duration seconds 315576000001 is out of range \(±315576000000\)/,
    );
    expect(() => exact.encode({ took: { nanos: 1_000_000_000 } })).toThrow(
      /T\.took.*nanos 1000000000 is out of range/,
    );
    expect(() => exact.encode({ took: { seconds: 1n, nanos: -1 } })).toThrow(
      /field "T\.took": Duration seconds 1 and nanos -1 have opposite signs/,
    );
    expect(() => dates.encode({ took: 315_576_000_001_000 })).toThrow(/T\.took.*out of range/);
  });

  it('the lossy Date mapping still reads the millisecond (opt-in)', () => {
    const codec = createProtobufCodec(alt.OrderSchema);
    const at = new Date('2024-05-06T07:08:09.123Z');
    expect(codec.decode(codec.encode({ createdAt: at })).createdAt).toEqual(at);
  });
});
