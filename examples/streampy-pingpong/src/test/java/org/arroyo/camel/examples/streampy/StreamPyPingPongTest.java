package org.arroyo.camel.examples.streampy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamPyPingPongTest {

    @Test
    void theGamePlaysEveryRoundAndPrintsTheScore() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PingPongGame game = StreamPyPingPong.run(200, new int[] {port(), port(), port()},
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(200, game.played(), out);
        assertEquals(100, game.pings());
        assertEquals(100, game.pongs());
        assertTrue(out.contains("client: PUT:ping -> PUT 4 bytes"), out);
        assertTrue(out.contains("ping seen 100, pong seen 100"), out);
        assertTrue(out.contains("q0 edge latency (time queued): n=67"), out);
        assertTrue(out.contains("stream-py ping/pong: OK"), out);
    }

    private static int port() throws Exception {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
