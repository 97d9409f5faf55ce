"""Protobuf interop peer for kgen's integration tests: Confluent's Python ProtobufSerializer/Deserializer.

Reads one JSON request on stdin and writes one JSON answer on stdout. protoc is not available, so the
message classes come from FileDescriptorProtos the TypeScript side builds from the registered .proto text
(base64, dependencies first), added to a descriptor pool at run time.

Request:
  {"registry_url": str, "topic": str, "auto_register": bool (optional: the serializer registers its schema),
   "files": [{"name": "shop/common.proto", "descriptor": base64, "text": str}, ...],
   "ops": [{"op": "serialize", "message": "shop.Order", "json": {...ProtoJSON...}}
           | {"op": "deserialize", "message": "shop.Order", "payload": base64}]}
Answer: {"results": [{"payload": base64} | {"json": {...ProtoJSON...}, "type": full name}]}
"""

import base64
import json
import sys

from google.protobuf import descriptor_pb2, descriptor_pool, json_format, message_factory
# Importing the well-known types registers them in the default pool, where the test files import them from.
from google.protobuf import any_pb2, duration_pb2, empty_pb2, struct_pb2, timestamp_pb2, wrappers_pb2  # noqa: F401

from confluent_kafka.schema_registry import RegisteredSchema, Schema, SchemaRegistryClient
from confluent_kafka.schema_registry.protobuf import ProtobufDeserializer, ProtobufSerializer
from confluent_kafka.serialization import MessageField, SerializationContext


class DescriptorServingClient(SchemaRegistryClient):
    """The real registry, except that `fmt='serialized'` answers carry the test's base64 descriptor.

    Apicurio's ccompat API answers `format=serialized` with raw descriptor bytes instead of base64, which
    Confluent's serde cannot read; everything else (ids, versions, references) comes from the registry.
    """

    def __init__(self, conf, by_text):
        super().__init__(conf)
        self._by_text = by_text

    def _serve(self, schema):
        return Schema(self._by_text[schema.schema_str], schema.schema_type, schema.references)

    def get_schema(self, schema_id, subject_name=None, fmt=None, reference_format=None):
        schema = super().get_schema(schema_id, subject_name, None, reference_format)
        return self._serve(schema) if fmt == 'serialized' else schema

    def _registered(self, registered, fmt):
        if fmt != 'serialized':
            return registered
        return RegisteredSchema(
            schema_id=registered.schema_id,
            guid=registered.guid,
            schema=self._serve(registered.schema),
            subject=registered.subject,
            version=registered.version,
        )

    def get_latest_version(self, subject_name, fmt=None):
        return self._registered(super().get_latest_version(subject_name, None), fmt)

    def get_version(self, subject_name, version='latest', deleted=False, fmt=None):
        return self._registered(super().get_version(subject_name, version, deleted, None), fmt)


def main():
    request = json.load(sys.stdin)
    pool = descriptor_pool.Default()
    for f in request['files']:
        fd = descriptor_pb2.FileDescriptorProto()
        fd.ParseFromString(base64.b64decode(f['descriptor']))
        pool.Add(fd)
    # A request timeout, so a request the registry never answers is retried (the client's default waits forever).
    conf = {'url': request['registry_url'], 'timeout': 5}
    auto_register = request.get('auto_register', False)
    # Auto-registering, the serializer registers the base64 descriptor itself (as a Python service does);
    # the plain client then sees the registry's own answers.
    client = (
        SchemaRegistryClient(conf)
        if auto_register
        else DescriptorServingClient(conf, {f['text']: f['descriptor'] for f in request['files']})
    )
    ctx = SerializationContext(request['topic'], MessageField.VALUE)
    results = []
    for op in request['ops']:
        cls = message_factory.GetMessageClass(pool.FindMessageTypeByName(op['message']))
        if op['op'] == 'serialize':
            serializer = ProtobufSerializer(
                cls,
                client,
                {'auto.register.schemas': True}
                if auto_register
                else {'use.latest.version': True, 'auto.register.schemas': False},
            )
            msg = json_format.ParseDict(op['json'], cls())
            results.append({'payload': base64.b64encode(serializer(msg, ctx)).decode('ascii')})
        else:
            deserializer = ProtobufDeserializer(cls, {}, client)
            msg = deserializer(base64.b64decode(op['payload']), ctx)
            results.append({'type': msg.DESCRIPTOR.full_name, 'json': json_format.MessageToDict(msg)})
    json.dump({'results': results}, sys.stdout)


if __name__ == '__main__':
    main()
