import fc from 'fast-check';
import {
  type Order,
  type Order_Card,
  type Order_Line,
} from '../../../golden/protobuf/__golden__/default/shop/order_pb';
import type { StockItem } from '../../../golden/protobuf/__golden__/default/legacy/inventory_pb';
import type { Reading } from '../../../golden/protobuf/__golden__/default/telemetry/reading_pb';
import type { ProtobufJsonValue } from '../../../../src/serde/protobuf';

// fast-check arbitraries over the golden generated Protobuf types, shared by the property tests. Typed with
// the generated interfaces, so the tests also check that the emitted types describe what the codec returns.

export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;
export const int64 = fc.oneof(
  fc.constantFrom(INT64_MIN, INT64_MAX, 0n, -1n),
  fc.bigInt({ min: INT64_MIN, max: INT64_MAX }),
);
export const uint64 = fc.oneof(
  fc.constantFrom(0n, 2n ** 64n - 1n, 2n ** 53n + 1n),
  fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
);
export const int32 = fc.integer({ min: -0x80000000, max: 0x7fffffff });
export const uint32 = fc.integer({ min: 0, max: 0xffffffff });
export const bytes = fc.uint8Array({ maxLength: 16 }).map((a) => Buffer.from(a));
export const key = fc.string({ maxLength: 8 }).filter((k) => k !== '__proto__');
export const dict = <T>(
  value: fc.Arbitrary<T>,
  k: fc.Arbitrary<string> = key,
): fc.Arbitrary<{ [key: string]: T }> =>
  fc.array(fc.tuple(k, value), { maxLength: 4 }).map((entries) => Object.fromEntries(entries));
// Known names, or numbers the enum does not declare (must survive unchanged).
export const status = fc.oneof(
  fc.constantFrom('STATUS_UNSPECIFIED', 'STATUS_OPEN', 'STATUS_PAID', 'STATUS_CANCELLED'),
  fc.integer({ min: 4, max: 100_000 }),
);
export const json: fc.Arbitrary<ProtobufJsonValue> = fc.letrec<{ value: ProtobufJsonValue }>((tie) => ({
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
export const date = fc.date({
  min: new Date('0001-01-01T00:00:00Z'),
  max: new Date('9999-12-31T23:59:59.999Z'),
  noInvalidDate: true,
});
// Exact timestamps over protobuf's whole range, at nanosecond precision (the default mapping).
export const timestamp = fc.record({
  seconds: fc.oneof(
    fc.constantFrom(-62_135_596_800n, 253_402_300_799n, 0n, -1n),
    fc.bigInt({ min: -62_135_596_800n, max: 253_402_300_799n }),
  ),
  nanos: fc.oneof(fc.constantFrom(0, 999_999_999), fc.integer({ min: 0, max: 999_999_999 })),
});
// Exact durations over protobuf's whole range: seconds and nanos never of opposite signs.
export const duration = fc
  .record({
    seconds: fc.oneof(
      fc.constantFrom(-315_576_000_000n, 315_576_000_000n, 0n),
      fc.bigInt({ min: -315_576_000_000n, max: 315_576_000_000n }),
    ),
    nanos: fc.integer({ min: 0, max: 999_999_999 }),
  })
  .chain(({ seconds, nanos }) =>
    seconds === 0n
      ? fc.constantFrom({ seconds, nanos }, { seconds, nanos: -nanos || 0 })
      : fc.constant({ seconds, nanos: seconds < 0n ? -nanos || 0 : nanos }),
  );
export const opt = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(a, { nil: undefined });
/** Drops undefined properties: absent optional fields are absent after decoding. */
export type Compact<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>;
};
export const compact = <T extends object>(o: T): Compact<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Compact<T>;

export const line: fc.Arbitrary<Order_Line> = fc
  .record({
    sku: fc.string({ maxLength: 6 }),
    quantity: uint32,
    unitPrice: opt(fc.record({ currency: fc.string({ maxLength: 3 }), units: int64 })),
  })
  .map(compact);
export const card: fc.Arbitrary<Order_Card> = fc.record({
  last4: fc.string({ maxLength: 4 }),
  network: fc.oneof(
    fc.constantFrom('NETWORK_UNSPECIFIED', 'NETWORK_VISA', 'NETWORK_MASTERCARD'),
    fc.integer({ min: 3, max: 99 }),
  ),
});
export const payment: fc.Arbitrary<Order['payment']> = fc.oneof(
  fc.constant({ case: undefined }),
  card.map((value) => ({ case: 'card' as const, value })),
  fc.string().map((value) => ({ case: 'voucherCode' as const, value })),
  fc.constant({ case: 'free' as const, value: {} }),
);

export const order: fc.Arbitrary<Order> = fc
  .record({
    id: fc.string({ maxLength: 10 }),
    lines: fc.array(line, { maxLength: 3 }),
    status,
    note: opt(fc.string({ maxLength: 5 })),
    payment,
    createdAt: opt(timestamp),
    holdFor: opt(duration),
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

export const stockItem: fc.Arbitrary<StockItem> = fc
  .record({
    sku: fc.string(),
    quantity: opt(int32),
    kind: opt(fc.constantFrom('KIND_PHYSICAL', 'KIND_DIGITAL')),
    locations: fc.array(fc.string(), { maxLength: 3 }),
    lastAudit: opt(int64),
  })
  .map(compact);

export const reading: fc.Arbitrary<Reading> = fc
  .record({
    sensorId: opt(fc.string()),
    value: opt(fc.double()),
    sequence: int32,
    at: opt(timestamp),
    samples: fc.array(fc.float({ noDefaultInfinity: false }).map(Math.fround), { maxLength: 3 }),
    unit: opt(fc.constantFrom('UNIT_UNSPECIFIED', 'UNIT_CELSIUS')),
  })
  .map(compact);
