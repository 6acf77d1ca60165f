package org.arroyo.camel.bluesky;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.arroyo.camel.codec.CodecException;
import org.arroyo.camel.codec.MsgpackValues;
import org.arroyo.camel.dataformat.ArroyoDataFormat;
import org.arroyo.camel.dataformat.ArroyoPayloads;
import org.arroyo.camel.message.ArroyoConstants;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.Start;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * bluesky-kafka through the arroyo data format, as a {@code kafka:} route reads and writes Bluesky's records: a
 * descriptor informs the decoder and routes nothing, an event_page becomes a list of Events; a stream's first Event
 * (two documents on Bluesky's wire) is refused by marshal with a message that says why, and {@link ArroyoPayloads}
 * makes the records of a run, which unmarshal reads back.
 */
class BlueskyDataFormatTest extends CamelTestSupport {

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:records").unmarshal(new ArroyoDataFormat("bluesky-kafka")).to("mock:messages");
                from("direct:messages").marshal(new ArroyoDataFormat("bluesky-kafka")).to("mock:records");
                ArroyoPayloads payloads = new ArroyoPayloads();
                payloads.setCodec("bluesky-kafka");
                from("direct:run").process(payloads).split(body()).to("mock:split")
                        .to("direct:records");
            }
        };
    }

    @Test
    void anEventPageRecordBecomesAListOfEventsAndADescriptorRoutesNothing() throws Exception {
        MockEndpoint messages = getMockEndpoint("mock:messages");
        messages.expectedMessageCount(1);
        template.sendBody("direct:records", bytes(List.of("descriptor", Map.of("uid", "d", "run_start", "r",
                "time", 1.0, "name", "primary", "data_keys", Map.of("x", Map.of("dtype", "number", "shape", List.of(),
                        "source", "s"))))));
        template.sendBody("direct:records", bytes(List.of("event_page", Map.of("descriptor", "d", "uid",
                List.of("a", "b", "c"), "seq_num", List.of(1L, 2L, 3L), "time", List.of(1.0, 2.0, 3.0), "data",
                Map.of("x", List.of(0.5, 1.5, 2.5)), "timestamps", Map.of("x", List.of(1.0, 2.0, 3.0))))));
        messages.assertIsSatisfied();

        List<?> rows = assertInstanceOf(List.class, messages.getExchanges().get(0).getIn().getBody());
        assertEquals(3, rows.size());
        assertEquals(List.of(0.5, 1.5, 2.5), rows.stream().map(r -> ((Event) r).get("x")).toList());
        assertEquals(List.of(1L, 2L, 3L), rows.stream().map(r -> ((Event) r).get("seq_num")).toList());
        assertEquals("event", messages.getExchanges().get(0).getIn().getHeader(ArroyoConstants.MESSAGE_TYPE));
    }

    @Test
    void aFirstEventThatIsTwoDocumentsIsRefusedByMarshalSayingWhy() {
        template.sendBody("direct:messages", Start.of(Map.of("uid", "r", "time", 1.0)));
        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> template.sendBody("direct:messages", Event.ofMetadata(Map.of("x", 1.5))));
        CodecException cause = assertInstanceOf(CodecException.class, e.getCause());
        assertTrue(cause.getMessage().contains("as 2 payloads") && cause.getMessage().contains("ArroyoPayloads"),
                cause.getMessage());
    }

    @Test
    void arroyoPayloadsMakesTheRecordsOfARunAndUnmarshalReadsThemBack() throws Exception {
        MockEndpoint records = getMockEndpoint("mock:split");
        records.expectedMessageCount(4);
        MockEndpoint messages = getMockEndpoint("mock:messages");
        messages.expectedMessageCount(3);
        template.sendBody("direct:run", Start.of(Map.of("uid", "r", "time", 1.0)));
        template.sendBody("direct:run", List.of(Event.ofMetadata(Map.of("x", 1.5)), Event.ofMetadata(Map.of("x", 2.5))));
        records.assertIsSatisfied();
        messages.assertIsSatisfied();
        // start, then descriptor + event, event: the descriptor only informs the reader
        assertInstanceOf(Start.class, messages.getExchanges().get(0).getIn().getBody());
        assertEquals(1.5, messages.getExchanges().get(1).getIn().getBody(Event.class).get("x"));
        assertEquals(2.5, messages.getExchanges().get(2).getIn().getBody(Event.class).get("x"));
    }

    private static byte[] bytes(Object document) {
        ByteBuffer b = MsgpackValues.write("t", document);
        byte[] a = new byte[b.remaining()];
        b.get(a);
        return a;
    }
}
