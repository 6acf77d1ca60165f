package org.arroyo.camel.bluesky;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.arroyo.camel.codec.CodecException;
import org.arroyo.camel.codec.JsonValues;
import org.arroyo.camel.codec.MsgpackValues;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.DType;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NDArray;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Start / Event / Stop of other sources (arroyosas frames, raw bytes, LabVIEW XPS metadata) become event-model
 * documents, and every document the codecs write, parsed back from the wire bytes, validates against event-model's
 * JSON Schema.
 */
class BlueskyEncodeTest {

    private final EventModelSchemas schemas = new EventModelSchemas();

    /** An arroyosas run: a Start with its settings, frames of uint32 images, a Stop with the frame count. */
    private static List<ArroyoMessage> sasRun(int frames) {
        List<ArroyoMessage> run = new ArrayList<>();
        run.add(Start.of(Map.of("run_name", "sas", "run_id", "r-1", "width", 3L, "height", 2L, "data_type", "uint32",
                "tiled_url", "http://tiled/r-1")));
        for (int i = 0; i < frames; i++) {
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("frame_number", (long) i);
            metadata.put("tiled_url", "http://tiled/r-1/" + i);
            run.add(Event.ofArray(metadata, "image", NDArray.ofInts(DType.UINT32, new int[] { i, 1, 2, 3, 4, 5 }, 2, 3)));
        }
        run.add(Stop.of(Map.of("num_frames", (long) frames)));
        return run;
    }

    /** The documents of the frames the codec writes, parsed back from the bytes, each validated. */
    private List<BlueskyDocument> writtenAndValidated(BlueskyCodec codec, List<ArroyoMessage> messages) {
        List<BlueskyDocument> out = new ArrayList<>();
        for (ArroyoMessage message : messages) {
            for (List<ByteBuffer> transport : codec.encodeAll(message)) {
                assertEquals(1, transport.size(), "one frame per document");
                BlueskyDocument document = parse(codec, transport.get(0));
                assertEquals(List.of(), schemas.problems(document), "a valid " + document.name());
                out.add(document);
            }
        }
        return out;
    }

    private static BlueskyDocument parse(BlueskyCodec codec, ByteBuffer frame) {
        if (codec instanceof BlueskyKafkaCodec) {
            List<?> pair = (List<?>) MsgpackValues.readValue("test", frame);
            @SuppressWarnings("unchecked")
            Map<String, Object> body = (Map<String, Object>) DocumentValues.plain("test", pair.get(1));
            return new BlueskyDocument((String) pair.get(0), body);
        }
        byte[] bytes = new byte[frame.remaining()];
        frame.duplicate().get(bytes);
        int first = indexOf(bytes, 0);
        int second = indexOf(bytes, first + 1);
        assertEquals(0, first, "the empty prefix: the frame starts with a space");
        String name = new String(bytes, first + 1, second - first - 1, StandardCharsets.US_ASCII);
        ByteBuffer payload = ByteBuffer.wrap(bytes, second + 1, bytes.length - second - 1).slice();
        Map<String, Object> body = codec.name().endsWith("json") ? JsonValues.readObject("test", payload, true)
                : DocumentValues.plainMap("test", MsgpackValues.readMap("test", payload));
        return new BlueskyDocument(name, body);
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == ' ') {
                return i;
            }
        }
        throw new AssertionError("no space after " + from);
    }

    private static List<BlueskyCodec> codecs() {
        return List.of(new BlueskyZmqJsonCodec(), new BlueskyZmqMsgpackCodec(), new BlueskyKafkaCodec());
    }

    @Test
    void anArroyosasRunBecomesValidDocumentsInEveryForm() {
        for (BlueskyCodec codec : codecs()) {
            List<BlueskyDocument> docs = writtenAndValidated(codec, sasRun(3));
            assertEquals(List.of("start", "descriptor", "event", "event", "event", "stop"),
                    docs.stream().map(BlueskyDocument::name).toList(), codec.name());
            Map<String, Object> start = docs.get(0).body();
            assertEquals("sas", start.get("run_name"));
            Map<String, Object> descriptor = docs.get(1).body();
            assertEquals(start.get("uid"), descriptor.get("run_start"));
            assertEquals("primary", descriptor.get("name"));
            Map<?, ?> image = (Map<?, ?>) ((Map<?, ?>) descriptor.get("data_keys")).get("image");
            assertEquals("array", image.get("dtype"));
            assertEquals(List.of(2L, 3L), image.get("shape"));
            assertEquals("<u4", image.get("dtype_numpy"));
            assertEquals("integer", ((Map<?, ?>) ((Map<?, ?>) descriptor.get("data_keys")).get("frame_number"))
                    .get("dtype"));
            for (int i = 0; i < 3; i++) {
                Map<String, Object> event = docs.get(2 + i).body();
                assertEquals((long) i + 1, event.get("seq_num"), codec.name());
                assertEquals(descriptor.get("uid"), event.get("descriptor"));
                Map<?, ?> data = (Map<?, ?>) event.get("data");
                assertEquals((long) i, data.get("frame_number"));
                assertEquals(((Map<?, ?>) event.get("timestamps")).keySet(), data.keySet());
            }
            Map<String, Object> stop = docs.get(5).body();
            assertEquals(start.get("uid"), stop.get("run_start"));
            assertEquals("success", stop.get("exit_status"));
            assertEquals(Map.of("primary", 3L), stop.get("num_events"));
            assertEquals(3L, stop.get("num_frames"), "the Stop's own figures stay");
        }
    }

    @Test
    void rawBytesAndJsonFramesMetadataBecomeValidDocuments() {
        List<ArroyoMessage> run = List.of(
                Start.of(Map.of("Binding Energy", 100.5, "Rectangle", Map.of("Left", 0L, "Right", 4L), "scan_id", 3L)),
                Event.ofBytes("hello".getBytes(StandardCharsets.UTF_8)),
                Event.ofMetadata(Map.of("Frame Number", 1L, "stream", "baseline", "ok", true, "levels", List.of(1L, 2L))),
                Stop.of(Map.of("exit_status", "abort", "reason", "user stopped", "Num Frames", 1L)));
        for (BlueskyCodec codec : codecs()) {
            List<BlueskyDocument> docs = writtenAndValidated(codec, run);
            assertEquals(List.of("start", "descriptor", "event", "descriptor", "event", "stop"),
                    docs.stream().map(BlueskyDocument::name).toList(), "one descriptor per stream");
            Map<?, ?> payloadKey = (Map<?, ?>) ((Map<?, ?>) docs.get(1).body().get("data_keys")).get("payload");
            assertEquals("|u1", payloadKey.get("dtype_numpy"), "opaque bytes travel as a uint8 array");
            assertEquals("baseline", docs.get(3).body().get("name"));
            Map<String, Object> stop = docs.get(5).body();
            assertEquals("abort", stop.get("exit_status"));
            assertEquals("user stopped", stop.get("reason"));
            assertEquals(Map.of("primary", 1L, "baseline", 1L), stop.get("num_events"));
        }
    }

    @Test
    void aChangeOfDataKeysWritesANewDescriptorAndANewStartClosesTheOpenRun() {
        BlueskyZmqJsonCodec codec = new BlueskyZmqJsonCodec();
        List<ArroyoMessage> run = List.of(Start.of(Map.of()), Event.ofMetadata(Map.of("a", 1L)),
                Event.ofMetadata(Map.of("a", 2L)), Event.ofMetadata(Map.of("a", 2.5)), Start.of(Map.of()));
        List<BlueskyDocument> docs = writtenAndValidated(codec, run);
        assertEquals(List.of("start", "descriptor", "event", "event", "descriptor", "event", "stop", "start"),
                docs.stream().map(BlueskyDocument::name).toList());
        assertNotEquals(docs.get(1).body().get("uid"), docs.get(4).body().get("uid"));
        assertEquals(3L, docs.get(5).body().get("seq_num"), "the stream's count goes on");
        assertEquals("abort", docs.get(6).body().get("exit_status"));
        assertEquals(docs.get(0).body().get("uid"), docs.get(6).body().get("run_start"));
    }

    @Test
    void whatNoDocumentCanHoldIsRefusedNamingIt() {
        BlueskyZmqMsgpackCodec codec = new BlueskyZmqMsgpackCodec();
        CodecException outside = assertThrows(CodecException.class,
                () -> codec.encodeAll(Event.ofMetadata(Map.of("a", 1L))));
        assertTrue(outside.getMessage().contains("an Event outside a run"), outside.getMessage());
        assertTrue(assertThrows(CodecException.class, () -> codec.encodeAll(Stop.of(Map.of()))).getMessage()
                .contains("a Stop outside a run"));
        assertTrue(assertThrows(CodecException.class, () -> codec.encodeAll(Start.of(Map.of("a.b", 1L))))
                .getMessage().contains("'a.b' cannot be a Bluesky document key"));
        assertTrue(assertThrows(CodecException.class, () -> codec.encodeAll(Start.of(Map.of("scan_id", "x"))))
                .getMessage().contains("scan_id must be an integer"));
        codec.encodeAll(Start.of(Map.of()));
        CodecException map = assertThrows(CodecException.class,
                () -> codec.encodeAll(Event.ofMetadata(Map.of("nested", Map.of("x", 1L)))));
        assertTrue(map.getMessage().contains("event data 'nested' is a"), map.getMessage());
    }

    @Test
    void kafkaRefusesToPackTwoRecordsIntoOne() {
        BlueskyKafkaCodec codec = new BlueskyKafkaCodec();
        assertEquals(1, codec.encode(Start.of(Map.of())).size());
        CodecException e = assertThrows(CodecException.class, () -> codec.encode(Event.ofMetadata(Map.of("a", 1L))));
        assertTrue(e.getMessage().contains("becomes 2 records"), e.getMessage());
        assertEquals(1, codec.encode(Event.ofMetadata(Map.of("a", 2L))).size(), "the descriptor went out before");
    }

    @Test
    void zmqEncodeWritesTheDocumentsAsFramesOfOneMessage() {
        BlueskyZmqJsonCodec codec = new BlueskyZmqJsonCodec();
        codec.encode(Start.of(Map.of()));
        List<ByteBuffer> frames = codec.encode(Event.ofMetadata(Map.of("a", 1L)));
        assertEquals(2, frames.size());
        assertTrue(StandardCharsets.UTF_8.decode(frames.get(0).duplicate()).toString().startsWith(" descriptor {"));
        assertTrue(StandardCharsets.UTF_8.decode(frames.get(1).duplicate()).toString().startsWith(" event {"));
    }

    @Test
    void bigEndianArraysKeepTheirByteOrderMark() {
        BlueskyZmqMsgpackCodec codec = new BlueskyZmqMsgpackCodec();
        ByteBuffer be = ByteBuffer.allocate(4).order(ByteOrder.BIG_ENDIAN).putShort((short) 1).putShort((short) 258);
        NDArray array = NDArray.wrap(DType.UINT16, new int[] { 2 }, ByteOrder.BIG_ENDIAN, be.flip());
        List<BlueskyDocument> docs = writtenAndValidated(codec, List.of(Start.of(Map.of()),
                Event.ofArray(Map.of(), "x", array)));
        Map<?, ?> key = (Map<?, ?>) ((Map<?, ?>) docs.get(1).body().get("data_keys")).get("x");
        assertEquals(">u2", key.get("dtype_numpy"));
        NDArray back = assertInstanceOf(NDArray.class, ((Map<?, ?>) docs.get(2).body().get("data")).get("x"));
        assertEquals(ByteOrder.BIG_ENDIAN, back.order());
        assertEquals(258.0, back.getDouble(1));
    }

    @Test
    void theValidatorItselfRejectsAnInvalidDocument() {
        List<String> problems = schemas.problems("stop", "{\"uid\": \"u\", \"time\": 1.0, \"run_start\": \"r\"}");
        assertFalse(problems.isEmpty(), "a stop without exit_status is invalid");
        assertTrue(problems.get(0).contains("exit_status"), problems.toString());
        assertFalse(schemas.problems("start", "{\"uid\": \"u\", \"time\": 1.0, \"a.b\": 1}").isEmpty(),
                "a start key with a dot is invalid");
        assertFalse(schemas.problems("event", "{\"uid\": \"u\", \"time\": 1.0, \"seq_num\": 1,"
                                              + " \"descriptor\": \"d\", \"data\": {}, \"timestamps\": {},"
                                              + " \"extra\": 1}").isEmpty(), "an event takes no other fields");
    }
}
