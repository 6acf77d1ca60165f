package org.arroyo.camel.view;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A page that completes the WebSocket handshake and then never reads again, with a small receive buffer: what a
 * frozen tab or a congested link looks like to the server.
 */
final class StalledPage implements AutoCloseable {

    private final Socket socket;

    private StalledPage(Socket socket) {
        this.socket = socket;
    }

    static StalledPage open(String wsUrl) throws Exception {
        URI uri = URI.create(wsUrl);
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        s.connect(new java.net.InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
        s.setSoTimeout(5000);
        String key = Base64.getEncoder().encodeToString("arroyo-stalled-1".getBytes(StandardCharsets.US_ASCII));
        OutputStream out = s.getOutputStream();
        out.write(("GET " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                   + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key
                   + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        // read the 101 response headers only, then stop reading for good
        InputStream in = s.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IllegalStateException("connection closed during the handshake: " + head);
            }
            head.append((char) b);
        }
        if (!head.toString().startsWith("HTTP/1.1 101")) {
            throw new IllegalStateException("handshake refused: " + head);
        }
        return new StalledPage(s);
    }

    @Override
    public void close() throws Exception {
        socket.close();
    }
}
