import fc from 'fast-check';
import { createProtobufCodec } from '../../../../src/serde/protobuf';
import {
  OrderSchema,
  type Order,
  type Order_Card,
  type Order_Line,
} from '../../../golden/protobuf/__golden__/default/shop/order_pb';
import * as alt from '../../../golden/protobuf/__golden__/alternative/shop/order_pb';
import {
  StockItemSchema,
  type StockItem,
} from '../../../golden/protobuf/__golden__/default/legacy/inventory_pb';
import {
  ReadingSchema,
  type Reading,
} from '../../../golden/protobuf/__golden__/default/telemetry/reading_pb';
import type { ProtobufJsonValue } from '../../../../src/serde/protobuf';

// Property: for any value of the generated output type, decode(encode(v)) equals v. The arbitraries are typed
// with the generated interfaces, so this also checks that the emitted types describe what the codec returns.

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const int64 = fc.oneof(
  fc.constantFrom(INT64_MIN, INT64_MAX, 0n, -1n),
  fc.bigInt({ min: INT64_MIN, max: INT64_MAX }),
);
const uint64 = fc.oneof(
  fc.constantFrom(0n, 2n ** 64n - 1n, 2n ** 53n + 1n),
  fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
);
const int32 = fc.integer({ min: -0x80000000, max: 0x7fffffff });
const uint32 = fc.integer({ min: 0, max: 0xffffffff });
const bytes = fc.uint8Array({ maxLength: 16 }).map((a) => Buffer.from(a));
const key = fc.string({ maxLength: 8 }).filter((k) => k !== '__proto__');
const dict = <T>(value: fc.Arbitrary<T>, k: fc.Arbitrary<string> = key): fc.Arbitrary<{ [key: string]: T }> =>
  fc.array(fc.tuple(k, value), { maxLength: 4 }).map((entries) => Object.fromEntries(entries));
// Known names, or numbers the enum does not declare (must survive unchanged).
const status = fc.oneof(
  fc.constantFrom('STATUS_UNSPECIFIED', 'STATUS_OPEN', 'STATUS_PAID', 'STATUS_CANCELLED'),
  fc.integer({ min: 4, max: 100_000 }),
);
const json: fc.Arbitrary<ProtobufJsonValue> = fc.letrec<{ value: ProtobufJsonValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.double(),
    fc.string({ maxLength: 6 }),
    fc.array(tie('value'), { maxLength: 3 }),
    dict(tie('value')),
  ),
})).value;
// Timestamps within protobuf's range, at millisecond precision (what Date holds).
const date = fc.date({
  min: new Date('0001-01-01T00:00:00Z'),
  max: new Date('9999-12-31T23:59:59.999Z'),
  noInvalidDate: true,
});
const opt = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(a, { nil: undefined });
/** Drops undefined properties: absent optional fields are absent after decoding. */
type Compact<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>;
};
const compact = <T extends object>(o: T): Compact<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Compact<T>;

const line: fc.Arbitrary<Order_Line> = fc
  .record({
    sku: fc.string({ maxLength: 6 }),
    quantity: uint32,
    unitPrice: opt(fc.record({ currency: fc.string({ maxLength: 3 }), units: int64 })),
  })
  .map(compact);
const card: fc.Arbitrary<Order_Card> = fc.record({
  last4: fc.string({ maxLength: 4 }),
  network: fc.oneof(
    fc.constantFrom('NETWORK_UNSPECIFIED', 'NETWORK_VISA', 'NETWORK_MASTERCARD'),
    fc.integer({ min: 3, max: 99 }),
  ),
});
const payment: fc.Arbitrary<Order['payment']> = fc.oneof(
  fc.constant({ case: undefined }),
  card.map((value) => ({ case: 'card' as const, value })),
  fc.string().map((value) => ({ case: 'voucherCode' as const, value })),
  fc.constant({ case: 'free' as const, value: {} }),
);

const order: fc.Arbitrary<Order> = fc
  .record({
    id: fc.string({ maxLength: 10 }),
    lines: fc.array(line, { maxLength: 3 }),
    status,
    note: opt(fc.string({ maxLength: 5 })),
    payment,
    createdAt: opt(date),
    holdFor: opt(fc.record({ seconds: int64, nanos: int32 })),
    priority: opt(int32),
    coupon: opt(fc.string({ maxLength: 4 })),
    loyaltyPoints: opt(int64),
    attributes: opt(dict(json)),
    extra: opt(json),
    extension: opt(fc.record({ typeUrl: fc.string({ maxLength: 20 }), value: bytes })),
    counters: dict(int64),
    legacyIds: dict(fc.string({ maxLength: 4 }), int64.map(String)),
    linesByPosition: dict(line, int32.map(String)),
    history: fc.array(status, { maxLength: 4 }),
    signature: bytes,
    sequence: uint64,
    balanceDelta: int64,
    checksum: uint64,
    weightKg: fc.double(),
    gift: fc.boolean(),
    legacyRef: fc.string({ maxLength: 3 }),
    tags: fc.array(int64, { maxLength: 4 }),
  })
  .map(compact);

describe('Protobuf codec round trip (property)', () => {
  it('decode(encode(order)) equals the order for any generated value', () => {
    const codec = createProtobufCodec(OrderSchema);
    fc.assert(
      fc.property(order, (o) => {
        expect(codec.decode(codec.encode(o))).toEqual(o);
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips with int64 as strings and numeric enums', () => {
    const codec = createProtobufCodec(alt.OrderSchema);
    const altOrder: fc.Arbitrary<
      Pick<alt.Order, 'sequence' | 'balanceDelta' | 'status' | 'holdFor' | 'payment'>
    > = fc.record({
      sequence: uint64.map(String),
      balanceDelta: int64.map(String),
      status: fc.integer({ min: 0, max: 1000 }),
      holdFor: fc
        .double({ min: -1e12, max: 1e12, noNaN: true })
        .map((ms) => Math.round(ms * 1000) / 1000 + 0),
      payment: fc.constant({ case: undefined }),
    });
    fc.assert(
      fc.property(altOrder, (o) => {
        const decoded = codec.decode(codec.encode(o));
        expect({
          ...decoded,
          holdFor: decoded.holdFor === undefined ? undefined : Math.round(decoded.holdFor * 1000) / 1000 + 0,
        }).toMatchObject(o);
      }),
      { numRuns: 200 },
    );
  });

  it('round-trips proto2 required/optional fields and editions presence', () => {
    const stock = createProtobufCodec(StockItemSchema);
    const item: fc.Arbitrary<StockItem> = fc
      .record({
        sku: fc.string(),
        quantity: opt(int32),
        kind: opt(fc.constantFrom('KIND_PHYSICAL', 'KIND_DIGITAL')),
        locations: fc.array(fc.string(), { maxLength: 3 }),
        lastAudit: opt(int64),
      })
      .map(compact);
    fc.assert(
      fc.property(item, (v) => void expect(stock.decode(stock.encode(v))).toEqual(v)),
      { numRuns: 100 },
    );

    const reading = createProtobufCodec(ReadingSchema);
    const r: fc.Arbitrary<Reading> = fc
      .record({
        sensorId: opt(fc.string()),
        value: opt(fc.double()),
        sequence: int32,
        at: opt(date),
        samples: fc.array(fc.float({ noDefaultInfinity: false }).map(Math.fround), { maxLength: 3 }),
        unit: opt(fc.constantFrom('UNIT_UNSPECIFIED', 'UNIT_CELSIUS')),
      })
      .map(compact);
    fc.assert(
      fc.property(r, (v) => void expect(reading.decode(reading.encode(v))).toEqual(v)),
      { numRuns: 100 },
    );
  });
});
