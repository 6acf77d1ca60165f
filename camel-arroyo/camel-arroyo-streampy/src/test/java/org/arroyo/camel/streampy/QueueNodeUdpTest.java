package org.arroyo.camel.streampy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.arroyo.camel.test.FreePorts;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The queue node behind camel-netty's UDP endpoint, driven by our client and the one-shot command. */
class QueueNodeUdpTest extends CamelTestSupport {

    private final int port = FreePorts.nextUdp();
    private final MessageQueueNode node = new MessageQueueNode(100);

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(MessageQueueNode.nettyUri("127.0.0.1:" + port)).routeId("queue-node").process(node);
            }
        };
    }

    private ForwardUdpClient client() throws Exception {
        return new ForwardUdpClient(new InetSocketAddress("127.0.0.1", port), Duration.ofMillis(500), 2);
    }

    @Test
    void putGetSizeOverUdp() throws Exception {
        try (ForwardUdpClient c = client()) {
            assertEquals(0, c.size());
            assertEquals(0, c.get().length);
            assertEquals("PUT 4 bytes", c.put("ping"));
            assertEquals("PUT 4 bytes", c.put("pong"));
            assertEquals(2, c.size());
            assertEquals("ping", new String(c.get(), StandardCharsets.UTF_8));
            assertEquals("pong", new String(c.get(), StandardCharsets.UTF_8));
            assertEquals(0, c.get().length);
        }
    }

    @Test
    void errorsAreRepliedAndTheRouteKeepsServing() throws Exception {
        try (ForwardUdpClient c = client()) {
            assertEquals("ERR unknown verb 'FOO'", ForwardUdpClient.text(c.request("FOO".getBytes())));
            assertEquals("PUT 2 bytes", c.put("ok"));
            assertEquals(1, c.size());
        }
        assertTrue(context.getRouteController().getRouteStatus("queue-node").isStarted());
        assertEquals(1, node.errors());
    }

    @Test
    void aDatagramNearTheUdpLimitPassesWhole() throws Exception {
        byte[] big = new byte[ForwardUdpClient.MAX_DATAGRAM - 10];
        Arrays.fill(big, (byte) 'x');
        big[big.length - 1] = 'y';
        try (ForwardUdpClient c = client()) {
            assertEquals("PUT " + big.length + " bytes", c.put(big));
            assertArrayEquals(big, c.get());
        }
    }

    @Test
    void noNodeMeansATimeoutNotAHang() throws Exception {
        int silent = FreePorts.nextUdp();
        try (ForwardUdpClient c = new ForwardUdpClient(new InetSocketAddress("127.0.0.1", silent),
                Duration.ofMillis(50), 1)) {
            ForwardTimeoutException e = assertThrows(ForwardTimeoutException.class, c::get);
            assertTrue(e.getMessage().contains("after 2 attempts"), e.getMessage());
        }
    }

    @Test
    void theOneShotClientPrintsTheReply() {
        assertEquals("PUT 5 bytes", client("127.0.0.1:" + port, "PUT:hello"));
        assertEquals("1", client("127.0.0.1:" + port, "SIZE"));
        assertEquals("PUT 11 bytes", client("127.0.0.1:" + port, "PUT:hello", "world"), "words are joined");
        assertEquals("hello", client("127.0.0.1:" + port, "GET"));
        assertEquals("hello world", client("127.0.0.1:" + port, "GET"));
        assertEquals("", client("127.0.0.1:" + port, "GET"));
    }

    @Test
    void theOneShotClientReportsErrorsWithItsExitCode() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream o = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertEquals(3, ForwardClient.run(new String[] {"127.0.0.1:" + port, "FOO"}, o, e));
        assertEquals(2, ForwardClient.run(new String[] {"127.0.0.1:" + port}, o, e));
        assertEquals(1, ForwardClient.run(new String[] {"--timeout", "50", "--retries", "0",
                "127.0.0.1:" + FreePorts.nextUdp(), "GET"}, o, e));
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("ERR unknown verb 'FOO'"), text);
        assertTrue(text.contains("usage:"), text);
        assertTrue(text.contains("no reply from"), text);
    }

    private static String client(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = ForwardClient.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertEquals(0, code, "exit code for " + String.join(" ", args));
        return out.toString(StandardCharsets.UTF_8).trim();
    }
}
