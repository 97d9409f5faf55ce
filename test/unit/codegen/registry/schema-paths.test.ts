import { pulledSchemaPath } from '../../../../codegen/registry/schema-paths';

describe('pulledSchemaPath', () => {
  it('keeps plain subject names readable', () => {
    expect(pulledSchemaPath('orders-value', 3, 'AVRO')).toBe('orders-value/v3.avsc');
    expect(pulledSchemaPath('com.acme.Order', 1, 'PROTOBUF')).toBe('com.acme.Order/v1.proto');
  });

  it('escapes separators and navigation so every subject stays inside the folder', () => {
    expect(pulledSchemaPath('a/b', 1, 'AVRO')).toBe('a~2F~b/v1.avsc');
    expect(pulledSchemaPath('..', 1, 'AVRO')).toBe('~2E~./v1.avsc');
    expect(pulledSchemaPath(':.ctx:orders', 1, 'AVRO')).toBe('~3A~.ctx~3A~orders/v1.avsc');
    expect(pulledSchemaPath('a~2F~b', 1, 'AVRO')).not.toBe(pulledSchemaPath('a/b', 1, 'AVRO'));
  });
});
