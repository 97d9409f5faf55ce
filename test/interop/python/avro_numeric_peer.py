"""Independent Avro peer (fastavro) for kgen's numeric-limit interop test; no broker or registry needed.

stdin: {"cases": [{"type": "long", "value": "-4503599627370497"}, ...]} with int/long values as decimal
strings and float/double values as text ("NaN", "Infinity", "-0.0", "1.5").
stdout: {"encoded": [<hex of fastavro's bytes>, ...], "decoded": [<text of fastavro's read of kgen_hex>]}
Each case is the record {"t": value}; the optional "kgen_hex" of a case is decoded by fastavro.
"""
import io
import json
import math
import sys

from fastavro import parse_schema, schemaless_reader, schemaless_writer


def schema_of(avro_type):
    return parse_schema({"type": "record", "name": "C", "fields": [{"name": "t", "type": avro_type}]})


def parse(avro_type, text):
    return int(text) if avro_type in ("int", "long") else float(text)


def show(avro_type, value):
    if avro_type in ("int", "long"):
        return str(value)
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return repr(value)


def main():
    request = json.load(sys.stdin)
    encoded, decoded = [], []
    for case in request["cases"]:
        schema = schema_of(case["type"])
        out = io.BytesIO()
        schemaless_writer(out, schema, {"t": parse(case["type"], case["value"])})
        encoded.append(out.getvalue().hex())
        if "kgen_hex" in case:
            record = schemaless_reader(io.BytesIO(bytes.fromhex(case["kgen_hex"])), schema)
            decoded.append(show(case["type"], record["t"]))
        else:
            decoded.append(None)
    json.dump({"encoded": encoded, "decoded": decoded}, sys.stdout)


if __name__ == "__main__":
    main()
