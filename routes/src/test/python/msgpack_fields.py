"""Python side of TracingIT: reads one msgpack message from stdin as arroyopy's listeners do (msgpack.unpackb,
raw=False) and prints each field's name with the type Python gives its value, as one JSON object.
Exit 3 when msgpack is missing."""
import json
import sys

try:
    import msgpack
except ImportError as e:
    print(json.dumps({"error": "missing module: %s" % e}))
    sys.exit(3)

message = msgpack.unpackb(sys.stdin.buffer.read(), raw=False)
print(json.dumps({name: type(value).__name__ for name, value in message.items()}))
