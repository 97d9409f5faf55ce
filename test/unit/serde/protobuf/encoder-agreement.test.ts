import fc from 'fast-check';
import type { Type } from 'protobufjs';
import { createProtobufCodec, descriptorFiles, resolveProtobufOptions } from '../../../../src/serde/protobuf';
import { buildProtobufRoot } from '../../../../src/serde/protobuf/build-root';
import { ShapeConverter } from '../../../../src/serde/protobuf/shape-converter';
import type { ProtobufSchemaDescriptor } from '../../../../src/topics';
import { OrderSchema } from '../../../golden/protobuf/__golden__/default/shop/order_pb';
import { StockItemSchema } from '../../../golden/protobuf/__golden__/default/legacy/inventory_pb';
import { ReadingSchema } from '../../../golden/protobuf/__golden__/default/telemetry/reading_pb';
import { order, reading as readingValue, stockItem } from './arbitraries';

// Property: the fused encoder writes the same bytes as protobufjs encoding the converter's output (the path
// the codec took before encoders were compiled), and the fused decoder reads protobufjs's own bytes back.

/** The codec, and the old path: `toWire` then protobufjs's encoder. */
function both<I, O>(descriptor: ProtobufSchemaDescriptor<I, O>) {
  const { root } = buildProtobufRoot(descriptor.fileName, descriptorFiles(descriptor));
  const type = root.lookupType(descriptor.name);
  const converter = new ShapeConverter(resolveProtobufOptions(descriptor.options), descriptor.name).forType(
    type,
  );
  const viaProtobufjs = (value: unknown): Buffer =>
    Buffer.from((type as Type).encode(converter.toWire(value, type.name, '')).finish());
  return { codec: createProtobufCodec(descriptor), viaProtobufjs };
}

describe('compiled Protobuf encoder agrees with protobufjs (property)', () => {
  it('writes the same bytes for any Order, and reads them back', () => {
    const { codec, viaProtobufjs } = both(OrderSchema);
    fc.assert(
      fc.property(order, (o) => {
        const expected = viaProtobufjs(o);
        expect(codec.encode(o)).toEqual(expected);
        expect(codec.decode(expected)).toEqual(o);
      }),
      { numRuns: 300 },
    );
  });

  it('writes the same bytes for proto2 and editions messages', () => {
    const stock = both(StockItemSchema);
    fc.assert(
      fc.property(stockItem, (v) => void expect(stock.codec.encode(v)).toEqual(stock.viaProtobufjs(v))),
      { numRuns: 100 },
    );

    const reading = both(ReadingSchema);
    fc.assert(
      fc.property(
        readingValue,
        (v) => void expect(reading.codec.encode(v)).toEqual(reading.viaProtobufjs(v)),
      ),
      { numRuns: 100 },
    );
  });

  it('frames into one buffer: header then the encoded value', () => {
    const { codec, viaProtobufjs } = both(OrderSchema);
    const header = Buffer.from([0, 0, 0, 0, 7, 2]);
    fc.assert(
      fc.property(order, (o) => {
        expect(codec.encodeFramed!(header, o)).toEqual(Buffer.concat([header, viaProtobufjs(o)]));
      }),
      { numRuns: 50 },
    );
  });
});
