"""Writer peer for kgen tail's integration test: Python confluent-kafka produces Avro and Protobuf records with
its official serializers, and says what it wrote.

Reads one JSON request on stdin, writes one JSON answer on stdout.

Request:
  {"brokers": str, "registry_url": str, "topic": str,
   "avro": {"schema": str} | absent,           # auto-registered under <topic>-value by the AvroSerializer
   "protobuf": {"files": [{"name", "text", "descriptor" (base64)}], ...} | absent,   # already registered
   "records": [{"key": str, "headers": [[name, str]], "message": "pkg.Msg" (protobuf), "value": tagged}]}
Avro values are JSON with tags for what JSON cannot hold: {"$bytes": base64}, {"$datetime": ISO},
{"$date": "YYYY-MM-DD"}, {"$decimal": "1.23"}, {"$int": "<digits>"} (past 2^53), {"$branch": [name, value]} (a union branch named explicitly).
Protobuf values are ProtoJSON (json_format.ParseDict).
Answer: {"written": [{"partition", "offset", "schema_id", "protojson" (protobuf: MessageToDict of the message)}]}
"""

import base64
import datetime
import decimal
import json
import sys

from confluent_kafka import Producer
from confluent_kafka.schema_registry import SchemaRegistryClient
from confluent_kafka.schema_registry.avro import AvroSerializer
from confluent_kafka.schema_registry.protobuf import ProtobufSerializer
from confluent_kafka.serialization import MessageField, SerializationContext
from google.protobuf import descriptor_pb2, descriptor_pool, json_format, message_factory

from proto_interop import DescriptorServingClient


def untag(v):
    if isinstance(v, list):
        return [untag(x) for x in v]
    if isinstance(v, dict):
        if len(v) == 1:
            (k, x), = v.items()
            if k == "$int":
                return int(x)
            if k == "$bytes":
                return base64.b64decode(x)
            if k == "$datetime":
                return datetime.datetime.fromisoformat(x.replace("Z", "+00:00"))
            if k == "$date":
                return datetime.date.fromisoformat(x)
            if k == "$decimal":
                return decimal.Decimal(x)
            if k == "$branch":
                return (x[0], untag(x[1]))
        return {k: untag(x) for k, x in v.items()}
    return v


def main():
    request = json.load(sys.stdin)
    topic = request["topic"]
    ctx = SerializationContext(topic, MessageField.VALUE)
    conf = {"url": request["registry_url"], "timeout": 5}
    if "avro" in request:
        serializer = AvroSerializer(
            SchemaRegistryClient(conf), request["avro"]["schema"], conf={"auto.register.schemas": True}
        )
        classes = None
    else:
        files = request["protobuf"]["files"]
        pool = descriptor_pool.Default()
        for f in files:
            fd = descriptor_pb2.FileDescriptorProto()
            fd.ParseFromString(base64.b64decode(f["descriptor"]))
            pool.Add(fd)
        client = DescriptorServingClient(conf, {f["text"]: f["descriptor"] for f in files})
        classes = {}

        def serializer_for(name):
            if name not in classes:
                cls = message_factory.GetMessageClass(pool.FindMessageTypeByName(name))
                classes[name] = (
                    cls,
                    ProtobufSerializer(cls, client, {"use.latest.version": True, "auto.register.schemas": False}),
                )
            return classes[name]

    producer = Producer({"bootstrap.servers": request["brokers"]})
    written = []

    def delivered(err, msg, extra):
        if err is not None:
            raise SystemExit(f"python producer: {err}")
        written.append({"partition": msg.partition(), "offset": msg.offset(), **extra})

    for record in request["records"]:
        extra = {}
        if classes is None:
            payload = serializer(untag(record["value"]), ctx)
        else:
            cls, ser = serializer_for(record["message"])
            msg = json_format.ParseDict(record["value"], cls())
            payload = ser(msg, ctx)
            extra["protojson"] = json_format.MessageToDict(msg)
        extra["schema_id"] = int.from_bytes(payload[1:5], "big")
        headers = [(name, value.encode()) for name, value in record.get("headers", [])]
        producer.produce(
            topic,
            key=record["key"].encode(),
            value=payload,
            headers=headers,
            on_delivery=lambda err, msg, extra=extra: delivered(err, msg, extra),
        )
        producer.flush(30)
    json.dump({"written": written}, sys.stdout)


if __name__ == "__main__":
    main()
