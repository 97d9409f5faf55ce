"""Avro interop peer for kgen's SDK tests: Python confluent-kafka with its official AvroSerializer.

  avro_peer.py produce BROKERS REGISTRY_URL TOPIC   < records (JSON lines: {"key": str, "value": {...}})
  avro_peer.py consume BROKERS REGISTRY_URL TOPIC COUNT   > records (JSON lines)

The value subject (<topic>-value) must already hold the schema: the serializer uses its latest version and
never registers. Consumed values are printed as JSON, one record per line.
"""
import json
import sys
import uuid

from confluent_kafka import Consumer, Producer
from confluent_kafka.schema_registry import SchemaRegistryClient
from confluent_kafka.schema_registry.avro import AvroDeserializer, AvroSerializer
from confluent_kafka.serialization import MessageField, SerializationContext


def registry_client(registry_url):
    # A request timeout, so a request the registry never answers is retried (the default waits forever).
    return SchemaRegistryClient({"url": registry_url, "timeout": 5})


def produce(brokers, registry_url, topic):
    registry = registry_client(registry_url)
    serializer = AvroSerializer(
        registry, None, conf={"auto.register.schemas": False, "use.latest.version": True}
    )
    producer = Producer({"bootstrap.servers": brokers})
    for line in sys.stdin:
        if not line.strip():
            continue
        record = json.loads(line)
        value = serializer(record["value"], SerializationContext(topic, MessageField.VALUE))
        producer.produce(topic, key=record["key"].encode(), value=value)
    if producer.flush(30) != 0:
        raise SystemExit("python producer: records left undelivered")


def consume(brokers, registry_url, topic, count):
    registry = registry_client(registry_url)
    deserializer = AvroDeserializer(registry)
    consumer = Consumer(
        {
            "bootstrap.servers": brokers,
            "group.id": f"py-interop-{uuid.uuid4().hex[:8]}",
            "auto.offset.reset": "earliest",
        }
    )
    consumer.subscribe([topic])
    got = 0
    idle = 0
    while got < count and idle < 60:
        msg = consumer.poll(0.5)
        if msg is None:
            idle += 1
            continue
        if msg.error():
            raise SystemExit(f"python consumer: {msg.error()}")
        value = deserializer(msg.value(), SerializationContext(topic, MessageField.VALUE))
        print(json.dumps({"key": msg.key().decode(), "value": value}), flush=True)
        got += 1
    consumer.close()
    if got < count:
        raise SystemExit(f"python consumer: expected {count} records, got {got}")


if __name__ == "__main__":
    mode, brokers, registry_url, topic = sys.argv[1:5]
    if mode == "produce":
        produce(brokers, registry_url, topic)
    elif mode == "consume":
        consume(brokers, registry_url, topic, int(sys.argv[5]))
    else:
        raise SystemExit(f"unknown mode {mode}")
