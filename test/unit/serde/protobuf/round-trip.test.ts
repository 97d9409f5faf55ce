import fc from 'fast-check';
import { createProtobufCodec } from '../../../../src/serde/protobuf';
import { OrderSchema } from '../../../golden/protobuf/__golden__/default/shop/order_pb';
import * as alt from '../../../golden/protobuf/__golden__/alternative/shop/order_pb';
import { StockItemSchema } from '../../../golden/protobuf/__golden__/default/legacy/inventory_pb';
import { ReadingSchema } from '../../../golden/protobuf/__golden__/default/telemetry/reading_pb';
import { int64, order, reading as readingValue, stockItem, uint64 } from './arbitraries';

// Property: for any value of the generated output type, decode(encode(v)) equals v.

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
    fc.assert(
      fc.property(stockItem, (v) => void expect(stock.decode(stock.encode(v))).toEqual(v)),
      { numRuns: 100 },
    );

    const reading = createProtobufCodec(ReadingSchema);
    fc.assert(
      fc.property(readingValue, (v) => void expect(reading.decode(reading.encode(v))).toEqual(v)),
      { numRuns: 100 },
    );
  });
});
