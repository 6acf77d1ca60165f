package org.arroyo.camel.support;

import java.nio.ByteBuffer;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.CamelTracingService;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.service.ServiceSupport;
import org.arroyo.camel.codec.JsonFramesCodec;
import org.arroyo.camel.codec.MsgpackCodec;
import org.arroyo.camel.codec.MsgpackMultipartCodec;
import org.arroyo.camel.codec.RawCodec;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceContextTest {

    private static final String PARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    private static final String OTHER = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private final CamelContext context = new DefaultCamelContext();

    @AfterEach
    void close() throws Exception {
        context.close();
    }

    @Test
    void producerPutsTheExchangesContextIntoEachKindOfMessage() {
        Exchange exchange = exchange(PARENT, "vendor=1");
        Event event = Event.ofBytes(Map.of("frame_number", 3L), ByteBuffer.wrap(new byte[] { 1, 2, 3 }));

        Event traced = assertInstanceOf(Event.class, TraceContext.inject(exchange.getIn(), event));
        assertEquals(Map.of("frame_number", 3L, "traceparent", PARENT, "tracestate", "vendor=1"), traced.getMetadata());
        assertEquals(event.getPayload(), traced.getPayload(), "the payload is the same view");
        Start start = assertInstanceOf(Start.class, TraceContext.inject(exchange.getIn(), Start.of(Map.of("a", 1L))));
        assertEquals(PARENT, start.get("traceparent"));
        Stop stop = assertInstanceOf(Stop.class, TraceContext.inject(exchange.getIn(), Stop.of(Map.of())));
        assertEquals("vendor=1", stop.get("tracestate"));
    }

    @Test
    void anUpstreamContextIsReplacedAndItsStateDropped() {
        Event upstream = Event.ofMetadata(Map.of("traceparent", OTHER, "tracestate", "upstream=1", "n", 1L));

        Event traced = (Event) TraceContext.inject(exchange(PARENT, null).getIn(), upstream);

        assertEquals(Map.of("traceparent", PARENT, "n", 1L), traced.getMetadata());
    }

    @Test
    void withoutAContextInTheHeadersTheMessageIsTheSameInstance() {
        Event event = Event.ofMetadata(Map.of("n", 1L));
        assertSame(event, TraceContext.inject(new DefaultExchange(context).getIn(), event));
        assertSame(event, TraceContext.inject(exchange("", null).getIn(), event));
        Event already = Event.ofMetadata(Map.of("traceparent", PARENT));
        assertSame(already, TraceContext.inject(exchange(PARENT, null).getIn(), already));
    }

    @Test
    void consumerPutsTheMessagesContextIntoHeaders() {
        Exchange exchange = new DefaultExchange(context);
        TraceContext.extract(Start.of(Map.of("traceparent", PARENT, "tracestate", "vendor=1")), exchange.getIn());
        assertEquals(PARENT, exchange.getIn().getHeader("traceparent"));
        assertEquals("vendor=1", exchange.getIn().getHeader("tracestate"));

        Exchange none = new DefaultExchange(context);
        TraceContext.extract(Event.ofMetadata(Map.of("traceparent", 42L, "tracestate", "x")), none.getIn());
        assertFalse(none.getIn().hasHeaders(), "a field that is no string is no context");
    }

    @Test
    void injectorIsOffWithoutATracerOrWithoutRoomInTheFormat() throws Exception {
        assertFalse(TraceContext.isTracing(context));
        assertSame(TraceContextInjector.OFF, TraceContextInjector.of(context, new MsgpackCodec()));
        ArroyoMessage event = Event.ofMetadata(Map.of());
        assertSame(event, TraceContextInjector.OFF.apply(exchange(PARENT, null), event));

        context.addService(new FakeTracer());
        assertTrue(TraceContext.isTracing(context));
        assertTrue(TraceContextInjector.of(context, new MsgpackCodec()).isActive());
        assertTrue(TraceContextInjector.of(context, new MsgpackMultipartCodec()).isActive());
        assertTrue(TraceContextInjector.of(context, new JsonFramesCodec()).isActive());
        assertFalse(TraceContextInjector.of(context, new RawCodec()).isActive(), "opaque bytes have no room");
        TraceContextInjector injector = TraceContextInjector.of(context, new MsgpackCodec());
        Event traced = (Event) injector.apply(exchange(PARENT, null), event);
        assertEquals(PARENT, traced.get("traceparent"));
        assertNull(traced.get("tracestate"));
    }

    private Exchange exchange(String traceparent, String tracestate) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getIn().setHeader("traceparent", traceparent);
        if (tracestate != null) {
            exchange.getIn().setHeader("tracestate", tracestate);
        }
        return exchange;
    }

    /** What camel-opentelemetry2's tracer is to the context: a CamelTracingService. */
    private static final class FakeTracer extends ServiceSupport implements CamelTracingService {
        private CamelContext camelContext;

        @Override
        public CamelContext getCamelContext() {
            return camelContext;
        }

        @Override
        public void setCamelContext(CamelContext camelContext) {
            this.camelContext = camelContext;
        }
    }
}
