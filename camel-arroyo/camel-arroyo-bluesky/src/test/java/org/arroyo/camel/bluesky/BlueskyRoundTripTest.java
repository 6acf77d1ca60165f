package org.arroyo.camel.bluesky;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.arroyo.camel.codec.MessageDecoder;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.DType;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NDArray;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Start / Event / Stop -> documents -> Start / Event / Stop in every form: what went in comes out (plus the
 * documents' uids, times and sequence numbers), and a second pass through the documents changes nothing more.
 */
class BlueskyRoundTripTest {

    private static List<ArroyoMessage> run() {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("frame_number", 1L);
        event.put("exposure", 0.25);
        event.put("label", "dark");
        event.put("time", 1700000001.5);
        event.put("data.time", 42L);
        return List.of(Start.of(Map.of("run_name", "rt", "uid", "run-uid", "time", 1700000000.0)),
                Event.ofArrays(event, Map.of("image", NDArray.ofInts(DType.INT32, new int[] { -1, 2, 3, 4 }, 2, 2),
                        "curve", NDArray.ofFloats(new float[] { 0.5f, 1.5f }))),
                Event.ofArray(Map.of("frame_number", 2L, "stream", "dark"), "image",
                        NDArray.ofDoubles(new double[] { 1.25, -2 }, 2)),
                Stop.of(Map.of("num_frames", 2L)));
    }

    private static List<ArroyoMessage> roundTrip(BlueskyCodec writer, BlueskyCodec reader, List<ArroyoMessage> in) {
        MessageDecoder decoder = reader.newDecoder();
        List<ArroyoMessage> out = new ArrayList<>();
        for (ArroyoMessage message : in) {
            for (List<ByteBuffer> transport : writer.encodeAll(message)) {
                out.addAll(decoder.decodeAll(transport));
            }
        }
        return out;
    }

    @Test
    void whatWentInComesOutInEveryForm() {
        for (BlueskyCodec codec : List.of(new BlueskyZmqJsonCodec(), new BlueskyZmqMsgpackCodec(),
                new BlueskyKafkaCodec())) {
            List<ArroyoMessage> in = run();
            List<ArroyoMessage> out = roundTrip(codec, codec, in);
            assertEquals(4, out.size(), codec.name() + ": descriptors are no messages");
            Start start = assertInstanceOf(Start.class, out.get(0));
            assertEquals("rt", start.get("run_name"));
            assertEquals("run-uid", start.get("uid"), "a Start's own uid is kept");
            assertEquals(1700000000.0, start.get("time"));

            Event first = assertInstanceOf(Event.class, out.get(1));
            Event sent = (Event) in.get(1);
            sent.getMetadata().forEach((k, v) -> assertEquals(v, first.get(k), codec.name() + " " + k));
            assertEquals(sent.getArrays(), first.getArrays(), codec.name() + ": arrays, dtypes and shapes");
            assertEquals("event", first.get("document"));
            assertEquals("primary", first.get("stream"));
            assertEquals(1L, first.get("seq_num"));
            assertTrue(first.get("uid") instanceof String);

            Event second = assertInstanceOf(Event.class, out.get(2));
            assertEquals("dark", second.get("stream"));
            assertEquals(2L, second.get("frame_number"));
            assertEquals(in.get(2) instanceof Event e ? e.getArray("image") : null, second.getArray("image"));

            Stop stop = assertInstanceOf(Stop.class, out.get(3));
            assertEquals(2L, stop.get("num_frames"));
            assertEquals("run-uid", stop.get("run_start"));
            assertEquals(Map.of("primary", 1L, "dark", 1L), stop.get("num_events"));

            // documents -> messages -> documents -> messages: nothing changes on the second pass
            List<ArroyoMessage> again = roundTrip(codec, codec, out);
            assertEquals(out.get(0), again.get(0), codec.name());
            assertEquals(((Event) out.get(1)).getMetadata().keySet(), ((Event) again.get(1)).getMetadata().keySet());
            assertEquals(((Event) out.get(1)).get("uid"), ((Event) again.get(1)).get("uid"), "an event's uid is kept");
            assertEquals(((Event) out.get(1)).getArrays(), ((Event) again.get(1)).getArrays());
            assertEquals(((Stop) out.get(3)).getData().keySet(), ((Stop) again.get(3)).getData().keySet());
        }
    }

    @Test
    void referenceEventsAreWrittenBackAsTheirDocuments() {
        BlueskyZmqMsgpackCodec codec = new BlueskyZmqMsgpackCodec();
        Map<String, Object> datum = new LinkedHashMap<>();
        datum.put("document", "datum");
        datum.put("datum_id", "res/3");
        datum.put("resource", "res");
        datum.put("datum_kwargs", Map.of("point_number", 3L));
        List<BlueskyDocument> docs = codec.documents(Event.ofMetadata(datum));
        assertEquals(1, docs.size());
        assertEquals("datum", docs.get(0).name());
        assertEquals(List.of("datum_id", "resource", "datum_kwargs"), List.copyOf(docs.get(0).body().keySet()));
        assertEquals(List.of(), new EventModelSchemas().problems(docs.get(0)));
        List<ArroyoMessage> back = codec.newDecoder().decodeAll(codec.encodeAll(Event.ofMetadata(datum)).get(0));
        assertEquals(Event.ofMetadata(datum), back.get(0));
    }
}
