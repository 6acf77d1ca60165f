package org.arroyo.camel.dataformat;

import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.arroyo.camel.codec.CodecException;
import org.arroyo.camel.codec.MsgpackCodec;
import org.arroyo.camel.codec.PackedFrames;
import org.arroyo.camel.message.ArroyoConstants;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The forms Camel 4.17 accepts for the arroyo data format, in the Java DSL and the YAML DSL, and its errors. */
class ArroyoDataFormatRoutesTest {

    private final CamelContext context = new DefaultCamelContext();

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void javaDslByNameByBeanAndByEndpointUri() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // found by name (META-INF/services/org/apache/camel/dataformat/arroyo), default codec msgpack
                from("direct:byName").marshal().custom("arroyo").to("mock:bytes");
                from("direct:back").unmarshal().custom("arroyo").to("mock:messages");
                from("direct:bean").marshal(new ArroyoDataFormat("raw")).to("mock:raw");
                from("direct:uri").to("dataformat:arroyo:marshal?codec=raw&metadataHeaders=true").to("mock:uri");
            }
        });
        context.start();
        ProducerTemplate template = context.createProducerTemplate();
        Event frame = ArroyoDataFormatTest.frame(3);

        byte[] bytes = template.requestBody("direct:byName", frame, byte[].class);
        assertArrayEquals(PackedFrames.pack(new MsgpackCodec().encode(frame)), bytes);
        Exchange back = template.request("direct:back", e -> e.getMessage().setBody(bytes));
        assertEquals(frame, back.getMessage().getBody());
        assertEquals("event", back.getMessage().getHeader(ArroyoConstants.MESSAGE_TYPE));

        assertArrayEquals(new byte[] { 9, 8 }, template.requestBody("direct:bean",
                Event.ofBytes(new byte[] { 9, 8 }), byte[].class));

        Exchange uri = template.request("direct:uri", e -> e.getMessage().setBody(Start.of(Map.of("run_name", "u"))));
        assertEquals("start", uri.getMessage().getHeader("arroyo-msg_type"));
        assertEquals("u", uri.getMessage().getHeader("arroyo-run_name"));
    }

    @Test
    void badBytesGoToTheRouteErrorHandlerAndTheNextMessagePasses() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(deadLetterChannel("mock:dead"));
                from("direct:in").to("dataformat:arroyo:unmarshal?codec=msgpack").to("mock:messages");
            }
        });
        context.start();
        MockEndpoint dead = context.getEndpoint("mock:dead", MockEndpoint.class);
        MockEndpoint messages = context.getEndpoint("mock:messages", MockEndpoint.class);
        dead.expectedMessageCount(1);
        messages.expectedMessageCount(2);
        ProducerTemplate template = context.createProducerTemplate();
        byte[] bad = { (byte) 0x93, 1, 2 };
        template.sendBody("direct:in", PackedFrames.pack(new MsgpackCodec().encode(ArroyoDataFormatTest.startMessage())));
        template.sendBody("direct:in", bad);
        template.sendBody("direct:in", PackedFrames.pack(new MsgpackCodec().encode(Stop.of(Map.of("num_frames", 0L)))));
        MockEndpoint.assertIsSatisfied(context);

        Exchange failed = dead.getExchanges().get(0);
        CodecException error = assertInstanceOf(CodecException.class,
                failed.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class));
        assertTrue(error.getMessage().contains("codec 'msgpack') rejected a payload of 3 bytes"), error.getMessage());
        assertArrayEquals(bad, failed.getMessage().getBody(byte[].class), "the dead letter keeps the bytes");
        assertInstanceOf(Start.class, messages.getExchanges().get(0).getMessage().getBody());
        assertInstanceOf(Stop.class, messages.getExchanges().get(1).getMessage().getBody());
    }

    @Test
    void yamlDslByEndpointUriByNameAndByBean() throws Exception {
        String yaml = """
                - beans:
                    - name: rawWithHeaders
                      type: org.arroyo.camel.dataformat.ArroyoDataFormat
                      properties:
                        codec: raw
                        metadataHeaders: true
                - route:
                    from:
                      uri: direct:uri
                      steps:
                        - to:
                            uri: dataformat:arroyo:marshal
                            parameters:
                              codec: msgpack
                        - to:
                            uri: dataformat:arroyo:unmarshal
                            parameters:
                              codec: msgpack
                        - to: mock:uri
                - route:
                    from:
                      uri: direct:name
                      steps:
                        - marshal:
                            custom:
                              ref: arroyo
                        - to: mock:name
                - route:
                    from:
                      uri: direct:bean
                      steps:
                        - marshal:
                            custom:
                              ref: rawWithHeaders
                        - to: mock:bean
                """;
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("forms.yaml", yaml));
        context.start();
        ProducerTemplate template = context.createProducerTemplate();
        Event frame = ArroyoDataFormatTest.frame(8);

        Exchange uri = template.request("direct:uri", e -> e.getMessage().setBody(frame));
        assertEquals(frame, uri.getMessage().getBody());
        assertEquals("event", uri.getMessage().getHeader(ArroyoConstants.MESSAGE_TYPE));

        assertArrayEquals(PackedFrames.pack(new MsgpackCodec().encode(frame)),
                template.requestBody("direct:name", frame, byte[].class));

        Exchange bean = template.request("direct:bean",
                e -> e.getMessage().setBody(Event.ofBytes(Map.of("frame_number", 8L), java.nio.ByteBuffer.wrap(
                        new byte[] { 4, 2 }))));
        assertArrayEquals(new byte[] { 4, 2 }, bean.getMessage().getBody(byte[].class));
        assertEquals("8", bean.getMessage().getHeader("arroyo-frame_number"));
    }

    @Test
    void aMisspeltBeanPropertyFailsTheLoad() {
        // camel-dataformat's endpoint is lenient (a misspelt URI option is ignored); a bean's properties are checked
        String yaml = """
                - beans:
                    - name: typo
                      type: org.arroyo.camel.dataformat.ArroyoDataFormat
                      properties:
                        codek: raw
                """;
        Exception e = assertThrows(Exception.class, () -> {
            PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("typo.yaml", yaml));
            context.start();
        });
        assertTrue(rootMessage(e).contains("codek"), rootMessage(e));
    }

    private static String rootMessage(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append(" / ");
        }
        return all.toString();
    }

    @Test
    void aListOfResultsIsSplitBeforeMarshal() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").split(body()).marshal().custom("arroyo").to("mock:bytes");
            }
        });
        context.start();
        MockEndpoint bytes = context.getEndpoint("mock:bytes", MockEndpoint.class);
        bytes.expectedMessageCount(2);
        context.createProducerTemplate().sendBody("direct:in",
                List.of(ArroyoDataFormatTest.frame(1), ArroyoDataFormatTest.frame(2)));
        bytes.assertIsSatisfied();
        assertArrayEquals(PackedFrames.pack(new MsgpackCodec().encode(ArroyoDataFormatTest.frame(2))),
                bytes.getExchanges().get(1).getMessage().getBody(byte[].class));
    }
}
