import { KafkaJS } from '@confluentinc/kafka-javascript';
import { AvroDeserializer, AvroSerializer, SerdeType } from '@confluentinc/schemaregistry';
import { stackEnv, uniqueName } from '../../helpers/stack-env';
import { consumeN } from '../../helpers/consume';
import { officialRegistryClient } from '../../helpers/official-registry';

// Smoke test: the stack is a real broker + a real Confluent-API registry, driven by the official clients.
describe('stack smoke: Avro through the official serializer', () => {
  const { brokers, registryUrl } = stackEnv();
  const topic = uniqueName('smoke-avro');
  const schema = {
    type: 'record',
    name: 'Order',
    namespace: 'smoke',
    fields: [
      { name: 'id', type: 'string' },
      { name: 'amount', type: 'double' },
      { name: 'items', type: { type: 'array', items: 'string' } },
    ],
  };

  it('registers, produces, consumes and deserializes an equal record', async () => {
    const registry = officialRegistryClient(registryUrl);
    const id = await registry.register(`${topic}-value`, {
      schemaType: 'AVRO',
      schema: JSON.stringify(schema),
    });
    expect(id).toBeGreaterThan(0);

    const serializer = new AvroSerializer(registry, SerdeType.VALUE, { useLatestVersion: true });
    const deserializer = new AvroDeserializer(registry, SerdeType.VALUE, {});
    const order = { id: 'o-1', amount: 12.5, items: ['a', 'b'] };
    const bytes = await serializer.serialize(topic, order);
    expect(bytes[0]).toBe(0);
    expect(bytes.readInt32BE(1)).toBe(id);

    const kafka = new KafkaJS.Kafka({ kafkaJS: { brokers: [brokers], logLevel: KafkaJS.logLevel.ERROR } });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ key: order.id, value: bytes }] });
    await producer.disconnect();

    const [message] = await consumeN(kafka, { topic, count: 1 });
    expect(message?.key?.toString()).toBe('o-1');
    expect(await deserializer.deserialize(topic, message!.value!)).toEqual(order);
  });
});
