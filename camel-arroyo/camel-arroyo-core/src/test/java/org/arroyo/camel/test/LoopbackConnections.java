package org.arroyo.camel.test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The kernel's view of the TCP sockets on some ports (from {@code ss -tanpi}, with each connection's byte counts), for the message of a test that waited
 * for a connection in vain: listening with connections not accepted yet (Recv-Q), connected, or not there at all.
 */
public final class LoopbackConnections {

    private LoopbackConnections() {
    }

    public static String describe(int... ports) {
        try {
            Process ss = new ProcessBuilder("ss", "-tanpi").redirectErrorStream(true).start();
            String all = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            ss.waitFor(10, TimeUnit.SECONDS);
            String lines = all.lines()
                    .filter(line -> Arrays.stream(ports).anyMatch(p -> line.contains(":" + p + " ")))
                    .collect(Collectors.joining("\n"));
            return "ss -tanp on ports " + Arrays.toString(ports) + ":\n" + (lines.isEmpty() ? "(none)" : lines);
        } catch (IOException e) {
            return "(no ss: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }

    /** The port of a tcp://host:port address. */
    public static int port(String address) {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }
}
