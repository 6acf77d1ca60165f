package org.arroyo.camel.message;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.LogListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a route shows of an Event body as text: {@code ${bodyAs(String)}}, {@code log: ${body}}, the {@code log:}
 * component and {@code convertBodyTo(String.class)}, through a real CamelContext and its type converter.
 */
class EventToStringConverterTest {

    private static final String TEXT = "Grüße ✓";

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private CamelContext context;
    private ProducerTemplate template;

    @BeforeEach
    void startRoutes() throws Exception {
        context = new DefaultCamelContext();
        // every line the log EIP and the log: component write passes through here
        context.getCamelContextExtension().addLogListener(recordTo(logged));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:show")
                        .setHeader("simpleText", simple("${bodyAs(String)}"))
                        .log("${body}")
                        .to("log:events?showExchangePattern=false&showBodyType=false")
                        .convertBodyTo(String.class);
                from("direct:latin1").convertBodyTo(String.class, "ISO-8859-1");
            }
        });
        context.start();
        template = context.createProducerTemplate();
    }

    @AfterEach
    void stopContext() {
        context.stop();
    }

    @Test
    void aBytesEventShowsItsPayloadAsUtf8Text() {
        Event event = Event.ofBytes(TEXT.getBytes(StandardCharsets.UTF_8));

        Exchange out = template.request("direct:show", e -> e.getIn().setBody(event));

        assertEquals(TEXT, out.getMessage().getHeader("simpleText"), "${bodyAs(String)}");
        assertEquals(TEXT, out.getMessage().getBody(), "convertBodyTo(String.class)");
        assertEquals(List.of(TEXT, "Exchange[Body: " + TEXT + "]"), logged, "log EIP, then the log: component");
    }

    @Test
    void metadataDoesNotChangeTheTextOfABytesEvent() {
        Event event = Event.ofBytes(Map.of("frame_number", 7L),
                java.nio.ByteBuffer.wrap("payload".getBytes(StandardCharsets.UTF_8)));

        Exchange out = template.request("direct:show", e -> e.getIn().setBody(event));

        assertEquals("payload", out.getMessage().getBody());
    }

    @Test
    void aCharsetTheRouteAsksForIsHonoured() {
        byte[] latin1 = TEXT.substring(0, 5).getBytes(StandardCharsets.ISO_8859_1);

        Exchange out = template.request("direct:latin1", e -> e.getIn().setBody(Event.ofBytes(latin1)));

        assertEquals("Grüße", out.getMessage().getBody());
    }

    @Test
    void malformedUtf8BecomesReplacementCharactersNotAnError() {
        byte[] bytes = { 'o', 'k', (byte) 0xFF };

        Exchange out = template.request("direct:show", e -> e.getIn().setBody(Event.ofBytes(bytes)));

        assertEquals("ok\uFFFD", out.getMessage().getBody());
    }

    @Test
    void anArrayEventIsNotTextAndKeepsItsDescription() {
        Event event = Event.ofArray(Map.of("frame_number", 3L), "image",
                NDArray.ofInts(DType.UINT32, new int[] { 1, 2, 3, 4 }, 2, 2));

        Exchange out = template.request("direct:show", e -> e.getIn().setBody(event));

        String described = "Event{frame_number=3} image=NDArray[uint32 [2, 2] LE]";
        assertEquals(described, event.toString(), "the description this test expects");
        assertEquals(described, out.getMessage().getHeader("simpleText"));
        assertEquals(described, out.getMessage().getBody());
        assertTrue(logged.contains(described), "log EIP: " + logged);
    }

    private static LogListener recordTo(List<String> lines) {
        return (exchange, logger, message) -> {
            lines.add(message);
            return message;
        };
    }
}
