package org.arroyo.camel.examples;

import java.io.IOException;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EmbeddedExampleTest {

    @Test
    void everyFrameComesBackAsACurve() throws Exception {
        int curves = EmbeddedExample.run("tcp://127.0.0.1:" + port(), "tcp://127.0.0.1:" + port(), 25);
        assertEquals(25, curves);
    }

    private static int port() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
