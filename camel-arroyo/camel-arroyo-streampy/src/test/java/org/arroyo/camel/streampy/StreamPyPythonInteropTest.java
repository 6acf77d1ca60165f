package org.arroyo.camel.streampy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.arroyo.camel.test.FreePorts;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Python peer (plain {@code socket}, no modules) speaks stream-py's protocol byte for byte to our node served by
 * camel-netty, and prints every request with the raw reply.
 */
class StreamPyPythonInteropTest extends CamelTestSupport {

    private static final Path SCRIPT = Path.of("src/test/python/streampy_peer.py");

    private final int port = FreePorts.nextUdp();

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(MessageQueueNode.nettyUri("127.0.0.1:" + port)).process(new MessageQueueNode());
            }
        };
    }

    @Test
    void pythonPeerGetsTheOriginalRepliesByteForByte() throws Exception {
        assertTrue(Files.isRegularFile(SCRIPT), "missing " + SCRIPT.toAbsolutePath());
        Process python = new ProcessBuilder("/usr/bin/python3", SCRIPT.toString(), "127.0.0.1:" + port)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> lines;
        try {
            python.getOutputStream().close();
            lines = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            assertTrue(python.waitFor(20, TimeUnit.SECONDS), "python peer did not exit");
        } finally {
            python.destroyForcibly();
        }
        assertEquals(0, python.exitValue(), "python peer failed: " + lines);
        assertEquals(List.of(
                "b'14SIZE' b'110'",
                "b'13GET' b'10'",
                "b'1fPUT:Hello World' b'1cPUT 11 bytes'",
                "b'21ePUT:abcdefghijklmnopqrstuvwxyz' b'1cPUT 26 bytes'",
                "b'14SIZE' b'112'",
                "b'13GET' b'1bHello World'",
                "b'13GET' b'21aabcdefghijklmnopqrstuvwxyz'",
                "b'13GET' b'10'",
                "b'14SIZE' b'110'",
                "b'13FOO' b\"216ERR unknown verb 'FOO'\"",
                "OK"), lines);
    }
}
