import { create, toBinary } from '@bufbuild/protobuf';
import {
  FieldDescriptorProto_Label as Label,
  FieldDescriptorProto_Type as FieldType,
  FileDescriptorProtoSchema,
  type DescriptorProto,
  type EnumDescriptorProto,
  type FileDescriptorProto,
} from '@bufbuild/protobuf/wkt';
import { Enum, Type, type Field } from 'protobufjs';
import { buildProtobufRoot, isBundledImport, type ProtoFiles } from '../../../src/serde/protobuf/build-root';
import { declarationsOf } from '../../../codegen/protobuf/naming';
import { isSyntheticOneof } from '../../../src/serde/protobuf/shape-converter';

// Test helper: the FileDescriptorProtos protoc would produce for a set of .proto texts (proto2/proto3), built
// from protobufjs reflection. The official serializers (JS: @bufbuild descriptors; Python: descriptor_pool)
// need them, and nothing here can run protoc.

const SCALARS: Readonly<Record<string, FieldType>> = {
  double: FieldType.DOUBLE,
  float: FieldType.FLOAT,
  int64: FieldType.INT64,
  uint64: FieldType.UINT64,
  int32: FieldType.INT32,
  fixed64: FieldType.FIXED64,
  fixed32: FieldType.FIXED32,
  bool: FieldType.BOOL,
  string: FieldType.STRING,
  bytes: FieldType.BYTES,
  uint32: FieldType.UINT32,
  sfixed32: FieldType.SFIXED32,
  sfixed64: FieldType.SFIXED64,
  sint32: FieldType.SINT32,
  sint64: FieldType.SINT64,
};

const snake = (camel: string): string => camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const pascal = (s: string): string =>
  s.replace(/(^|_)([a-z])/g, (_m, _u: string, c: string) => c.toUpperCase());

function typeOf(typeName: string, resolved: Type | Enum | null): { type: FieldType; typeName?: string } {
  if (resolved instanceof Type) return { type: FieldType.MESSAGE, typeName: resolved.fullName };
  if (resolved instanceof Enum) return { type: FieldType.ENUM, typeName: resolved.fullName };
  const type = SCALARS[typeName];
  if (type === undefined) throw new Error(`unsupported field type ${typeName}`);
  return { type };
}

function enumProto(e: Enum): EnumDescriptorProto {
  return create(FileDescriptorProtoSchema, {
    enumType: [{ name: e.name, value: Object.entries(e.values).map(([name, number]) => ({ name, number })) }],
  }).enumType[0]!;
}

function messageProto(t: Type, proto3: boolean): DescriptorProto {
  // protoc lists proto3 `optional` (synthetic) oneofs after the real ones; descriptor pools insist on it.
  const oneofs = [
    ...t.oneofsArray.filter((o) => !isSyntheticOneof(o)),
    ...t.oneofsArray.filter(isSyntheticOneof),
  ];
  const entries: DescriptorProto[] = [];
  const fields = t.fieldsArray
    .filter((f) => !f.declaringField)
    .map((f: Field) => {
      const name = f.protoName ?? snake(f.name);
      const base: {
        name: string;
        number: number;
        jsonName: string;
        oneofIndex?: number;
        proto3Optional?: boolean;
      } = {
        name,
        number: f.id,
        jsonName: f.name,
      };
      if (f.partOf) base.oneofIndex = oneofs.indexOf(f.partOf);
      if (f.options?.['proto3_optional'] === true) base.proto3Optional = true;
      if (f.map) {
        const keyType = (f as Field & { keyType: string }).keyType;
        const entryName = `${pascal(name)}Entry`;
        entries.push(
          create(FileDescriptorProtoSchema, {
            messageType: [
              {
                name: entryName,
                options: { mapEntry: true },
                field: [
                  {
                    name: 'key',
                    number: 1,
                    jsonName: 'key',
                    label: Label.OPTIONAL,
                    ...typeOf(keyType, null),
                  },
                  {
                    name: 'value',
                    number: 2,
                    jsonName: 'value',
                    label: Label.OPTIONAL,
                    ...typeOf(f.type, f.resolvedType),
                  },
                ],
              },
            ],
          }).messageType[0]!,
        );
        return {
          ...base,
          label: Label.REPEATED,
          type: FieldType.MESSAGE,
          typeName: `${t.fullName}.${entryName}`,
        };
      }
      const label = f.repeated ? Label.REPEATED : f.required ? Label.REQUIRED : Label.OPTIONAL;
      const dflt = f.options?.['default'];
      return {
        ...base,
        label,
        ...typeOf(f.type, f.resolvedType),
        ...(dflt !== undefined && !proto3 ? { defaultValue: String(dflt) } : {}),
      };
    });
  return create(FileDescriptorProtoSchema, {
    messageType: [
      {
        name: t.name,
        field: fields,
        // protoc adds map entries where the map field is declared; these schemas declare maps after nested types.
        nestedType: [
          ...t.nestedArray.filter((n): n is Type => n instanceof Type).map((n) => messageProto(n, proto3)),
          ...entries,
        ],
        enumType: t.nestedArray.filter((n): n is Enum => n instanceof Enum).map(enumProto),
        oneofDecl: oneofs.map((o) => ({ name: snake(o.name) })),
      },
    ],
  }).messageType[0]!;
}

/** Descriptors of `entry` and every file it imports (bundled `google/protobuf/*` excluded), dependencies first. */
export function fileDescriptors(entry: string, files: ProtoFiles): FileDescriptorProto[] {
  const { root, files: parsed, imports } = buildProtobufRoot(entry, files);
  return [...parsed].reverse().map((name) => {
    const text = files.get(name) ?? '';
    if (/^\s*edition\s*=/m.test(text))
      throw new Error(`${name}: editions are not supported by this test helper`);
    const proto3 = /syntax\s*=\s*["']proto3["']/.test(text);
    const pkg = /^\s*package\s+([\w.]+)\s*;/m.exec(text)?.[1] ?? '';
    const top = declarationsOf(root, name).filter((d) => !(d.parent instanceof Type));
    return create(FileDescriptorProtoSchema, {
      name,
      package: pkg,
      dependency: [...(imports.get(name) ?? [])],
      messageType: top.filter((d): d is Type => d instanceof Type).map((t) => messageProto(t, proto3)),
      enumType: top.filter((d): d is Enum => d instanceof Enum).map(enumProto),
      syntax: proto3 ? 'proto3' : 'proto2',
    });
  });
}

/** A FileDescriptorProto as the registry's `format=serialized` answer carries it: base64 of its bytes. */
export function serializedDescriptor(fd: FileDescriptorProto): string {
  return Buffer.from(toBinary(FileDescriptorProtoSchema, fd)).toString('base64');
}

export { isBundledImport };
