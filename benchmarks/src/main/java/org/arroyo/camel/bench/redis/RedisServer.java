package org.arroyo.camel.bench.redis;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.arroyo.camel.bench.Ports;

/** A throw-away redis-server on a free loopback port without persistence, stopped (killed if need be) on close. */
final class RedisServer implements AutoCloseable {

    static final String BINARY = "/usr/bin/redis-server";

    private final Process process;
    private final int port;

    private RedisServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static RedisServer start() throws IOException, InterruptedException {
        if (!new File(BINARY).canExecute()) {
            throw new IllegalStateException(BINARY + " not found (apt-get install redis-server)");
        }
        int port = Ports.free();
        Process p = new ProcessBuilder(BINARY, "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--daemonize", "no").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        RedisServer server = new RedisServer(p, port);
        long end = System.currentTimeMillis() + 10_000;
        while (!server.pong()) {
            if (System.currentTimeMillis() > end || !p.isAlive()) {
                server.close();
                throw new IllegalStateException("redis-server on port " + port + " did not answer PING within 10 s");
            }
            Thread.sleep(50);
        }
        return server;
    }

    int port() {
        return port;
    }

    private boolean pong() {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(1000);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[7];
            int n = in.readNBytes(buf, 0, 7);
            return n == 7 && new String(buf, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
