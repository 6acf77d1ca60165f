package org.arroyo.camel.routes;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import static org.junit.jupiter.api.Assertions.fail;

/** The brokers on this machine that the tests use: checked first, so a missing one fails by name, not by timeout. */
final class Services {

    static final String HOST = "127.0.0.1";

    private Services() {
    }

    static void require(String service, int port, String howToStart) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 2000);
        } catch (IOException e) {
            fail(service + " is not running on " + HOST + ":" + port + ": start it with " + howToStart + " ("
                 + e.getMessage() + ")");
        }
    }
}
