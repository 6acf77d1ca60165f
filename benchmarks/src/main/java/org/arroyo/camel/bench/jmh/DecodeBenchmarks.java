package org.arroyo.camel.bench.jmh;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.arroyo.camel.codec.MessageDecoder;
import org.arroyo.camel.codec.MsgpackCodec;
import org.arroyo.camel.codec.MsgpackMultipartCodec;
import org.arroyo.camel.message.ArroyoMessage;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.Value;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Decoding a received frame as the consumer does (wrap the received array, decode), against msgpack-core's generic
 * {@code unpackValue} as the raw baseline (which copies every bin). Throughput in ops/s; with {@code -prof gc} the
 * bytes allocated per decode.
 */
@State(Scope.Thread)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DecodeBenchmarks {

    byte[] sas;
    byte[][] timepix;
    MessageDecoder msgpack;
    MessageDecoder multipart;

    @Setup(Level.Trial)
    public void setUp() {
        sas = Frames.sasMsgpack();
        timepix = Frames.timepixMultipart();
        msgpack = new MsgpackCodec().newDecoder();
        multipart = new MsgpackMultipartCodec().newDecoder();
    }

    @Benchmark
    public ArroyoMessage msgpackSasOurs() {
        return msgpack.decode(List.of(ByteBuffer.wrap(sas)));
    }

    @Benchmark
    public Value msgpackSasRaw() throws IOException {
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(sas)) {
            return u.unpackValue();
        }
    }

    @Benchmark
    public ArroyoMessage multipartTimepixOurs() {
        return multipart.decode(List.of(ByteBuffer.wrap(timepix[0]), ByteBuffer.wrap(timepix[1])));
    }

    @Benchmark
    public Object multipartTimepixRaw() throws IOException {
        // the header as a generic value; the data frame is used as it came
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(timepix[0])) {
            return new Object[] { u.unpackValue(), ByteBuffer.wrap(timepix[1]) };
        }
    }
}
