import avro from 'avsc';
import fc from 'fast-check';
import { buildAvroModel } from '../../../../../codegen/governance/avro/avro-model';
import { checkAvroResolution } from '../../../../../codegen/governance/avro/check-avro-resolution';

// avsc's resolver (Type#createResolver) implements the same specification independently: for random pairs of
// records, kgen reports no finding exactly when avsc can build a resolver.
const primitive = fc.constantFrom('int', 'long', 'float', 'double', 'string', 'bytes', 'boolean');
const fieldType = fc.oneof(
  primitive,
  fc.constantFrom(['null', 'string'], ['null', 'int'], ['null', 'long'], ['string', 'int']),
  fc.record({ type: fc.constant('array'), items: primitive }),
  fc.record({ type: fc.constant('map'), values: primitive }),
  fc
    .subarray(['A', 'B', 'C', 'D'], { minLength: 1 })
    .map((symbols) => ({ type: 'enum', name: 'E', symbols })),
);
const DEFAULTS: Record<string, unknown> = {
  int: 0,
  long: 0,
  float: 0,
  double: 0,
  string: '',
  bytes: '',
  boolean: false,
};
const field = fc
  .record({ name: fc.constantFrom('a', 'b', 'c', 'd', 'e'), type: fieldType, withDefault: fc.boolean() })
  .map(({ name, type, withDefault }) => {
    // A valid default per type: first union branch, first enum symbol, empty container.
    const t = type as unknown;
    const obj = (typeof t === 'object' && t !== null && !Array.isArray(t) ? t : {}) as Record<
      string,
      unknown
    >;
    const dflt = Array.isArray(t)
      ? t[0] === 'null'
        ? null
        : ''
      : typeof t === 'string'
        ? DEFAULTS[t]
        : Array.isArray(obj['symbols'])
          ? (obj['symbols'] as unknown[])[0]
          : obj['type'] === 'array'
            ? []
            : {};
    // Enum names follow the field so that a record never defines one name twice.
    const named = Array.isArray(obj['symbols']) ? { ...obj, name: `E${name}` } : type;
    return withDefault ? { name, type: named, default: dflt } : { name, type: named };
  });
const record = fc
  .uniqueArray(field, { selector: (f) => f.name, maxLength: 4 })
  .map((fields) => ({ type: 'record', name: 'R', fields }));

describe('Avro resolution agrees with avsc createResolver', () => {
  it('on random record pairs', () => {
    fc.assert(
      fc.property(record, record, (reader, writer) => {
        let avscOk = true;
        try {
          avro.Type.forSchema(reader as avro.Schema).createResolver(
            avro.Type.forSchema(writer as avro.Schema),
          );
        } catch {
          avscOk = false;
        }
        const findings = checkAvroResolution(buildAvroModel(reader, 'r'), buildAvroModel(writer, 'w'));
        expect({ reader, writer, kgen: findings.length === 0 }).toEqual({ reader, writer, kgen: avscOk });
      }),
      { numRuns: 2000 },
    );
  });
});
