import { Enum, Namespace, Root, Type, parse, util, type ReflectionObject } from 'protobufjs';
import 'protobufjs/ext/descriptor';
import { FileDescriptorProto } from 'protobufjs/ext/descriptor';
import { protobufSchemaText } from '../../../../src/serde/protobuf/descriptor-text';
import fixtures from './fixtures/protoc-descriptors.json';

// Registries return Protobuf schemas as text or as a base64 FileDescriptorProto (the serialized form). The
// fixtures are FileDescriptorProtos written by protoc (the `serialized_pb` of Python's protobuf and
// googleapis-common-protos modules). Oracle: protobufjs building reflection straight from the descriptors;
// checked: the types parsed from the rendered text have the same fields, numbers, types, labels, maps,
// oneofs, enum values, extensions and services.
const DESCRIPTORS = fixtures as Record<string, string>;

function summary(root: Root): string[] {
  const out: string[] = [];
  const visit = (obj: ReflectionObject): void => {
    if (obj instanceof Type) {
      for (const f of obj.fieldsArray) {
        const r = f.resolve();
        const type = r.resolvedType ? r.resolvedType.fullName : f.type;
        const key = (f as { keyType?: string }).keyType;
        const oneof =
          f.partOf && !f.partOf.name.startsWith('_') ? ` oneof ${util.camelCase(f.partOf.name)}` : '';
        out.push(
          `${obj.fullName}.${util.camelCase(f.name)} = ${f.id} ${f.rule ?? ''} ${key ? `map<${key}> ` : ''}${type}${oneof}${f.extend ? ` extends ${f.extend}` : ''}`,
        );
      }
      out.push(
        `${obj.fullName} reserved ${JSON.stringify(obj.reserved ?? [])} ext ${JSON.stringify(obj.extensions ?? [])}`,
      );
    }
    if (obj instanceof Enum) out.push(`${obj.fullName} ${JSON.stringify(Object.entries(obj.values).sort())}`);
    if (obj instanceof Namespace) obj.nestedArray.forEach(visit);
    if (!(obj instanceof Namespace) && 'extend' in obj && (obj as { extend?: string }).extend)
      out.push(
        `${obj.parent?.fullName ?? ''}.${util.camelCase(obj.name)} extends ${(obj as { extend?: string }).extend}`,
      );
  };
  root.nestedArray.forEach(visit);
  return out.sort();
}

describe('serialized Protobuf schemas (base64 FileDescriptorProto) → .proto text', () => {
  it('renders protoc descriptors to text with the same types (22 files incl. descriptor.proto)', () => {
    const files = Object.values(DESCRIPTORS).map((b64) =>
      FileDescriptorProto.decode(Buffer.from(b64, 'base64')),
    );
    const oracle = (Root as unknown as { fromDescriptor(set: unknown): Root }).fromDescriptor({
      file: files,
    });
    oracle.resolveAll();
    const rendered = new Root();
    for (const [name, b64] of Object.entries(DESCRIPTORS)) {
      const text = protobufSchemaText(b64, name);
      expect(text).toMatch(/^syntax = "proto[23]";\n/);
      parse(text, rendered);
    }
    rendered.resolveAll();
    expect(summary(rendered)).toEqual(summary(oracle));
  });

  it('is deterministic and leaves .proto text alone', () => {
    const b64 = DESCRIPTORS['google/rpc/status.proto']!;
    expect(protobufSchemaText(b64)).toBe(protobufSchemaText(b64));
    const text = 'syntax = "proto3";\nmessage A { string x = 1; }\n';
    expect(protobufSchemaText(text)).toBe(text);
    expect(protobufSchemaText('')).toBe('');
  });

  it('renders a map, a oneof, proto3 optional and an import', () => {
    expect(protobufSchemaText(DESCRIPTORS['google/protobuf/struct.proto']!)).toContain(
      '  map<string, .google.protobuf.Value> fields = 1;',
    );
    expect(protobufSchemaText(DESCRIPTORS['google/rpc/status.proto']!)).toContain(
      'import "google/protobuf/any.proto";',
    );
    expect(protobufSchemaText(DESCRIPTORS['google/protobuf/struct.proto']!)).toMatch(
      /oneof kind \{\n {4}\.google/,
    );
  });
});

describe('serialized proto2 features protoc fixtures lack', () => {
  it('groups, required, defaults, packed, ranges and streaming render and parse back equal', () => {
    const file = {
      name: 'legacy.proto',
      package: 'legacy',
      syntax: 'proto2',
      messageType: [
        {
          name: 'Item',
          field: [
            { name: 'sku', number: 1, label: 'LABEL_REQUIRED', type: 'TYPE_STRING' },
            {
              name: 'note',
              number: 2,
              label: 'LABEL_OPTIONAL',
              type: 'TYPE_STRING',
              defaultValue: 'say "hi"',
            },
            { name: 'qty', number: 3, label: 'LABEL_OPTIONAL', type: 'TYPE_INT32', defaultValue: '-7' },
            {
              name: 'codes',
              number: 4,
              label: 'LABEL_REPEATED',
              type: 'TYPE_SINT64',
              options: { packed: true },
            },
            {
              name: 'result',
              number: 5,
              label: 'LABEL_REPEATED',
              type: 'TYPE_GROUP',
              typeName: '.legacy.Item.Result',
            },
            {
              name: 'kind',
              number: 6,
              label: 'LABEL_OPTIONAL',
              type: 'TYPE_ENUM',
              typeName: '.legacy.Kind',
              defaultValue: 'DIGITAL',
            },
          ],
          nestedType: [
            {
              name: 'Result',
              field: [{ name: 'url', number: 7, label: 'LABEL_OPTIONAL', type: 'TYPE_STRING' }],
            },
          ],
          extensionRange: [{ start: 100, end: 200 }],
          reservedRange: [{ start: 10, end: 13 }],
          reservedName: ['old'],
        },
      ],
      enumType: [
        {
          name: 'Kind',
          value: [
            { name: 'PHYSICAL', number: 0 },
            { name: 'DIGITAL', number: 1 },
          ],
          reservedRange: [{ start: 5, end: 6 }],
        },
      ],
      extension: [
        { name: 'tag', number: 100, label: 'LABEL_OPTIONAL', type: 'TYPE_STRING', extendee: '.legacy.Item' },
      ],
      service: [
        {
          name: 'Stock',
          method: [
            { name: 'Watch', inputType: '.legacy.Item', outputType: '.legacy.Item', serverStreaming: true },
          ],
        },
      ],
    };
    const descriptor = FileDescriptorProto.fromObject(file);
    const b64 = Buffer.from(FileDescriptorProto.encode(descriptor).finish()).toString('base64');
    const text = protobufSchemaText(b64);
    expect(text).toContain('  required string sku = 1;');
    expect(text).toContain('  optional string note = 2 [default = "say \\"hi\\""];');
    expect(text).toContain('  repeated sint64 codes = 4 [packed = true];');
    expect(text).toContain('  repeated group Result = 5 {\n    optional string url = 7;\n  }');
    expect(text).toContain('  extensions 100 to 199;');
    expect(text).toContain('  reserved 10 to 12;');
    expect(text).toContain('  reserved 5 to 6;'); // enum reserved ranges are inclusive
    expect(text).toContain('  rpc Watch (.legacy.Item) returns (stream .legacy.Item);');
    const rendered = new Root();
    parse(text, rendered);
    rendered.resolveAll();
    const oracle = (Root as unknown as { fromDescriptor(set: unknown): Root }).fromDescriptor({
      file: [descriptor],
    });
    oracle.resolveAll();
    expect(summary(rendered)).toEqual(summary(oracle));
    const item = rendered.lookupType('legacy.Item');
    expect(item.fields['note']?.defaultValue).toBe('say "hi"');
    expect(item.fields['qty']?.defaultValue).toBe(-7);
  });
});
