package org.arroyo.camel.redis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.arroyo.camel.codec.CodecException;
import org.arroyo.camel.codec.MessageCodec;
import org.arroyo.camel.codec.MessageDecoder;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;

/** Codecs for tests: one that writes two frames per event, one that rejects payloads starting with "bad". */
final class TestCodecs {

    private TestCodecs() {
    }

    /** An event as two frames: its "name" metadata, then its payload. */
    static final class TwoFrames implements MessageCodec {
        @Override
        public String name() {
            return "two-frames";
        }

        @Override
        public List<ByteBuffer> encode(ArroyoMessage message) {
            Event e = (Event) message;
            return List.of(ByteBuffer.wrap(String.valueOf(e.get("name")).getBytes(StandardCharsets.UTF_8)),
                    e.getPayload());
        }

        @Override
        public MessageDecoder newDecoder() {
            return frames -> {
                if (frames.size() != 2) {
                    throw new CodecException("two-frames: expected 2 frames, got " + frames.size());
                }
                return Event.ofBytes(Map.of("name", StandardCharsets.UTF_8.decode(frames.get(0)).toString()),
                        frames.get(1));
            };
        }
    }

    /** raw, except that payloads starting with "bad" are rejected. */
    static final class Strict implements MessageCodec {
        @Override
        public String name() {
            return "strict";
        }

        @Override
        public List<ByteBuffer> encode(ArroyoMessage message) {
            return List.of(((Event) message).getPayload());
        }

        @Override
        public MessageDecoder newDecoder() {
            return frames -> {
                ByteBuffer f = frames.get(0);
                if (f.remaining() >= 3 && f.get(f.position()) == 'b' && f.get(f.position() + 1) == 'a'
                        && f.get(f.position() + 2) == 'd') {
                    throw new CodecException("strict: payload starts with 'bad'");
                }
                return Event.ofBytes(Map.of(), f);
            };
        }
    }
}
