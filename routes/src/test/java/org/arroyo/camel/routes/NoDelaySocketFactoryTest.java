package org.arroyo.camel.routes;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every socket the factory makes, connected or not, has Nagle's algorithm off. */
class NoDelaySocketFactoryTest {

    @Test
    void socketsHaveTcpNoDelay() throws Exception {
        NoDelaySocketFactory factory = new NoDelaySocketFactory();
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 5, loopback);
             Socket unconnected = factory.createSocket();
             Socket byName = factory.createSocket(loopback.getHostAddress(), server.getLocalPort());
             Socket byAddress = factory.createSocket(loopback, server.getLocalPort())) {
            assertTrue(unconnected.getTcpNoDelay(), "the socket Paho creates and then connects");
            assertTrue(byName.getTcpNoDelay());
            assertTrue(byAddress.getTcpNoDelay());
        }
    }
}
