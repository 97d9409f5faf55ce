import { summarize } from '../../../codegen/ops/bench/latency-stats';
import { Random, randomAvroJson } from '../../../codegen/ops/bench/random-values';
import { avroFromJson, AvroNames } from '../../../codegen/ops/record-json/avro-json';
import { jsonCodecOf } from '../../../codegen/ops/record-json/registry-json';

describe('bench latency summary', () => {
  it('nearest-rank percentiles of 1..100 ms', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(summarize(samples)).toEqual({
      count: 100,
      min: 1,
      mean: 50.5,
      p50: 50,
      p95: 95,
      p99: 99,
      max: 100,
    });
  });
  it('one sample is every percentile; none gives nulls', () => {
    expect(summarize([7.123])).toMatchObject({ min: 7.12, p50: 7.12, p99: 7.12, max: 7.12 });
    expect(summarize([])).toEqual({
      count: 0,
      min: null,
      mean: null,
      p50: null,
      p95: null,
      p99: null,
      max: null,
    });
  });
});

describe('random Avro values', () => {
  const schema = {
    type: 'record',
    name: 'R',
    namespace: 'n',
    fields: [
      { name: 'self', type: ['null', 'R'] },
      {
        name: 'u',
        type: ['int', 'string', { type: 'enum', name: 'E', symbols: ['A'] }, { type: 'array', items: 'E' }],
      },
      {
        name: 'd',
        type: { type: 'fixed', name: 'D', size: 8, logicalType: 'decimal', precision: 18, scale: 4 },
      },
      { name: 'm', type: { type: 'long', logicalType: 'timestamp-micros' } },
      { name: 'f', type: 'float' },
    ],
  };
  const names = new AvroNames([JSON.stringify(schema)]);
  const codec = jsonCodecOf({ schemaType: 'AVRO', schema: JSON.stringify(schema), references: [] });

  it('are valid (they encode), recursive types end, and a seed repeats its values', () => {
    const rnd = new Random(1);
    const values = Array.from({ length: 200 }, () => randomAvroJson(schema, names, rnd));
    for (const v of values) expect(codec.toJson(codec.fromJson(v).payload, undefined).json).toEqual(v);
    expect(values.map((v) => avroFromJson(schema, v, names))).toHaveLength(200);
    const again = new Random(1);
    expect(randomAvroJson(schema, names, again)).toEqual(values[0]);
  });
});
