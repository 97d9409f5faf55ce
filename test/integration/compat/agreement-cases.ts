import type { CompatLevel, SchemaFormat } from '../../../codegen/governance/types';

/**
 * The agreement table: schema changes with the verdict of the real registry (Apicurio 3.3 ccompat) per
 * level. kgen's offline checker must give the same verdict, except where `kgenDiffers` documents a
 * registry quirk (then kgen's verdict is the opposite, for the reason given).
 */
export interface AgreementCase {
  readonly name: string;
  readonly format: SchemaFormat;
  /** Previous versions, oldest first (registered with compatibility NONE before the level is set). */
  readonly previous: readonly string[];
  readonly next: string;
  /** Registry verdict per level. */
  readonly expect: Partial<Record<CompatLevel, boolean>>;
  /** Levels where kgen deliberately disagrees with the registry, and why. */
  readonly kgenDiffers?: Partial<Record<CompatLevel, string>>;
}

type Field = Record<string, unknown>;
const rec = (fields: Field[], extra: Field = {}): string =>
  JSON.stringify({ type: 'record', name: 'Order', namespace: 'com.acme', ...extra, fields });
const id: Field = { name: 'id', type: 'string' };
const qty: Field = { name: 'qty', type: 'int' };
const BASE = rec([id, qty]);
const enumOf = (symbols: string[], extra: Field = {}): string =>
  rec([id, { name: 'status', type: { type: 'enum', name: 'Status', symbols, ...extra } }]);
const union = (...branches: unknown[]): string => rec([id, { name: 'note', type: branches }]);
const fixed = (size: number): string =>
  rec([id, { name: 'hash', type: { type: 'fixed', name: 'Hash', size } }]);

const B = 'BACKWARD';
const F = 'FORWARD';
const FULL = 'FULL';
const v = (b: boolean, f: boolean, full: boolean): AgreementCase['expect'] => ({
  [B]: b,
  [F]: f,
  [FULL]: full,
});

const avro = (
  name: string,
  previous: string[],
  next: string,
  expect: AgreementCase['expect'],
): AgreementCase => ({
  name,
  format: 'AVRO',
  previous,
  next,
  expect,
});

export const AVRO_CASES: readonly AgreementCase[] = [
  avro(
    'add field with default',
    [BASE],
    rec([id, qty, { name: 'note', type: 'string', default: '' }]),
    v(true, true, true),
  ),
  avro(
    'add field without default',
    [BASE],
    rec([id, qty, { name: 'note', type: 'string' }]),
    v(false, true, false),
  ),
  avro('remove field without default', [BASE], rec([id]), v(true, false, false)),
  avro('remove field with default', [rec([id, { ...qty, default: 0 }])], rec([id]), v(true, true, true)),
  avro('promote int to long', [BASE], rec([id, { name: 'qty', type: 'long' }]), v(true, false, false)),
  avro('demote long to int', [rec([id, { name: 'qty', type: 'long' }])], BASE, v(false, true, false)),
  avro('promote int to double', [BASE], rec([id, { name: 'qty', type: 'double' }]), v(true, false, false)),
  avro(
    'promote float to double',
    [rec([id, { name: 'qty', type: 'float' }])],
    rec([id, { name: 'qty', type: 'double' }]),
    v(true, false, false),
  ),
  avro(
    'string to bytes',
    [rec([id, { name: 'b', type: 'string' }])],
    rec([id, { name: 'b', type: 'bytes' }]),
    v(true, true, true),
  ),
  avro('int to string', [BASE], rec([id, { name: 'qty', type: 'string' }]), v(false, false, false)),
  avro(
    'enum symbol added',
    [enumOf(['NEW', 'PAID'])],
    enumOf(['NEW', 'PAID', 'SHIPPED']),
    v(true, false, false),
  ),
  avro(
    'enum symbol added, old reader has enum default',
    [enumOf(['NEW', 'PAID'], { default: 'NEW' })],
    enumOf(['NEW', 'PAID', 'SHIPPED'], { default: 'NEW' }),
    v(true, true, true),
  ),
  avro(
    'enum symbol removed',
    [enumOf(['NEW', 'PAID', 'SHIPPED'])],
    enumOf(['NEW', 'PAID']),
    v(false, true, false),
  ),
  avro(
    'enum symbol removed, new reader has default',
    [enumOf(['NEW', 'PAID', 'SHIPPED'])],
    enumOf(['NEW', 'PAID'], { default: 'NEW' }),
    v(true, true, true),
  ),
  avro(
    'union branch added',
    [union('null', 'string')],
    union('null', 'string', 'int'),
    v(true, false, false),
  ),
  avro(
    'union branch removed',
    [union('null', 'string', 'int')],
    union('null', 'string'),
    v(false, true, false),
  ),
  avro(
    'field made nullable',
    [rec([id, { name: 'note', type: 'string' }])],
    union('null', 'string'),
    v(true, false, false),
  ),
  avro(
    'nullable field made required',
    [union('null', 'string')],
    rec([id, { name: 'note', type: 'string' }]),
    v(false, true, false),
  ),
  avro('record renamed without alias', [BASE], rec([id, qty], { name: 'Purchase' }), v(false, false, false)),
  avro(
    'record renamed with alias',
    [BASE],
    rec([id, qty], { name: 'Purchase', aliases: ['com.acme.Order'] }),
    v(true, false, false),
  ),
  avro(
    'field renamed with alias',
    [BASE],
    rec([id, { name: 'quantity', type: 'int', aliases: ['qty'] }]),
    v(true, false, false),
  ),
  avro(
    'field renamed without alias',
    [BASE],
    rec([id, { name: 'quantity', type: 'int' }]),
    v(false, false, false),
  ),
  avro('fixed size changed', [fixed(16)], fixed(32), v(false, false, false)),
  avro(
    'nested record gains field without default',
    [
      rec([
        id,
        { name: 'addr', type: { type: 'record', name: 'Addr', fields: [{ name: 'city', type: 'string' }] } },
      ]),
    ],
    rec([
      id,
      {
        name: 'addr',
        type: {
          type: 'record',
          name: 'Addr',
          fields: [
            { name: 'city', type: 'string' },
            { name: 'zip', type: 'string' },
          ],
        },
      },
    ]),
    v(false, true, false),
  ),
  avro(
    'array items int to long',
    [rec([id, { name: 'xs', type: { type: 'array', items: 'int' } }])],
    rec([id, { name: 'xs', type: { type: 'array', items: 'long' } }]),
    v(true, false, false),
  ),
  avro(
    'map values string to int',
    [rec([id, { name: 'm', type: { type: 'map', values: 'string' } }])],
    rec([id, { name: 'm', type: { type: 'map', values: 'int' } }]),
    v(false, false, false),
  ),
  avro('union int to union long', [union('null', 'int')], union('null', 'long'), v(true, false, false)),
  avro('record namespace changed', [BASE], rec([id, qty], { namespace: 'com.other' }), v(true, true, true)),
  avro(
    'recursive record gains field with default',
    [
      JSON.stringify({
        type: 'record',
        name: 'Node',
        fields: [
          { name: 'v', type: 'int' },
          { name: 'next', type: ['null', 'Node'] },
        ],
      }),
    ],
    JSON.stringify({
      type: 'record',
      name: 'Node',
      fields: [
        { name: 'v', type: 'int' },
        { name: 'next', type: ['null', 'Node'] },
        { name: 'w', type: 'int', default: 0 },
      ],
    }),
    v(true, true, true),
  ),
  avro('top-level primitive string to bytes', ['"string"'], '"bytes"', v(true, true, true)),
  avro('top-level primitive int to string', ['"int"'], '"string"', v(false, false, false)),
  avro(
    'two breaking changes at once',
    [BASE],
    rec([{ name: 'id', type: 'int' }, qty, { name: 'x', type: 'string' }]),
    v(false, false, false),
  ),
  avro('breaking change under NONE', [BASE], rec([{ name: 'id', type: 'int' }]), { NONE: true }),
  // Transitive: compatible with the latest version, not with an earlier one.
  avro(
    'type clash with an earlier version',
    [BASE, rec([id])],
    rec([id, { name: 'qty', type: 'string', default: '' }]),
    { BACKWARD: true, BACKWARD_TRANSITIVE: false },
  ),
  avro('earlier reader lacks a default', [BASE, rec([id, { ...qty, default: 0 }])], rec([id]), {
    FORWARD: true,
    FORWARD_TRANSITIVE: false,
    FULL: true,
    FULL_TRANSITIVE: false,
  }),
  avro(
    'chain of compatible additions',
    [BASE, rec([id, qty, { name: 'a', type: 'string', default: '' }])],
    rec([id, qty, { name: 'a', type: 'string', default: '' }, { name: 'b', type: 'int', default: 0 }]),
    { BACKWARD_TRANSITIVE: true, FORWARD_TRANSITIVE: true, FULL_TRANSITIVE: true },
  ),
  avro(
    'promotion chain int → long → float',
    [BASE, rec([id, { name: 'qty', type: 'long' }])],
    rec([id, { name: 'qty', type: 'float' }]),
    { BACKWARD: true, BACKWARD_TRANSITIVE: true, FORWARD_TRANSITIVE: false },
  ),
  avro(
    'default added after a removal clashes with the first type',
    [rec([id, { name: 'qty', type: 'string' }]), rec([id])],
    rec([id, { name: 'qty', type: 'int', default: 0 }]),
    { BACKWARD: true, BACKWARD_TRANSITIVE: false, FULL: true, FULL_TRANSITIVE: false },
  ),
  avro(
    'enum symbol the first version lacks',
    [enumOf(['A', 'B']), enumOf(['A', 'B', 'C'])],
    enumOf(['A', 'B', 'C']),
    { FORWARD: true, FORWARD_TRANSITIVE: false, BACKWARD_TRANSITIVE: true },
  ),
  avro(
    'three versions of compatible additions',
    [
      rec([id]),
      rec([id, { name: 'a', type: 'int', default: 0 }]),
      rec([id, { name: 'a', type: 'int', default: 0 }, { name: 'b', type: 'int', default: 0 }]),
    ],
    rec([
      id,
      { name: 'a', type: 'int', default: 0 },
      { name: 'b', type: 'int', default: 0 },
      { name: 'c', type: 'int', default: 0 },
    ]),
    { BACKWARD_TRANSITIVE: true, FORWARD_TRANSITIVE: true, FULL_TRANSITIVE: true },
  ),
  avro('type change under NONE', [BASE], rec([id, { name: 'qty', type: 'string' }]), { NONE: true }),
  avro('fixed size change under NONE', [fixed(16)], fixed(8), { NONE: true }),
  avro('record rename under NONE', [BASE], rec([id, qty], { name: 'Purchase' }), { NONE: true }),
];

const P = (body: string, pkg = 'shop'): string => `syntax = "proto3";\npackage ${pkg};\n\n${body}\n`;
const ORDER = P('message Order {\n  string id = 1;\n  int32 qty = 2;\n}');
const order = (fields: string, pkg?: string): string => P(`message Order {\n${fields}\n}`, pkg);
const proto = (
  name: string,
  previous: string[],
  next: string,
  expect: AgreementCase['expect'],
  kgenDiffers?: AgreementCase['kgenDiffers'],
): AgreementCase => ({
  name,
  format: 'PROTOBUF',
  previous,
  next,
  expect,
  ...(kgenDiffers ? { kgenDiffers } : {}),
});
const STATUS = (values: string): string =>
  P(`enum Status {\n${values}\n}\nmessage Order {\n  string id = 1;\n  Status status = 2;\n}`);

export const PROTOBUF_CASES: readonly AgreementCase[] = [
  proto(
    'field added',
    [ORDER],
    order('  string id = 1;\n  int32 qty = 2;\n  string note = 3;'),
    v(true, false, false),
  ),
  proto('field removed without reserve', [ORDER], order('  string id = 1;'), v(false, true, false)),
  proto(
    'field removed, number reserved',
    [ORDER],
    order('  string id = 1;\n  reserved 2;'),
    v(false, false, false),
  ),
  proto(
    'field removed, number and name reserved',
    [ORDER],
    order('  string id = 1;\n  reserved 2;\n  reserved "qty";'),
    v(true, false, false),
  ),
  proto('int32 to int64', [ORDER], order('  string id = 1;\n  int64 qty = 2;'), v(false, false, false)),
  proto('int32 to string', [ORDER], order('  string id = 1;\n  string qty = 2;'), v(false, false, false)),
  proto('field renamed', [ORDER], order('  string id = 1;\n  int32 quantity = 2;'), v(false, false, false)),
  proto('field number changed', [ORDER], order('  string id = 1;\n  int32 qty = 3;'), v(false, false, false)),
  proto(
    'package changed',
    [ORDER],
    order('  string id = 1;\n  int32 qty = 2;', 'store'),
    v(true, true, true),
  ),
  proto('message added', [ORDER], `${ORDER}\nmessage Extra {\n  string x = 1;\n}\n`, v(true, false, false)),
  proto(
    'second message removed',
    [`${ORDER}\nmessage Extra {\n  string x = 1;\n}\n`],
    ORDER,
    v(false, true, false),
  ),
  proto(
    'subject message renamed',
    [ORDER],
    P('message Purchase {\n  string id = 1;\n  int32 qty = 2;\n}'),
    v(false, false, false),
  ),
  proto(
    'enum value added',
    [STATUS('  NEW = 0;\n  PAID = 1;')],
    STATUS('  NEW = 0;\n  PAID = 1;\n  SHIPPED = 2;'),
    v(true, false, false),
  ),
  proto(
    'enum value removed',
    [STATUS('  NEW = 0;\n  PAID = 1;\n  SHIPPED = 2;')],
    STATUS('  NEW = 0;\n  PAID = 1;'),
    v(false, true, false),
  ),
  proto(
    'enum value renamed',
    [STATUS('  NEW = 0;\n  PAID = 1;')],
    STATUS('  NEW = 0;\n  SETTLED = 1;'),
    v(false, false, false),
  ),
  proto(
    'reserved number reused',
    [order('  string id = 1;\n  reserved 3;')],
    order('  string id = 1;\n  string note = 3;'),
    v(false, false, false),
  ),
  proto(
    'reserved range removed',
    [order('  string id = 1;\n  reserved 3;')],
    order('  string id = 1;'),
    v(false, true, false),
  ),
  proto(
    'field made repeated',
    [ORDER],
    order('  string id = 1;\n  repeated int32 qty = 2;'),
    v(false, false, false),
  ),
  proto(
    'message field type changed',
    [P('message A {\n  string a = 1;\n}\nmessage B {\n  string b = 1;\n}\nmessage Order {\n  A x = 1;\n}')],
    P('message A {\n  string a = 1;\n}\nmessage B {\n  string b = 1;\n}\nmessage Order {\n  B x = 1;\n}'),
    v(false, false, false),
  ),
  proto(
    'field added to existing oneof',
    [order('  string id = 1;\n  oneof pay {\n    string card = 2;\n  }')],
    order('  string id = 1;\n  oneof pay {\n    string card = 2;\n    string iban = 3;\n  }'),
    { BACKWARD: true },
  ),
  proto(
    'field removed from oneof',
    [order('  string id = 1;\n  oneof pay {\n    string card = 2;\n    string iban = 3;\n  }')],
    order('  string id = 1;\n  oneof pay {\n    string card = 2;\n  }'),
    { BACKWARD: false },
  ),
  proto(
    'two existing fields moved into a new oneof',
    [order('  string id = 1;\n  string card = 2;\n  string iban = 3;')],
    order('  string id = 1;\n  oneof pay {\n    string card = 2;\n    string iban = 3;\n  }'),
    { BACKWARD: true },
    {
      BACKWARD:
        'registry ignores oneofs; Confluent reports MULTIPLE_FIELDS_MOVED_TO_ONEOF (a writer may set both, a reader keeps one)',
    },
  ),
  proto(
    'nested message gains field',
    [P('message Order {\n  string id = 1;\n  Line line = 2;\n  message Line {\n    string sku = 1;\n  }\n}')],
    P(
      'message Order {\n  string id = 1;\n  Line line = 2;\n  message Line {\n    string sku = 1;\n    int32 n = 2;\n  }\n}',
    ),
    v(true, false, false),
  ),
  proto('breaking change under NONE', [ORDER], order('  int64 id = 1;'), { NONE: true }),
  proto(
    'type clash with an earlier version',
    [ORDER, order('  string id = 1;')],
    order('  string id = 1;\n  string qty = 2;'),
    { BACKWARD: true, BACKWARD_TRANSITIVE: false },
  ),
  proto(
    'earlier version had another type',
    [
      order('  string id = 1;\n  string qty = 2;'),
      order('  string id = 1;\n  int32 qty = 2;\n  string note = 3;'),
    ],
    ORDER,
    { FORWARD: true, FORWARD_TRANSITIVE: false },
  ),
  proto(
    'identical to latest, not to the first',
    [order('  string id = 1;\n  string qty = 2;'), ORDER],
    ORDER,
    { FULL: true, FULL_TRANSITIVE: false },
  ),
  proto('unchanged across versions', [ORDER, ORDER], ORDER, {
    BACKWARD_TRANSITIVE: true,
    FORWARD_TRANSITIVE: true,
    FULL_TRANSITIVE: true,
  }),
  proto(
    'field removed with reserve, then another added',
    [
      order('  string id = 1;\n  string note = 3;'),
      order('  string id = 1;\n  reserved 3;\n  reserved "note";'),
    ],
    order('  string id = 1;\n  int32 qty = 2;\n  reserved 3;\n  reserved "note";'),
    { BACKWARD: true, BACKWARD_TRANSITIVE: true, FORWARD: false, FORWARD_TRANSITIVE: false },
  ),
  proto(
    'number reused with another type after a removal',
    [order('  string id = 1;\n  string code = 4;'), order('  string id = 1;')],
    order('  string id = 1;\n  int32 code = 4;'),
    { BACKWARD: true, BACKWARD_TRANSITIVE: false, FULL_TRANSITIVE: false },
  ),
  proto(
    'subset of the latest, type clash with the first',
    [
      order('  string id = 1;\n  string qty = 2;\n  string note = 3;'),
      order('  string id = 1;\n  int32 qty = 2;\n  string note = 3;'),
    ],
    ORDER,
    { FORWARD: true, FORWARD_TRANSITIVE: false },
  ),
  proto(
    'rpc removed from a service',
    [
      `${ORDER}\nservice Orders {\n  rpc Get (Order) returns (Order);\n  rpc List (Order) returns (stream Order);\n}\n`,
    ],
    `${ORDER}\nservice Orders {\n  rpc Get (Order) returns (Order);\n}\n`,
    v(false, true, false),
  ),
  proto(
    'rpc signature changed to streaming',
    [`${ORDER}\nservice Orders {\n  rpc Get (Order) returns (Order);\n}\n`],
    `${ORDER}\nservice Orders {\n  rpc Get (Order) returns (stream Order);\n}\n`,
    v(false, false, false),
  ),
  proto('breaking type change under NONE', [ORDER], order('  string id = 1;\n  string qty = 2;'), {
    NONE: true,
  }),
  proto('rename under NONE', [ORDER], order('  string id = 1;\n  int32 quantity = 2;'), { NONE: true }),
  proto('message rename under NONE', [ORDER], P('message Purchase {\n  string id = 1;\n}'), { NONE: true }),
];

export const AGREEMENT_CASES: readonly AgreementCase[] = [...AVRO_CASES, ...PROTOBUF_CASES];
