"""JSON Schema interop peer for kgen's tests: Python confluent-kafka's JSONSerializer / JSONDeserializer.

Reads one JSON request on stdin:
  {"registry_url": ..., "topic": ..., "ops": [{"op": "serialize", "json": {...}} | {"op": "deserialize", "payload": base64}]}
and prints {"results": [{"payload": base64} | {"json": {...}}]}. The value subject (<topic>-value) must
already hold the schema (with its references): the serializer uses its latest version and never registers.
"""
import base64
import json
import sys

from confluent_kafka.schema_registry import SchemaRegistryClient
from confluent_kafka.schema_registry.json_schema import JSONDeserializer, JSONSerializer
from confluent_kafka.serialization import MessageField, SerializationContext


def main():
    request = json.load(sys.stdin)
    registry = SchemaRegistryClient({"url": request["registry_url"], "timeout": 5})
    topic = request["topic"]
    ctx = SerializationContext(topic, MessageField.VALUE)
    latest = registry.get_latest_version(f"{topic}-value")
    serializer = JSONSerializer(
        latest.schema, registry, conf={"auto.register.schemas": False, "use.latest.version": True}
    )
    deserializer = JSONDeserializer(None, schema_registry_client=registry)
    results = []
    for op in request["ops"]:
        if op["op"] == "serialize":
            payload = serializer(op["json"], ctx)
            results.append({"payload": base64.b64encode(payload).decode()})
        else:
            value = deserializer(base64.b64decode(op["payload"]), ctx)
            results.append({"json": value})
    print(json.dumps({"results": results}))


if __name__ == "__main__":
    main()
