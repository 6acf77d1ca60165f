package org.arroyo.camel.runner;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code arroyo streampy ...}: help and the errors a mistyped command gets, before anything starts. */
class StreamPyCommandsTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int cli(String... args) {
        return ArroyoCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsTheThreeCommands() {
        assertEquals(0, cli("streampy", "--help"));
        String help = out.toString(StandardCharsets.UTF_8);
        assertTrue(help.contains("node [--capacity N] HOST:PORT") && help.contains("worker [--function pong|passthrough]")
                   && help.contains("client [--timeout MS] [--retries N] HOST:PORT WORD..."), help);
        out.reset();
        assertEquals(0, cli("--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("streampy node|worker|client"), "the runner's help");
    }

    @Test
    void mistakesAreNamedWithExitCode2() {
        assertEquals(2, cli("streampy"));
        assertEquals(2, cli("streampy", "queue", "127.0.0.1:10000"));
        assertTrue(err().contains("unknown streampy command 'queue'; expected node, worker or client"), err());
        err.reset();
        assertEquals(2, cli("streampy", "node"));
        assertTrue(err().contains("expected node HOST:PORT, got []"), err());
        err.reset();
        assertEquals(2, cli("streampy", "node", "localhost"));
        assertTrue(err().contains("expected HOST:PORT, got 'localhost'"), err());
        err.reset();
        assertEquals(2, cli("streampy", "node", "--capacity", "lots", "127.0.0.1:10000"));
        assertTrue(err().contains("--capacity expects a whole number, got 'lots'"), err());
        err.reset();
        assertEquals(2, cli("streampy", "worker", "--function", "double", "127.0.0.1:1", "127.0.0.1:2"));
        assertTrue(err().contains("unknown worker function 'double'; built in: pong, passthrough"), err());
        err.reset();
        assertEquals(2, cli("streampy", "worker", "127.0.0.1:1,nohost", "127.0.0.1:2"));
        assertTrue(err().contains("expected HOST:PORT, got 'nohost'"), err());
        err.reset();
        assertEquals(2, cli("streampy", "worker", "--speed", "2", "127.0.0.1:1", "127.0.0.1:2"));
        assertTrue(err().contains("unknown option --speed"), err());
        err.reset();
        assertEquals(2, cli("streampy", "client", "127.0.0.1:10000"));
        assertTrue(err().contains("expected HOST:PORT MESSAGE"), err());
    }

    @Test
    void theClientSaysWhenNoNodeAnswers() throws Exception {
        int port = org.arroyo.camel.test.FreePorts.nextUdp();
        assertEquals(1, cli("streampy", "client", "--timeout", "100", "--retries", "1", "127.0.0.1:" + port, "SIZE"));
        assertTrue(err().contains("no reply from /127.0.0.1:" + port + " after 2 attempts"), err());
    }
}
