package org.arroyo.camel.redis;

import java.nio.ByteBuffer;

import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.ToByteBufEncoder;
import io.netty.buffer.ByteBuf;

/**
 * The producers' Lettuce codec: byte[] keys, ByteBuffer values written straight from the message's frame into
 * Netty's output buffer, so a payload is not first copied into a byte[] (ByteArrayCodec would need one). Replies are
 * decoded into copies, since Netty reuses its buffers.
 */
final class FrameValueCodec implements RedisCodec<byte[], ByteBuffer>, ToByteBufEncoder<byte[], ByteBuffer> {

    static final FrameValueCodec INSTANCE = new FrameValueCodec();

    private FrameValueCodec() {
    }

    @Override
    public byte[] decodeKey(ByteBuffer bytes) {
        byte[] out = new byte[bytes.remaining()];
        bytes.get(out);
        return out;
    }

    @Override
    public ByteBuffer decodeValue(ByteBuffer bytes) {
        ByteBuffer copy = ByteBuffer.allocate(bytes.remaining());
        copy.put(bytes).flip();
        return copy;
    }

    @Override
    public ByteBuffer encodeKey(byte[] key) {
        return ByteBuffer.wrap(key);
    }

    @Override
    public ByteBuffer encodeValue(ByteBuffer value) {
        return value.duplicate();
    }

    @Override
    public void encodeKey(byte[] key, ByteBuf target) {
        target.writeBytes(key);
    }

    @Override
    public void encodeValue(ByteBuffer value, ByteBuf target) {
        target.writeBytes(value.duplicate());
    }

    @Override
    public int estimateSize(Object keyOrValue) {
        if (keyOrValue instanceof byte[] bytes) {
            return bytes.length;
        }
        return keyOrValue instanceof ByteBuffer buffer ? buffer.remaining() : 0;
    }

    @Override
    public boolean isEstimateExact() {
        return true;
    }
}
