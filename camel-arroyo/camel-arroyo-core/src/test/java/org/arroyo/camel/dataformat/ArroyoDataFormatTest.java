package org.arroyo.camel.dataformat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.arroyo.camel.codec.CodecException;
import org.arroyo.camel.codec.JsonFramesCodec;
import org.arroyo.camel.codec.MsgpackCodec;
import org.arroyo.camel.codec.MsgpackMultipartCodec;
import org.arroyo.camel.codec.PackedFrames;
import org.arroyo.camel.message.ArroyoConstants;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.DType;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NDArray;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** marshal and unmarshal of the arroyo data format, called as Camel's marshal/unmarshal processors call them. */
class ArroyoDataFormatTest {

    private CamelContext context;

    @BeforeEach
    void startContext() {
        context = new DefaultCamelContext();
        context.start();
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void msgpackPayloadsAreTheCodecsFramesByteForByte() throws Exception {
        ArroyoDataFormat df = dataFormat("msgpack");
        MsgpackCodec codec = new MsgpackCodec();
        for (ArroyoMessage m : List.of(startMessage(), frame(7), Stop.of(Map.of("num_frames", 1L)))) {
            assertArrayEquals(PackedFrames.pack(codec.encode(m)), marshal(df, m), m.type() + " payload");
        }
    }

    @Test
    void severalFramesArePackedAsArroyoRedisPacksThem() throws Exception {
        ArroyoDataFormat df = dataFormat("msgpack-multipart");
        Event event = Event.ofArray(Map.of("msg_type", "event", "flush_number", 3L), MsgpackMultipartCodec.ARRAY_NAME,
                array(2, 3, 5));
        List<ByteBuffer> frames = new MsgpackMultipartCodec().encode(event);
        assertEquals(2, frames.size(), "a Timepix event is a header and a data frame");
        byte[] payload = marshal(df, event);
        assertArrayEquals(PackedFrames.pack(frames), payload);
        assertTrue(PackedFrames.isPacked(payload));

        Exchange exchange = exchange();
        Event back = assertInstanceOf(Event.class, df.unmarshal(exchange, payload));
        assertEquals(3L, back.get("flush_number"));
        assertEquals(array(2, 3, 5).data(), back.getArray(MsgpackMultipartCodec.ARRAY_NAME).data());
        assertEquals("event", exchange.getMessage().getHeader(ArroyoConstants.MESSAGE_TYPE));
    }

    @Test
    void unmarshalReadsBytesBuffersStreamsAndText() throws Exception {
        ArroyoDataFormat df = dataFormat("msgpack");
        byte[] payload = marshal(df, frame(4));
        for (Object body : List.of(payload, ByteBuffer.wrap(payload), new ByteArrayInputStream(payload))) {
            Exchange exchange = exchange();
            Event e = assertInstanceOf(Event.class, df.unmarshal(exchange, body), body.getClass().getSimpleName());
            assertEquals(4L, e.get("frame_number"));
            assertEquals(frame(4).getArray("image"), e.getArray("image"));
            assertEquals("event", exchange.getMessage().getHeader(ArroyoConstants.MESSAGE_TYPE));
        }
        // a text format from a transport that hands over text
        ArroyoDataFormat json = dataFormat("json-frames");
        Exchange exchange = exchange();
        Stop stop = assertInstanceOf(Stop.class, json.unmarshal(exchange, "{\"msg_type\":\"stop\",\"Num Frames\":3}"));
        assertEquals(3L, stop.get("Num Frames"));
        assertEquals("stop", exchange.getMessage().getHeader(ArroyoConstants.MESSAGE_TYPE));
    }

    @Test
    void badBytesAreACodecExceptionNamingTheCodecAndTheNextPayloadDecodes() throws Exception {
        ArroyoDataFormat df = dataFormat("msgpack");
        CodecException e = assertThrows(CodecException.class,
                () -> df.unmarshal(exchange(), new byte[] { (byte) 0xc1, 1, 2 }));
        assertTrue(e.getMessage().startsWith("arroyo data format (codec 'msgpack') rejected a payload of 3 bytes: "),
                e.getMessage());
        assertInstanceOf(Start.class, df.unmarshal(exchange(), marshal(df, startMessage())));
    }

    @Test
    void aPayloadHoldingHalfAMessageIsRefusedAndForgotten() throws Exception {
        ArroyoDataFormat df = dataFormat("msgpack-multipart");
        Event event = Event.ofArray(Map.of("msg_type", "event"), MsgpackMultipartCodec.ARRAY_NAME, array(2, 2, 1));
        List<ByteBuffer> frames = new MsgpackMultipartCodec().encode(event);
        byte[] headerOnly = PackedFrames.bytes(frames.get(0));
        CodecException e = assertThrows(CodecException.class, () -> df.unmarshal(exchange(), headerOnly));
        assertTrue(e.getMessage().contains("only the first part of a message"), e.getMessage());
        // the data part alone is not taken as the rest of the dropped header: one payload is one message
        byte[] dataOnly = PackedFrames.bytes(frames.get(1));
        assertThrows(CodecException.class, () -> df.unmarshal(exchange(), dataOnly));
        assertInstanceOf(Event.class, df.unmarshal(exchange(), PackedFrames.pack(frames)));
    }

    @Test
    void jsonFramesEventsDecodeWithTheirRunsStart() throws Exception {
        ArroyoDataFormat df = dataFormat("json-frames");
        Map<String, Object> rectangle = new LinkedHashMap<>();
        rectangle.put("Left", 0L);
        rectangle.put("Top", 0L);
        rectangle.put("Right", 3L);
        rectangle.put("Bottom", 2L);
        rectangle.put("Rotation", 0L);
        Start start = Start.of(Map.of("Rectangle", rectangle, "data_type", "U16"));
        ByteBuffer pixels = ByteBuffer.allocate(12).order(ByteOrder.BIG_ENDIAN);
        for (int i = 0; i < 6; i++) {
            pixels.putShort(i * 2, (short) (100 + i));
        }
        Event event = Event.ofArray(Map.of("Frame Number", 1L), JsonFramesCodec.ARRAY_NAME,
                NDArray.wrap(DType.UINT16, new int[] { 2, 3 }, ByteOrder.BIG_ENDIAN, pixels));
        byte[] startPayload = marshal(df, start);
        byte[] eventPayload = marshal(df, event);
        assertInstanceOf(Start.class, df.unmarshal(exchange(), startPayload));
        Event back = assertInstanceOf(Event.class, df.unmarshal(exchange(), eventPayload));
        assertEquals(105, back.getArray(JsonFramesCodec.ARRAY_NAME).getDouble(5));
    }

    @Test
    void aListOfOneIsThatMessageAndALongerListIsRefused() throws Exception {
        ArroyoDataFormat df = dataFormat("msgpack");
        assertArrayEquals(marshal(df, frame(1)), marshal(df, List.of(frame(1))));
        InvalidPayloadException e = assertThrows(InvalidPayloadException.class,
                () -> marshal(df, List.of(frame(1), frame(2))));
        assertTrue(e.getCause().getMessage().contains("list of 2: split it first"), e.getCause().getMessage());
    }

    @Test
    void bytesBodiesMarshalAsEventsByTheProducersRule() throws Exception {
        ArroyoDataFormat df = dataFormat("raw");
        byte[] bytes = "hello".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(bytes, marshal(df, bytes), "raw stays byte-identical to arroyopy");
        Event back = assertInstanceOf(Event.class, df.unmarshal(exchange(), bytes));
        assertEquals(ByteBuffer.wrap(bytes), back.getPayload());
    }

    @Test
    void rawHasNoBytesForAStartUnlessHeadersCarryIt() throws Exception {
        ArroyoDataFormat df = dataFormat("raw");
        CodecException e = assertThrows(CodecException.class, () -> marshal(df, startMessage()));
        assertTrue(e.getMessage().contains("codec 'raw') has no bytes for a start message"), e.getMessage());
        assertTrue(e.getMessage().contains("metadataHeaders=true"), e.getMessage());
    }

    @Test
    void aKindTheCodecSkipsStopsTheExchange() throws Exception {
        ArroyoDataFormat df = dataFormat("msgpack");
        byte[] resultStop = PackedFrames.pack(new MsgpackCodec().encode(
                Event.ofMetadata(Map.of("msg_type", "result_stop", "n", 1L))));
        Exchange exchange = exchange();
        assertNull(df.unmarshal(exchange, resultStop));
        assertTrue(exchange.isRouteStop(), "an unknown msg_type ends the exchange as Camel's stop does");
        assertNull(exchange.getException());
    }

    @Test
    void unknownCodecsFailOnStartNamingTheAcceptedOnes() {
        ArroyoDataFormat df = new ArroyoDataFormat("msgpak");
        df.setCamelContext(context);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, df::start);
        assertTrue(e.getMessage().contains("Unknown codec 'msgpak'"), e.getMessage());
        assertTrue(e.getMessage().contains("msgpack-multipart"), e.getMessage());
    }

    @Test
    void aBeanCodecIsLookedUpByName() throws Exception {
        context.getRegistry().bind("lenient", new MsgpackCodec(true));
        ArroyoDataFormat df = dataFormat("#lenient");
        byte[] resultStop = PackedFrames.pack(new MsgpackCodec().encode(
                Event.ofMetadata(Map.of("msg_type", "result_stop", "n", 1L))));
        Event passed = assertInstanceOf(Event.class, df.unmarshal(exchange(), resultStop));
        assertEquals("result_stop", passed.get("msg_type"));
        assertFalse(df.isMetadataHeaders());
        assertSame(context, df.getCamelContext());
    }

    private ArroyoDataFormat dataFormat(String codec) {
        ArroyoDataFormat df = new ArroyoDataFormat(codec);
        df.setCamelContext(context);
        df.start();
        return df;
    }

    private Exchange exchange() {
        return new DefaultExchange(context);
    }

    private byte[] marshal(ArroyoDataFormat df, Object body) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        df.marshal(exchange(), body, out);
        return out.toByteArray();
    }

    static Start startMessage() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("run_name", "df-test");
        data.put("width", 3L);
        data.put("height", 2L);
        data.put("data_type", "uint32");
        return Start.of(data);
    }

    static Event frame(long n) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("frame_number", n);
        meta.put("tiled_url", "http://localhost/df/" + n);
        return Event.ofArray(meta, "image", array(2, 3, (int) n));
    }

    static NDArray array(int rows, int cols, int base) {
        ByteBuffer data = ByteBuffer.allocate(rows * cols * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < rows * cols; i++) {
            data.putInt(i * 4, base + i);
        }
        return NDArray.wrap(DType.UINT32, new int[] { rows, cols }, ByteOrder.LITTLE_ENDIAN, data);
    }
}
