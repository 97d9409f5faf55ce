import { create, createFileRegistry, createMutableRegistry, type DescMessage } from '@bufbuild/protobuf';
import {
  file_google_protobuf_any,
  file_google_protobuf_duration,
  file_google_protobuf_empty,
  file_google_protobuf_struct,
  file_google_protobuf_timestamp,
  file_google_protobuf_wrappers,
  TimestampSchema,
  type Timestamp,
} from '@bufbuild/protobuf/wkt';
import { ProtobufDeserializer, ProtobufSerializer, SerdeType } from '@confluentinc/schemaregistry';
import { protobufSchema } from 'kgen';
import { createProtobufCodec, frame, frameHeader, unframe } from 'kgen/serde';
import { stackEnv, uniqueName } from '../../helpers/stack-env';
import * as golden from '../../golden/protobuf/__golden__/default/shop/order_pb';
import { DescriptorServingClient, descriptorsOf, registerShop, shopFiles } from './interop-fixtures';
import { officialRegistryClient } from '../../helpers/official-registry';

// Wire compatibility with @confluentinc/schemaregistry's ProtobufSerializer/ProtobufDeserializer (which use
// @bufbuild/protobuf descriptors) against the real registry: schemas registered as text with a reference
// to another subject and google/protobuf imports.
describe('Protobuf wire compatibility with the official JS serde', () => {
  const { registryUrl } = stackEnv();
  const files = shopFiles();
  const { protos, byText } = descriptorsOf(files);
  const WKT = new Map([
    ['google/protobuf/any.proto', file_google_protobuf_any],
    ['google/protobuf/duration.proto', file_google_protobuf_duration],
    ['google/protobuf/empty.proto', file_google_protobuf_empty],
    ['google/protobuf/struct.proto', file_google_protobuf_struct],
    ['google/protobuf/timestamp.proto', file_google_protobuf_timestamp],
    ['google/protobuf/wrappers.proto', file_google_protobuf_wrappers],
  ]);
  const registry = createFileRegistry(
    protos.get('shop/order.proto')!,
    (name) => WKT.get(name) ?? protos.get(name),
  );
  const desc = (name: string): DescMessage => registry.getMessage(name)!;

  const topic = uniqueName('pb-official');
  const valueSubject = `${topic}-value`;
  const commonSubject = uniqueName('pb-common');
  let orderId = 0;
  let client: DescriptorServingClient;

  // kgen descriptors as a lock file would pin them: the same schema text, the id the registry gave.
  const descriptorOf = <I, O>(d: typeof golden.OrderSchema | typeof golden.Order_CardSchema) =>
    protobufSchema<I, O>({ ...d, subject: valueSubject, id: orderId });

  beforeAll(async () => {
    ({ orderId } = await registerShop(
      officialRegistryClient(registryUrl),
      files,
      commonSubject,
      valueSubject,
    ));
    client = new DescriptorServingClient(registryUrl, byText);
  });

  // 2024-05-06T07:08:09.123456789Z: the default mapping keeps the nanoseconds.
  const createdAt = { seconds: 1_714_979_289n, nanos: 123_456_789 };
  const order: golden.OrderInput = {
    id: 'o-1',
    lines: [{ sku: 'sku-1', quantity: 3, unitPrice: { currency: 'EUR', units: 9_007_199_254_740_993n } }],
    status: 'STATUS_PAID',
    note: 'leave at door',
    payment: { case: 'card', value: { last4: '4242', network: 'NETWORK_VISA' } },
    createdAt,
    holdFor: { seconds: -5n, nanos: -1 },
    priority: 7,
    coupon: '',
    loyaltyPoints: -(2n ** 63n),
    attributes: { a: 1, b: [true, null, 'x'] },
    extra: 'hello',
    extension: { typeUrl: 'type.googleapis.com/shop.Header', value: Buffer.from([8, 1]) },
    counters: { clicks: 2n ** 62n },
    legacyIds: { '-7': 'neg', '9223372036854775807': 'max' },
    linesByPosition: { 2: { sku: 'x' } },
    history: ['STATUS_OPEN', 'STATUS_PAID'],
    signature: Buffer.from('sig'),
    sequence: 2n ** 64n - 1n,
    balanceDelta: -(2n ** 63n),
    checksum: 2n ** 64n - 2n,
    weightKg: 1.25,
    gift: true,
    tags: [1n, -1n],
  };

  it('our bytes decode with the official ProtobufDeserializer', async () => {
    const codec = createProtobufCodec(descriptorOf<golden.OrderInput, golden.Order>(golden.OrderSchema));
    const bytes = frame(frameHeader(orderId, codec.messageIndexes), codec.encode(order));
    const deserializer = new ProtobufDeserializer(client, SerdeType.VALUE, {});
    const msg = (await deserializer.deserialize(topic, bytes)) as Record<string, unknown> & {
      $typeName: string;
    };
    expect(msg.$typeName).toBe('shop.Order');
    expect(msg).toMatchObject({
      id: 'o-1',
      status: 2,
      note: 'leave at door',
      payment: { case: 'card', value: { last4: '4242', network: 1 } },
      priority: 7,
      coupon: '',
      loyaltyPoints: -(2n ** 63n),
      attributes: { a: 1, b: [true, null, 'x'] },
      extra: { kind: { case: 'stringValue', value: 'hello' } },
      counters: { clicks: 2n ** 62n },
      legacyIds: { '-7': 'neg', '9223372036854775807': 'max' },
      history: [1, 2],
      sequence: 2n ** 64n - 1n,
      balanceDelta: -(2n ** 63n),
      checksum: 2n ** 64n - 2n,
      weightKg: 1.25,
      gift: true,
      tags: [1n, -1n],
    });
    expect((msg['lines'] as Array<Record<string, unknown>>)[0]).toMatchObject({
      sku: 'sku-1',
      quantity: 3,
      unitPrice: { currency: 'EUR', units: 9_007_199_254_740_993n },
    });
    const ts = msg['createdAt'] as Timestamp;
    expect({ seconds: ts.seconds, nanos: ts.nanos }).toEqual(createdAt);
    expect(msg['holdFor']).toMatchObject({ seconds: -5n, nanos: -1 });
    expect(msg['extension']).toMatchObject({
      typeUrl: 'type.googleapis.com/shop.Header',
      value: new Uint8Array([8, 1]),
    });
    expect(Buffer.from(msg['signature'] as Uint8Array).toString()).toBe('sig');
    expect((msg['linesByPosition'] as Record<number, { sku: string }>)[2]?.sku).toBe('x');
  });

  it('official ProtobufSerializer bytes decode with ours, message indexes included', async () => {
    const serializer = new ProtobufSerializer(client, SerdeType.VALUE, {
      useLatestVersion: true,
      registry: createMutableRegistry(registry),
    });
    const msg = create(desc('shop.Order'), {
      id: 'o-2',
      lines: [{ sku: 's', quantity: 1, unitPrice: { currency: 'USD', units: -3n } }],
      status: 3,
      payment: { case: 'voucherCode', value: 'V-1' },
      createdAt: create(TimestampSchema, createdAt),
      priority: 0,
      attributes: { k: { nested: [1, 2] } },
      extra: { kind: { case: 'numberValue', value: 5 } },
      counters: { a: 1n },
      legacyIds: { '9223372036854775807': 'max' },
      history: [99],
      sequence: 5n,
      tags: [-(2n ** 63n)],
    });
    const bytes = await serializer.serialize(topic, msg);
    const parsed = unframe(bytes, true);
    expect(parsed.schemaId).toBe(orderId);
    const codec = createProtobufCodec(descriptorOf<golden.OrderInput, golden.Order>(golden.OrderSchema));
    expect(parsed.messageIndexes).toEqual([...codec.messageIndexes]);
    const decoded = codec.decode(parsed.payload);
    expect(decoded).toEqual({
      id: 'o-2',
      lines: [{ sku: 's', quantity: 1, unitPrice: { currency: 'USD', units: -3n } }],
      status: 'STATUS_CANCELLED',
      payment: { case: 'voucherCode', value: 'V-1' },
      createdAt,
      priority: 0,
      attributes: { k: { nested: [1, 2] } },
      extra: 5,
      counters: { a: 1n },
      legacyIds: { '9223372036854775807': 'max' },
      linesByPosition: {},
      history: [99],
      signature: Buffer.alloc(0),
      sequence: 5n,
      balanceDelta: 0n,
      checksum: 0n,
      weightKg: 0,
      gift: false,
      legacyRef: '',
      tags: [-(2n ** 63n)],
    } satisfies golden.Order);
  });

  it('agrees on the message-index path of a nested message that is not first ([1, 1])', async () => {
    const codec = createProtobufCodec(
      descriptorOf<golden.Order_CardInput, golden.Order_Card>(golden.Order_CardSchema),
    );
    expect(codec.messageIndexes).toEqual([1, 1]);

    const serializer = new ProtobufSerializer(client, SerdeType.VALUE, {
      useLatestVersion: true,
      registry: createMutableRegistry(registry),
    });
    const theirs = unframe(
      await serializer.serialize(topic, create(desc('shop.Order.Card'), { last4: '1111', network: 2 })),
      true,
    );
    expect(theirs.messageIndexes).toEqual([1, 1]);
    expect(codec.decode(theirs.payload)).toEqual({ last4: '1111', network: 'NETWORK_MASTERCARD' });

    const ours = frame(
      frameHeader(orderId, codec.messageIndexes),
      codec.encode({ last4: '9999', network: 77 }),
    );
    const msg = (await new ProtobufDeserializer(client, SerdeType.VALUE, {}).deserialize(topic, ours)) as {
      $typeName: string;
    };
    expect(msg).toMatchObject({ $typeName: 'shop.Order.Card', last4: '9999', network: 77 });
  });
});
