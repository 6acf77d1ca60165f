package org.arroyo.camel.zmq;

import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** URI options parse into the configuration; wrong ones fail at start-up, naming the option and what it accepts. */
class ArroyoZmqEndpointTest extends CamelTestSupport {

    @Test
    void optionsAreParsedFromTheUri() {
        ArroyoZmqEndpoint endpoint = context.getEndpoint("arroyo-zmq:tcp://127.0.0.1:5999?socketType=SUB"
                                                         + "&mode=BIND&topics=a,b&codec=raw&sendHighWaterMark=10"
                                                         + "&receiveHighWaterMark=20&linger=0&receiveTimeout=50"
                                                         + "&sendTimeout=100&blockWhenFull=false&maxMessageSize=4096",
                ArroyoZmqEndpoint.class);
        ArroyoZmqConfiguration c = endpoint.getConfiguration();
        assertEquals("tcp://127.0.0.1:5999", endpoint.getAddress());
        assertEquals(ZmqSocketType.SUB, c.getSocketType());
        assertEquals(ZmqMode.BIND, c.getMode());
        assertEquals(java.util.List.of("a", "b"), c.topicList());
        assertEquals(10, c.getSendHighWaterMark());
        assertEquals(20, c.getReceiveHighWaterMark());
        assertEquals(0, c.getLinger());
        assertEquals(50, c.getReceiveTimeout());
        assertEquals(100, c.getSendTimeout());
        assertEquals(false, c.isBlockWhenFull());
        assertEquals(4096, c.getMaxMessageSize());
    }

    @Test
    void componentDefaultsApplyToEveryEndpointAsCopies() {
        ArroyoZmqComponent component = context.getComponent("arroyo-zmq", ArroyoZmqComponent.class);
        component.getConfiguration().setLinger(42);
        ArroyoZmqEndpoint a = context.getEndpoint("arroyo-zmq:tcp://127.0.0.1:6001", ArroyoZmqEndpoint.class);
        ArroyoZmqEndpoint b = context.getEndpoint("arroyo-zmq:tcp://127.0.0.1:6002?linger=7", ArroyoZmqEndpoint.class);
        assertEquals(42, a.getConfiguration().getLinger());
        assertEquals(7, b.getConfiguration().getLinger());
        assertEquals(42, component.getConfiguration().getLinger(), "an endpoint must not change the defaults");
        assertNull(a.getConfiguration().getSocketType());
    }

    @Test
    void defaultModeFollowsTheSocketType() {
        ArroyoZmqConfiguration c = new ArroyoZmqConfiguration();
        assertEquals(ZmqMode.BIND, c.modeFor(ZmqSocketType.PUB));
        assertEquals(ZmqMode.CONNECT, c.modeFor(ZmqSocketType.SUB));
        assertEquals(ZmqMode.BIND, c.modeFor(ZmqSocketType.PULL));
        assertEquals(ZmqMode.CONNECT, c.modeFor(ZmqSocketType.PUSH));
        assertEquals(ZmqSocketType.SUB, c.socketTypeFor(true));
        assertEquals(ZmqSocketType.PUB, c.socketTypeFor(false));
    }

    @Test
    void aConsumerWithASendOnlySocketTypeFailsAtStartUp() {
        Exception e = startWith("arroyo-zmq:tcp://127.0.0.1:6003?socketType=PUB", "mock:x");
        assertMentions(e, "socketType PUB cannot receive", "SUB, PULL, PAIR, DEALER, ROUTER");
    }

    @Test
    void aProducerWithAReceiveOnlySocketTypeFailsAtStartUp() {
        Exception e = startWith("direct:x", "arroyo-zmq:tcp://127.0.0.1:6004?socketType=PULL");
        assertMentions(e, "socketType PULL cannot send", "PUB, PUSH, PAIR, DEALER, ROUTER");
    }

    @Test
    void anUnknownSocketTypeNamesTheAcceptedValues() {
        Exception e = startWith("arroyo-zmq:tcp://127.0.0.1:6005?socketType=REQUEST", "mock:x");
        assertMentions(e, "unknown socketType 'REQUEST'; accepted: PUB, SUB, PUSH, PULL, PAIR, DEALER, ROUTER");
    }

    @Test
    void enumOptionsAreCaseInsensitive() {
        ArroyoZmqEndpoint endpoint = context.getEndpoint("arroyo-zmq:tcp://127.0.0.1:6008?socketType=push&mode=bind",
                ArroyoZmqEndpoint.class);
        assertEquals(ZmqSocketType.PUSH, endpoint.getConfiguration().getSocketType());
        assertEquals(ZmqMode.BIND, endpoint.getConfiguration().getMode());
    }

    @Test
    void anUnknownCodecNamesTheAcceptedCodecs() {
        Exception e = startWith("arroyo-zmq:tcp://127.0.0.1:6006?socketType=PULL&codec=protobuf", "mock:x");
        assertMentions(e, "Unknown codec 'protobuf'", "raw");
    }

    @Test
    void maxProducerSocketsIsParsedAndDefaultsToEight() {
        assertEquals(8, context.getEndpoint("arroyo-zmq:tcp://127.0.0.1:6009", ArroyoZmqEndpoint.class)
                .getConfiguration().getMaxProducerSockets());
        assertEquals(2, context.getEndpoint("arroyo-zmq:tcp://127.0.0.1:6009?maxProducerSockets=2",
                ArroyoZmqEndpoint.class).getConfiguration().getMaxProducerSockets());
    }

    @Test
    void noProducerSocketsAtAllIsRejectedWithTheOptionsName() {
        Exception e = startWith("direct:x", "arroyo-zmq:tcp://127.0.0.1:6010?socketType=PUSH&maxProducerSockets=0");
        assertMentions(e, "maxProducerSockets must be at least 1, got 0");
    }

    @Test
    void aMalformedAddressIsRejected() {
        Exception e = startWith("arroyo-zmq:udp://127.0.0.1:6007?socketType=PULL", "mock:x");
        assertMentions(e, "invalid ZeroMQ address 'udp://127.0.0.1:6007'", "tcp://host:port");
    }

    @Test
    void aPortInUseIsNamedAsSuch() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            String address = "tcp://127.0.0.1:" + taken.getLocalPort();
            Exception e = startWith("arroyo-zmq:" + address + "?socketType=PULL&mode=BIND", "mock:x");
            assertMentions(e, "cannot bind " + address + ": address already in use (EADDRINUSE, errno 48)");
        }
    }

    private Exception startWith(String from, String to) {
        return assertThrows(Exception.class, () -> {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(from).to(to);
                }
            });
            // producers start with the route; make sure the route really starts
            context.getRouteController().startAllRoutes();
        });
    }

    private static void assertMentions(Exception e, String... parts) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append(" | ");
        }
        for (String part : parts) {
            assertTrue(all.toString().contains(part), "expected '" + part + "' in: " + all);
        }
        assertTrue(e instanceof FailedToCreateRouteException || e instanceof RuntimeException || e != null);
    }
}
