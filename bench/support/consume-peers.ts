// The consumers the consume bench runs beside kgen: the raw @confluentinc/kafka-javascript paths (native batch
// loop, KafkaJS-style eachMessage), @platformatic/kafka with avsc, and KafkaJS 2.2 with
// @kafkajs/confluent-schema-registry. Each resolves with msgs/s once `MESSAGES` records were handled.
import { randomBytes } from 'node:crypto';
import type { KafkaJS } from '@confluentinc/kafka-javascript';
import { SchemaRegistry as CsrRegistry } from '@kafkajs/confluent-schema-registry';
import * as avsc from 'avsc';
import { Kafka as PlainKafka, logLevel } from 'kafkajs';
import { avroText, type BenchOrder } from './avro-fixture';
import { MESSAGES, rawKafka } from './kafka-fixture';
import { brokers, registryUrl } from './stack';
import { ensurePromiseWithResolvers } from './with-resolvers';

export function group(): string {
  return `bench-consume-${randomBytes(4).toString('hex')}`;
}

/** Counts handled records; resolves with msgs/s (first record to last) once `MESSAGES` were handled. */
export class Counter {
  #n = 0;
  #start = 0;
  #finish: (rate: number) => void = () => undefined;
  readonly done = new Promise<number>((resolve) => (this.#finish = resolve));

  hit(): void {
    if (this.#n === 0) this.#start = performance.now();
    if (++this.#n === MESSAGES) this.#finish((MESSAGES - 1) / ((performance.now() - this.#start) / 1000));
  }

  /** Several records at once (batch APIs). */
  hits(count: number): void {
    for (let i = 0; i < count; i++) this.hit();
  }
}

/** The KafkaJS-style consumer every librdkafka impl starts from: the same librdkafka settings for all. */
export function librdkafkaConsumer(): KafkaJS.Consumer {
  return rawKafka().consumer({ kafkaJS: { groupId: group(), fromBeginning: true } });
}

/** Records the binding's `consume(n)` hands over (the fields the raw-native impls read). */
interface BindingMessage {
  readonly key: Buffer | null;
  readonly value: Buffer | null;
}

interface BindingConsumer {
  consume(n: number, cb: (err: unknown, messages: BindingMessage[]) => void): void;
  setDefaultConsumeTimeout(ms: number): void;
  setDefaultIsTimeoutOnlyForFirstMessage(only: boolean): void;
}

/**
 * raw-native: the floor. librdkafka's batch call (`consume(1000)` on the node-rdkafka client under the
 * KafkaJS-style consumer, polled as kgen polls it), undecoded buffers, no per-record promise.
 * `decode`: raw-native-decode, the floor of any consumer that decodes on this binding: the same loop, key as a
 * string and the value with avsc after the 5-byte header (what platformatic's deserializers do), nothing else.
 */
export async function rawNativeRun(topic: string, decode = false): Promise<number> {
  const type = avsc.Type.forSchema(JSON.parse(avroText) as avsc.Schema);
  const consumer = librdkafkaConsumer();
  await consumer.connect();
  await consumer.subscribe({ topics: [topic] });
  const native = (consumer as unknown as { _getInternalClient(): BindingConsumer })._getInternalClient();
  native.setDefaultConsumeTimeout(200);
  native.setDefaultIsTimeoutOnlyForFirstMessage(true);
  const c = new Counter();
  let bytes = 0;
  let running = true;
  const loop = async (): Promise<void> => {
    while (running) {
      const messages = await new Promise<BindingMessage[]>((resolve, reject) =>
        native.consume(1000, (err, ms) => (err ? reject(err as Error) : resolve(ms))),
      );
      if (decode)
        for (const m of messages) {
          const key = m.key?.toString();
          const value = type.fromBuffer(m.value!.subarray(5)) as BenchOrder;
          if (key !== undefined) bytes += value.quantity > 0 ? 1 : 0;
          c.hit();
        }
      else
        for (const m of messages) {
          bytes += m.value?.length ?? 0;
          c.hit();
        }
    }
  };
  const looping = loop();
  const rate = await c.done;
  running = false;
  await looping;
  await consumer.disconnect();
  return bytes > 0 ? rate : 0;
}

/** raw: the KafkaJS-style `eachMessage` of @confluentinc/kafka-javascript (kgen's path before), undecoded. */
export async function rawEachMessageRun(topic: string): Promise<number> {
  const consumer = librdkafkaConsumer();
  const c = new Counter();
  let bytes = 0;
  await consumer.connect();
  await consumer.subscribe({ topics: [topic] });
  await consumer.run({
    eachMessage: async ({ message }) => {
      bytes += message.value?.length ?? 0;
      c.hit();
    },
  });
  const rate = await c.done;
  await consumer.disconnect();
  return bytes > 0 ? rate : 0;
}

/** platformatic: @platformatic/kafka's consumer stream, key as a string, value with avsc after the 5-byte header. */
export async function platformaticRun(topic: string): Promise<number> {
  ensurePromiseWithResolvers();
  const { Consumer, stringDeserializer } = await import('@platformatic/kafka');
  const type = avsc.Type.forSchema(JSON.parse(avroText) as avsc.Schema);
  const consumer = new Consumer({
    groupId: group(),
    clientId: 'bench-consume-platformatic',
    bootstrapBrokers: [brokers],
    deserializers: {
      key: stringDeserializer,
      value: (data?: Buffer) =>
        data === undefined ? undefined : (type.fromBuffer(data.subarray(5)) as BenchOrder),
    },
  });
  const c = new Counter();
  let sum = 0;
  const stream = await consumer.consume({ topics: [topic], mode: 'earliest', autocommit: true });
  stream.on('data', (m) => {
    sum += m.value?.quantity ?? 0;
    c.hit();
  });
  const rate = await c.done;
  await stream.close();
  await consumer.close();
  return sum > 0 ? rate : 0;
}

/** kafkajs-csr: KafkaJS 2.2 `eachMessage` decoding with @kafkajs/confluent-schema-registry. */
export async function kafkajsCsrRun(topic: string): Promise<number> {
  const registry = new CsrRegistry({ host: registryUrl });
  const kafka = new PlainKafka({ brokers: [brokers], logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: group() });
  const c = new Counter();
  let sum = 0;
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const key = message.key?.toString();
      const value = (await registry.decode(message.value!)) as BenchOrder;
      if (key !== undefined) sum += value.quantity;
      c.hit();
    },
  });
  const rate = await c.done;
  await consumer.disconnect();
  return sum > 0 ? rate : 0;
}
