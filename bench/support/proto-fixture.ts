// The 7-field Protobuf message every serde impl encodes and decodes, registered once on the local registry.
import {
  create,
  createFileRegistry,
  createMutableRegistry,
  fromBinary,
  type DescMessage,
} from '@bufbuild/protobuf';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import { ProtobufSerializer, SchemaRegistryClient, SerdeType } from '@confluentinc/schemaregistry';
import { SchemaRegistry as CsrRegistry } from '@kafkajs/confluent-schema-registry';
import * as protobuf from 'protobufjs';
import 'protobufjs/ext/descriptor';
import { createClient, defineTopics, protobufSchema, stringSerde } from 'kgen';
import { createTopicDeserializer, createTopicSerializer, frameHeader, serdeContextOf } from 'kgen/serde';
import { registryUrl, unique } from './stack';

export const protoText = `syntax = "proto3";
package bench;

message BenchOrder {
  string id = 1;
  string customer_id = 2;
  double amount = 3;
  int32 quantity = 4;
  string currency = 5;
  int64 created_at = 6;
  bool express = 7;
}
`;

export interface BenchOrderProto {
  id: string;
  customerId: string;
  amount: number;
  quantity: number;
  currency: string;
  createdAt: bigint;
  express: boolean;
}

export const sample: BenchOrderProto = {
  id: 'order-000123',
  customerId: 'customer-42',
  amount: 129.95,
  quantity: 3,
  currency: 'EUR',
  createdAt: 1_700_000_000_123n,
  express: true,
};
/** The same message as protobufjs takes it (int64 as a number). */
export const rawSample = { ...sample, createdAt: 1_700_000_000_123 };

/** protobuf-es descriptor of the message, which the official Protobuf serializer needs. */
function esDescriptor(root: protobuf.Root): DescMessage {
  const set = (root as unknown as { toDescriptor(syntax: string): protobuf.Message }).toDescriptor('proto3');
  const bytes = (set.constructor as unknown as protobuf.Type).encode(set).finish();
  return createFileRegistry(fromBinary(FileDescriptorSetSchema, bytes)).getMessage('bench.BenchOrder')!;
}

/** Every Protobuf impl ready to run. */
export async function protoImpls() {
  const topic = unique('bench-proto');
  const subject = `${topic}-value`;
  const official = new SchemaRegistryClient({ baseURLs: [registryUrl] });
  const id = await official.register(subject, { schemaType: 'PROTOBUF', schema: protoText }, false);

  const root = protobuf.parse(protoText).root;
  const type = root.lookupType('bench.BenchOrder');
  const header = frameHeader(id, [0]);

  const topics = defineTopics({
    [topic]: {
      key: stringSerde,
      value: protobufSchema<BenchOrderProto>({
        name: 'bench.BenchOrder',
        fileName: 'bench.proto',
        schema: protoText,
        references: [],
        options: { int64: 'bigint', enums: 'string', timestamp: 'date' },
      }),
    },
  });
  const kgen = createClient({ brokers: 'unused:9092', registry: { url: registryUrl }, topics });
  const kgenSerialize = await createTopicSerializer(
    serdeContextOf(kgen),
    topic,
    'value',
    topics[topic]!.value,
  );
  const kgenDeserialize = createTopicDeserializer(serdeContextOf(kgen), topic, 'value', topics[topic]!.value);

  // The official serializer registers its own rendering of the file (a serialized descriptor) under a
  // subject of its own: Apicurio stores that text but cannot parse it back, so the official Protobuf
  // *deserializer* cannot run against this registry.
  const desc = esDescriptor(protobuf.parse(protoText, { keepCase: true }).root);
  const confluentTopic = unique('bench-proto-official');
  const confluentSer = new ProtobufSerializer(official, SerdeType.VALUE, {
    autoRegisterSchemas: true,
    registry: createMutableRegistry(desc),
  });
  const esMessage = create(desc, {
    id: sample.id,
    customer_id: sample.customerId,
    amount: sample.amount,
    quantity: sample.quantity,
    currency: sample.currency,
    created_at: sample.createdAt,
    express: sample.express,
  } as never);

  const csr = new CsrRegistry({ host: registryUrl });
  const framed = Buffer.concat([header, type.encode(type.fromObject(rawSample)).finish()]);
  await kgenDeserialize(framed);
  return {
    topic,
    id,
    type,
    header,
    framed,
    kgenSerialize,
    kgenDeserialize,
    confluentTopic,
    confluentSer,
    esMessage,
    csr,
  };
}
