package org.arroyo.camel.dataformat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.arroyo.camel.message.ArroyoConstants;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** metadataHeaders: the message's type and scalar metadata as prefixed headers, and back. */
class MetadataHeadersTest {

    private CamelContext context;

    @BeforeEach
    void start() {
        context = new DefaultCamelContext();
        context.start();
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void marshalWritesTypeAndScalarsAsTextAndReplacesStaleHeaders() throws Exception {
        ArroyoDataFormat df = dataFormat("msgpack", "arroyo-");
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("frame_number", 7L);
        meta.put("exposure", 0.5);
        meta.put("ok", true);
        meta.put("tiled_url", "http://localhost/f/7");
        meta.put("Frame Number", 7L);            // not a header token: payload only
        meta.put("roi_rows", List.of(3, 5));      // nested: payload only
        meta.put("note", "two\nlines");          // a control character no transport takes: payload only
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setHeader("arroyo-stale", "from the previous hop");
        exchange.getMessage().setHeader("other", "kept");
        df.marshal(exchange, Event.ofArray(meta, "image", ArroyoDataFormatTest.array(2, 2, 0)),
                new ByteArrayOutputStream());

        Map<String, Object> headers = exchange.getMessage().getHeaders();
        assertEquals("event", headers.get("arroyo-msg_type"));
        assertEquals("7", headers.get("arroyo-frame_number"));
        assertEquals("0.5", headers.get("arroyo-exposure"));
        assertEquals("true", headers.get("arroyo-ok"));
        assertEquals("http://localhost/f/7", headers.get("arroyo-tiled_url"));
        assertFalse(headers.containsKey("arroyo-Frame Number"));
        assertFalse(headers.containsKey("arroyo-roi_rows"));
        assertFalse(headers.containsKey("arroyo-note"));
        assertFalse(headers.containsKey("arroyo-stale"), "headers of an earlier message are not this message's");
        assertEquals("kept", headers.get("other"));
    }

    @Test
    void rawCarriesAWholeRunWithHeaders() throws Exception {
        ArroyoDataFormat df = dataFormat("raw", "arroyo-");
        Start start = Start.of(Map.of("run_name", "r1"));
        Event event = Event.ofBytes(Map.of("frame_number", 3L), java.nio.ByteBuffer.wrap(new byte[] { 1, 2, 3 }));
        Stop stop = Stop.of(Map.of("num_frames", 1L));

        Start startBack = assertInstanceOf(Start.class, roundTrip(df, start).getMessage().getBody());
        assertEquals(Map.of("run_name", "r1"), startBack.getData());

        Exchange eventHop = roundTrip(df, event);
        Event eventBack = assertInstanceOf(Event.class, eventHop.getMessage().getBody());
        assertEquals(java.nio.ByteBuffer.wrap(new byte[] { 1, 2, 3 }), eventBack.getPayload());
        assertEquals(Map.of("frame_number", "3"), eventBack.getMetadata(), "metadata from headers comes as text");
        assertEquals("event", eventHop.getMessage().getHeader(ArroyoConstants.MESSAGE_TYPE));
        assertNull(eventHop.getMessage().getHeader("arroyo-frame_number"), "taken into the message");

        Stop stopBack = assertInstanceOf(Stop.class, roundTrip(df, stop).getMessage().getBody());
        assertEquals(Map.of("num_frames", "1"), stopBack.getData());
    }

    @Test
    void thePayloadsOwnValuesWinOverHeaders() throws Exception {
        ArroyoDataFormat df = dataFormat("msgpack", "arroyo-");
        Exchange exchange = new DefaultExchange(context);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        df.marshal(exchange, ArroyoDataFormatTest.frame(5), out);
        // another hop changed a header and added one
        exchange.getMessage().setHeader("arroyo-frame_number", "99");
        exchange.getMessage().setHeader("arroyo-beamline", "7.3.3".getBytes(StandardCharsets.UTF_8));
        Event back = assertInstanceOf(Event.class, df.unmarshal(exchange, out.toByteArray()));
        assertEquals(5L, back.get("frame_number"), "typed, from the payload");
        assertEquals("7.3.3", back.get("beamline"), "Kafka-style byte[] header values are read as UTF-8");
    }

    @Test
    void thePrefixIsAnOption() throws Exception {
        ArroyoDataFormat df = dataFormat("msgpack", "x_");
        Exchange exchange = new DefaultExchange(context);
        df.marshal(exchange, ArroyoDataFormatTest.frame(2), new ByteArrayOutputStream());
        assertEquals("2", exchange.getMessage().getHeader("x_frame_number"));
        assertTrue(exchange.getMessage().getHeaders().keySet().stream().noneMatch(k -> k.startsWith("arroyo-")));
    }

    private Exchange roundTrip(ArroyoDataFormat df, Object message) throws Exception {
        Exchange exchange = new DefaultExchange(context);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        df.marshal(exchange, message, out);
        // what a transport delivers: the payload and the (non-Camel) headers
        Exchange received = new DefaultExchange(context);
        exchange.getMessage().getHeaders().forEach((k, v) -> received.getMessage().setHeader(k, v));
        received.getMessage().setBody(out.toByteArray());
        received.getMessage().setBody(df.unmarshal(received, out.toByteArray()));
        return received;
    }

    private ArroyoDataFormat dataFormat(String codec, String prefix) {
        ArroyoDataFormat df = new ArroyoDataFormat(codec);
        df.setMetadataHeaders(true);
        df.setHeaderPrefix(prefix);
        df.setCamelContext(context);
        df.start();
        return df;
    }

    @Test
    void aCamelPrefixIsRefusedAtStart() {
        ArroyoDataFormat df = new ArroyoDataFormat("msgpack");
        df.setMetadataHeaders(true);
        df.setHeaderPrefix("CamelArroyo");
        df.setCamelContext(context);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                df::start);
        assertTrue(e.getMessage().contains("headerPrefix 'CamelArroyo'"), e.getMessage());
    }

    @Test
    void aStartWithoutBytesIsAnEmptyPayload() throws Exception {
        ArroyoDataFormat df = dataFormat("raw", "arroyo-");
        Exchange exchange = new DefaultExchange(context);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        df.marshal(exchange, Start.of(Map.of("run_name", "r")), out);
        assertEquals(0, out.size(), "the headers carry the Start");
        assertEquals("start", exchange.getMessage().getHeader("arroyo-msg_type"));
    }
}
