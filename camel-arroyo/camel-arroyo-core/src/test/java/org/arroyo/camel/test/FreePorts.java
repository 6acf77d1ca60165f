package org.arroyo.camel.test;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free TCP ports on loopback for tests, picked below Linux's ephemeral range (32768 and up) so that the local port
 * of some connecting socket cannot take a port a test picked but has not bound yet.
 */
public final class FreePorts {

    private static final int LOW = 20000;
    private static final int HIGH = 32000;

    private FreePorts() {
    }

    public static int next() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOW, HIGH);
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free port between " + LOW + " and " + HIGH);
    }

    /** A port free for UDP on loopback, in the same range. */
    public static int nextUdp() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOW, HIGH);
            try (DatagramSocket socket = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free UDP port between " + LOW + " and " + HIGH);
    }

    /** A tcp://127.0.0.1:PORT address on a free port. */
    public static String tcpAddress() {
        return "tcp://127.0.0.1:" + next();
    }
}
