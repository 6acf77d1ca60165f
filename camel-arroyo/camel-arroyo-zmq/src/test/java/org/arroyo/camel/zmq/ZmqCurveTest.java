package org.arroyo.camel.zmq;

import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.util.URISupport;
import org.arroyo.camel.test.FreePorts;
import org.junit.jupiter.api.Test;
import org.zeromq.ZMQ;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CURVE: encrypted and authenticated links; a client with the wrong key, or an unlisted one, gets nothing through. */
class ZmqCurveTest {

    private static final ZMQ.Curve.KeyPair SERVER = ZMQ.Curve.generateKeyPair();
    private static final ZMQ.Curve.KeyPair CLIENT = ZMQ.Curve.generateKeyPair();
    private static final ZMQ.Curve.KeyPair STRANGER = ZMQ.Curve.generateKeyPair();

    /** Keys in hex: URI-safe, unlike Z85 (which may hold &, # and {{). */
    private static String hex(String z85) {
        StringBuilder sb = new StringBuilder();
        for (byte b : ZMQ.Curve.z85Decode(z85)) {
            sb.append(String.format("%02x", b));
        }
        return sb.toString();
    }

    private final String address = FreePorts.tcpAddress();
    private final String server = "arroyo-zmq:" + address + "?socketType=PULL&curveServer=true&curvePublicKey="
                                  + hex(SERVER.publicKey) + "&curveSecretKey=" + hex(SERVER.secretKey);

    @Test
    void aClientThatKnowsTheServerKeyGetsThrough() throws Exception {
        try (CamelContext context = context(server, "arroyo-zmq:" + address + "?socketType=PUSH&curveServerKey="
                                                    + hex(SERVER.publicKey))) {
            MockEndpoint out = context.getEndpoint("mock:out", MockEndpoint.class);
            out.expectedMessageCount(10);
            for (int i = 0; i < 10; i++) {
                context.createProducerTemplate().sendBody("direct:in", "secret frame " + i);
            }
            out.assertIsSatisfied(10_000);
        }
    }

    @Test
    void aClientWithTheWrongServerKeyGetsNothingThrough() throws Exception {
        try (CamelContext context = context(server, "arroyo-zmq:" + address + "?socketType=PUSH&sendTimeout=100"
                                                    + "&curveServerKey=" + hex(STRANGER.publicKey))) {
            assertNothingArrives(context);
        }
    }

    @Test
    void aPlainClientGetsNothingThroughToACurveServer() throws Exception {
        try (CamelContext context = context(server, "arroyo-zmq:" + address + "?socketType=PUSH&sendTimeout=100")) {
            assertNothingArrives(context);
        }
    }

    @Test
    void onlyListedClientsAreAccepted() throws Exception {
        String restricted = server + "&curveAllowedClientKeys=" + hex(CLIENT.publicKey);
        String listed = "arroyo-zmq:" + address + "?socketType=PUSH&curveServerKey=" + hex(SERVER.publicKey)
                        + "&curvePublicKey=" + hex(CLIENT.publicKey) + "&curveSecretKey=" + hex(CLIENT.secretKey);
        try (CamelContext context = context(restricted, listed)) {
            MockEndpoint out = context.getEndpoint("mock:out", MockEndpoint.class);
            out.expectedMessageCount(3);
            for (int i = 0; i < 3; i++) {
                context.createProducerTemplate().sendBody("direct:in", "from a listed client");
            }
            out.assertIsSatisfied(10_000);
        }
        String unlisted = "arroyo-zmq:" + address + "?socketType=PUSH&sendTimeout=100&curveServerKey="
                          + hex(SERVER.publicKey) + "&curvePublicKey=" + hex(STRANGER.publicKey) + "&curveSecretKey="
                          + hex(STRANGER.secretKey);
        try (CamelContext context = context(restricted, unlisted)) {
            assertNothingArrives(context);
        }
    }

    @Test
    void anEndpointsClientListEndsWithItSoALaterServerOnTheAddressAcceptsAnyKeyHolder() throws Exception {
        String listed = server + "&curveAllowedClientKeys=" + hex(CLIENT.publicKey);
        String unlisted = "arroyo-zmq:" + address + "?socketType=PUSH&curveServerKey=" + hex(SERVER.publicKey)
                          + "&curvePublicKey=" + hex(STRANGER.publicKey) + "&curveSecretKey=" + hex(STRANGER.secretKey);
        try (CamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(listed).routeId("listed").to("mock:listed");
                }
            });
            context.start();
            ArroyoZmqEndpoint first = context.getEndpoint(listed, ArroyoZmqEndpoint.class);
            context.getRouteController().stopRoute("listed");
            context.removeRoute("listed");
            assertTrue(first.isStopped(), "removing its only route stops the endpoint");

            // same component (same ZAP handler), same address, no list: the stranger knows the server key
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(server + "&receiveTimeout=100").to("mock:out");
                    from("direct:in").to(unlisted);
                }
            });
            MockEndpoint out = context.getEndpoint("mock:out", MockEndpoint.class);
            out.expectedMessageCount(3);
            for (int i = 0; i < 3; i++) {
                context.createProducerTemplate().sendBody("direct:in", "from a client the old list did not name");
            }
            out.assertIsSatisfied(10_000);
        }
    }

    @Test
    void aRestartedEndpointEnforcesItsListAgain() throws Exception {
        String restricted = server + "&curveAllowedClientKeys=" + hex(CLIENT.publicKey);
        String unlisted = "arroyo-zmq:" + address + "?socketType=PUSH&sendTimeout=100&curveServerKey="
                          + hex(SERVER.publicKey) + "&curvePublicKey=" + hex(STRANGER.publicKey) + "&curveSecretKey="
                          + hex(STRANGER.secretKey);
        try (CamelContext context = context(restricted, unlisted)) {
            ArroyoZmqEndpoint endpoint = context.getEndpoint(restricted, ArroyoZmqEndpoint.class);
            context.getRouteController().stopRoute("server");
            endpoint.stop();
            endpoint.start();
            context.getRouteController().startRoute("server");
            assertNothingArrives(context);
        }
    }

    @Test
    void secretsStayOutOfPrintedUrisAndErrors() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            ArroyoZmqEndpoint endpoint = context.getEndpoint(server, ArroyoZmqEndpoint.class);
            assertFalse(URISupport.sanitizeUri(endpoint.getEndpointUri()).contains(hex(SERVER.secretKey)));
            assertFalse(endpoint.toString().contains(hex(SERVER.secretKey)), endpoint.toString());
            Exception e = assertThrows(Exception.class, () -> context.getEndpoint(
                    "arroyo-zmq:" + address + "?socketType=PULL&curveServer=true&curvePublicKey=" + hex(SERVER.publicKey)
                    + "&curveSecretKey=not-a-valid-key-but-secret").start());
            String message = String.valueOf(e.getMessage()) + e.getCause();
            assertTrue(message.contains("curveSecretKey must be a CURVE key: 64 hex digits, or 40 Z85 characters"), message);
            assertFalse(message.contains("not-a-valid-key-but-secret"), message);
        }
    }

    private static CamelContext context(String from, String to) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(from).routeId("server").to("mock:out");
                from("direct:in").to(to);
            }
        });
        context.start();
        return context;
    }

    private static void assertNothingArrives(CamelContext context) throws Exception {
        MockEndpoint out = context.getEndpoint("mock:out", MockEndpoint.class);
        for (int i = 0; i < 3; i++) {
            context.createProducerTemplate().send("direct:in", e -> e.getIn().setBody("must not arrive"));
        }
        // the handshake fails within the handshake interval; give it well over that to be sure nothing slips by
        await().pollDelay(1500, TimeUnit.MILLISECONDS).atMost(3, TimeUnit.SECONDS).until(() -> true);
        assertEquals(0, out.getReceivedCounter());
    }
}
