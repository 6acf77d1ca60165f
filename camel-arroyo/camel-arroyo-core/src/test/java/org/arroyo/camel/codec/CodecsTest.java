package org.arroyo.camel.codec;

import java.nio.ByteBuffer;
import java.util.List;

import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CodecsTest {

    @Test
    void resolvesAllBuiltInNames() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            for (String name : List.of("raw", "msgpack", "msgpack-multipart", "json-frames", "forward")) {
                assertEquals(name, Codecs.resolve(context, name).name());
            }
        }
    }

    @Test
    void unknownNameListsTheAcceptedOnes() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Codecs.resolve(context, "protobuf"));
            assertTrue(e.getMessage().contains("raw, msgpack, msgpack-multipart, json-frames, forward"),
                    e.getMessage());
        }
    }

    @Test
    void theNamesInTheComponentsMetadataAreTheBuiltInOnes() {
        assertEquals(Codecs.names(), Codecs.BUILT_IN_NAMES.replace(",", ", "));
    }

    @Test
    void findsTheCodecsModulesRegisterByName() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            MessageCodec first = Codecs.resolve(context, "test-reversed");
            assertInstanceOf(ReversedCodec.class, first, "META-INF/services/org/arroyo/camel/codec/test-reversed");
            assertNotSame(first, Codecs.resolve(context, "test-reversed"), "a new instance per endpoint");
            Event event = (Event) first.newDecoder().decode(List.of(ByteBuffer.wrap(new byte[] { 1, 2, 3 })));
            assertEquals(List.of(3, 2, 1), List.of((int) event.getPayloadBytes()[0], (int) event.getPayloadBytes()[1],
                    (int) event.getPayloadBytes()[2]));
        }
    }

    @Test
    void aRegisteredClassThatIsNoCodecIsNamedInTheError() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Codecs.resolve(context, "test-not-a-codec"));
            assertTrue(e.getMessage().contains("java.lang.String, which is not a MessageCodec"), e.getMessage());
        }
    }

    @Test
    void anUnknownNameMentionsModuleCodecs() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Codecs.resolve(context, "bluesky-nothing"));
            assertTrue(e.getMessage().contains("a name a codec module on the classpath adds"), e.getMessage());
        }
    }

    /** A codec registered by name in this module's test resources: the frame's bytes reversed. */
    public static final class ReversedCodec implements MessageCodec {

        @Override
        public String name() {
            return "test-reversed";
        }

        @Override
        public List<ByteBuffer> encode(ArroyoMessage message) {
            return List.of(((Event) message).getPayload());
        }

        @Override
        public MessageDecoder newDecoder() {
            return frames -> {
                ByteBuffer in = frames.get(0);
                byte[] out = new byte[in.remaining()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = in.get(in.limit() - 1 - i);
                }
                return Event.ofBytes(out);
            };
        }
    }
}
