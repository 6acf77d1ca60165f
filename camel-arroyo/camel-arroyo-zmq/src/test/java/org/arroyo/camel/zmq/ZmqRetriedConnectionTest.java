package org.arroyo.camel.zmq;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.test.FreePorts;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A producer's first connection whose ZMTP handshake never completes, as JeroMQ 0.6.0 sometimes leaves a fresh one
 * (zeromq/jeromq#1022): here a TCP listener that accepts and never answers. The handshake times out, the socket
 * retries, and the real peer gets every message sent meanwhile. That needs {@code immediate=true} (the default):
 * with {@code immediate=false} JeroMQ drops the queue at the retry, which is what this test shows too.
 */
class ZmqRetriedConnectionTest {

    private static final int MESSAGES = 10;

    @Test
    void messagesSentWhileTheFirstHandshakeStallsReachThePeerAfterTheRetry() throws Exception {
        assertEquals(MESSAGES, deliveredAfterARetry(""), "every message sent before the retry");
    }

    @Test
    void withImmediateFalseJeroMqDropsWhatWasQueuedAtTheRetry() throws Exception {
        assertEquals(0, deliveredAfterARetry("&immediate=false"), "JeroMQ 0.6.0 drops the queue of a retried "
                                                                  + "connection unless immediate is set");
    }

    /** Sends while the address answers nothing, lets the socket retry once, then puts a real PULL there. */
    private static int deliveredAfterARetry(String options) throws Exception {
        int port = FreePorts.next();
        String address = "tcp://127.0.0.1:" + port;
        SilentListener silent = new SilentListener(port);
        CamelContext context = new DefaultCamelContext();
        try (ZContext zmq = new ZContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:out").to("arroyo-zmq:" + address + "?socketType=PUSH&handshakeInterval=300"
                                          + "&reconnectInterval=50" + options);
                }
            });
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            for (int i = 0; i < MESSAGES; i++) {
                template.sendBody("direct:out", ("m" + i).getBytes());
            }
            // a second connection means the first one's handshake timed out and the socket retried
            await().atMost(20, TimeUnit.SECONDS).until(() -> silent.accepted() >= 2);
            silent.close();

            ZMQ.Socket pull = zmq.createSocket(SocketType.PULL);
            await().atMost(10, TimeUnit.SECONDS).ignoreException(ZMQException.class).until(() -> pull.bind(address));
            pull.setReceiveTimeOut(3000);
            int delivered = 0;
            for (byte[] m; delivered < MESSAGES && (m = pull.recv(0)) != null; delivered++) {
                assertEquals("m" + delivered, new String(m), "in order");
            }
            return delivered;
        } finally {
            silent.close();
            context.stop();
        }
    }

    /** Accepts TCP connections and never says a word, so a ZeroMQ peer's handshake never completes. */
    private static final class SilentListener {
        private final ServerSocket server;
        private final List<Socket> connections = new ArrayList<>();
        private final AtomicInteger accepted = new AtomicInteger();

        SilentListener(int port) throws IOException {
            server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
            Thread t = new Thread(() -> {
                try {
                    while (true) {
                        Socket s = server.accept();
                        synchronized (connections) {
                            connections.add(s);
                        }
                        accepted.incrementAndGet();
                    }
                } catch (IOException closed) {
                    // the test closed the listener
                }
            }, "silent-listener");
            t.setDaemon(true);
            t.start();
        }

        int accepted() {
            return accepted.get();
        }

        void close() throws IOException {
            server.close();
            synchronized (connections) {
                for (Socket s : connections) {
                    s.close();
                }
            }
            assertTrue(server.isClosed());
        }
    }
}
