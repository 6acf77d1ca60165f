"""A relay hop written the way arroyopy's ZMQListener loop is: an asyncio task awaits each message on a PULL
(pyzmq's zmq.asyncio; bound, as routes/zmq-relay.yaml's is), hands it to an operator coroutine, which publishes it on
a PUSH. The benchmark's baseline for the runner in its own process: python3 arroyopy_relay.py IN OUT HWM (Debian's
python3-zmq)."""
import asyncio
import sys

import zmq
import zmq.asyncio


class RelayOperator:
    """arroyopy's Operator shape: process() gets each message; this one publishes it unchanged."""

    def __init__(self, publisher):
        self.publisher = publisher

    async def process(self, message):
        await self.publisher.send(message, copy=False)


async def listen(address_in, address_out, hwm):
    ctx = zmq.asyncio.Context()
    pull = ctx.socket(zmq.PULL)
    pull.set_hwm(hwm)
    pull.bind(address_in)
    push = ctx.socket(zmq.PUSH)
    push.set_hwm(hwm)
    push.connect(address_out)
    operator = RelayOperator(push)
    print("ready", flush=True)
    while True:
        message = await pull.recv(copy=False)
        await operator.process(message)


if __name__ == "__main__":
    asyncio.run(listen(sys.argv[1], sys.argv[2], int(sys.argv[3])))
