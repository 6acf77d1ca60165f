package org.arroyo.camel.pva.peer;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.arroyo.camel.test.FreePorts;

/**
 * A {@link PvaPeerMain} in another JVM: a core-pva server on free loopback ports (searches answered on 127.0.0.1
 * only, so concurrent tests cannot see each other's PVs), or a core-pva client searching one such server.
 */
public final class PvaPeer implements AutoCloseable {

    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final int tcpPort;
    private final int udpPort;
    private final File log;

    private PvaPeer(List<String> args, int tcpPort, int udpPort, List<String> properties) throws IOException {
        this.tcpPort = tcpPort;
        this.udpPort = udpPort;
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx1g");
        command.addAll(properties);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(PvaPeerMain.class.getName());
        command.addAll(args);
        File dir = new File("target").isDirectory() ? new File("target") : new File(System.getProperty("java.io.tmpdir"));
        log = new File(dir, "pva-peer-" + ProcessHandle.current().pid() + "-" + tcpPort + ".log");
        process = new ProcessBuilder(command).redirectError(log).start();
        stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null;) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the peer ended
            }
        }, "pva-peer-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** A server JVM on a free TCP port and a free UDP search port, listening for searches on 127.0.0.1 only. */
    public static PvaPeer server() throws Exception {
        int tcp = FreePorts.next();
        int udp = FreePorts.nextUdp();
        PvaPeer peer = new PvaPeer(List.of("serve"), tcp, udp, List.of("-DEPICS_PVA_SERVER_PORT=" + tcp,
                "-DEPICS_PVAS_BROADCAST_PORT=" + udp, "-DEPICS_PVA_BROADCAST_PORT=" + udp,
                "-DEPICS_PVAS_INTF_ADDR_LIST=127.0.0.1", "-DEPICS_PVA_SEND_BUFFER_SIZE=" + (40 * 1024 * 1024)));
        String ready = peer.line(30);
        if (ready == null || !ready.startsWith("ready ")) {
            peer.close();
            throw new IllegalStateException("the PVA server peer did not start: " + ready);
        }
        return peer;
    }

    /** A client JVM monitoring the PVs that a server answers for on 127.0.0.1:searchPort. */
    public static PvaPeer reader(int searchPort, String... pvs) throws Exception {
        int beacon = FreePorts.nextUdp();
        List<String> args = new ArrayList<>(List.of("read"));
        args.addAll(List.of(pvs));
        PvaPeer peer = new PvaPeer(args, 0, searchPort, List.of("-DEPICS_PVA_ADDR_LIST=127.0.0.1:" + searchPort,
                "-DEPICS_PVA_AUTO_ADDR_LIST=NO", "-DEPICS_PVA_BROADCAST_PORT=" + beacon));
        JsonObject subscribed = peer.json(30);
        if (subscribed == null || !subscribed.containsKey("subscribed")) {
            peer.close();
            throw new IllegalStateException("the PVA client peer did not subscribe: " + subscribed);
        }
        return peer;
    }

    /** The endpoint options that make an arroyo-pva consumer search this server only. */
    public String clientOptions() throws Exception {
        return "addressList=127.0.0.1:" + udpPort + "&autoAddressList=false&broadcastPort=" + FreePorts.nextUdp();
    }

    public int tcpPort() {
        return tcpPort;
    }

    public int udpPort() {
        return udpPort;
    }

    /** Sends a command and returns the peer's "ok ..." reply. */
    public String command(String command) throws Exception {
        stdin.write(command + "\n");
        stdin.flush();
        String reply = line(60);
        if (reply == null || !reply.startsWith("ok")) {
            throw new IllegalStateException("peer answered '" + reply + "' to: " + command);
        }
        return reply;
    }

    /** The next line the peer printed, or null after that many seconds. */
    public String line(long seconds) throws InterruptedException {
        return lines.poll(seconds, TimeUnit.SECONDS);
    }

    /** The next JSON line the peer printed, or null after that many seconds. */
    public JsonObject json(long seconds) throws Exception {
        String line = line(seconds);
        return line == null ? null : (JsonObject) Jsoner.deserialize(line);
    }

    /** The last lines the peer wrote to stderr (its log), for a failure's message. */
    public String logTail(int count) {
        try {
            List<String> all = java.nio.file.Files.readAllLines(log.toPath(), StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - count), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws Exception {
        try {
            stdin.close();
        } catch (IOException ignored) {
            // already gone
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
