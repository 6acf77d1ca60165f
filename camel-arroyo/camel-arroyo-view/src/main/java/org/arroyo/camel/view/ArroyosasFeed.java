package org.arroyo.camel.view;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * arroyosas's viewer WebSocket for one endpoint: {@code ws://HOST:PORT/viz} (a connection to any other path is
 * closed at once, as {@code OneDWSPublisher} closes it). Each viewer gets every Start and Stop in order and, between
 * them, the latest reduction result when it is ready for one (at most one per tick), encoded once for all viewers:
 * a slow viewer sees fewer frames, never an older one, and never slows the route.
 */
final class ArroyosasFeed {

    static final String PATH = "/viz";
    private static final Logger LOG = LoggerFactory.getLogger(ArroyosasFeed.class);

    private final String name;
    private final String host;
    private final int port;
    private final List<ArroyosasClient> clients = new CopyOnWriteArrayList<>();
    private final AtomicLong encodes = new AtomicLong();
    private HttpServer server;

    // guarded by this: the Starts and Stops so far, and the latest event with the number of markers before it
    private long epoch;
    private long seq;
    private Latest latest;

    private record Latest(Event event, long seq, long epoch) {
    }

    // tick thread only: the latest event encoded, for every viewer that gets it
    private long encodedSeq;
    private byte[] encoded;

    ArroyosasFeed(String name, String host, int port) {
        this.name = name;
        this.host = host;
        this.port = port;
    }

    void start(Vertx vertx) throws Exception {
        try {
            server = VertxRuntime.await(vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
                    .webSocketHandler(this::onConnect)
                    .requestHandler(req -> req.response().setStatusCode(426)
                            .end("arroyosas viewer WebSocket: connect to ws://" + host + ":" + port + PATH + "\n"))
                    .listen());
        } catch (ExecutionException e) {
            throw new IllegalStateException("arroyo-view:" + name + ": cannot serve arroyosas's viewer WebSocket on "
                                            + host + ":" + port + ": " + e.getCause().getMessage(), e.getCause());
        }
        LOG.debug("arroyo-view:{} serves arroyosas's viewer WebSocket at {}", name, url());
    }

    void stop() throws Exception {
        for (ArroyosasClient c : clients) {
            c.close();
        }
        clients.clear();
        if (server != null) {
            HttpServer closing = server;
            server = null;
            VertxRuntime.await(closing.close());
        }
    }

    String url() {
        return "ws://" + host + ":" + (server == null ? port : server.actualPort()) + PATH;
    }

    int boundPort() {
        return server == null ? -1 : server.actualPort();
    }

    boolean isListening() {
        return server != null;
    }

    int clientCount() {
        return clients.size();
    }

    List<ArroyosasClient> clients() {
        return List.copyOf(clients);
    }

    /** Results encoded so far (none while no viewer is connected). */
    long encodes() {
        return encodes.get();
    }

    private void onConnect(ServerWebSocket ws) {
        if (!PATH.equals(ws.path())) {
            LOG.debug("arroyo-view:{}: closing a viewer connection to {}: only {} is served", name, ws.path(), PATH);
            ws.close();
            return;
        }
        ArroyosasClient client;
        synchronized (this) {
            client = new ArroyosasClient(ws, epoch, latest == null ? 0 : latest.seq());
            clients.add(client);
        }
        ws.closeHandler(v -> drop(client));
        ws.exceptionHandler(e -> drop(client));
        LOG.debug("arroyo-view:{}: arroyosas viewer connected from {}", name, ws.remoteAddress());
    }

    private void drop(ArroyosasClient client) {
        client.markClosed();
        clients.remove(client);
    }

    /** On the route's thread: the JSON is made here, so a Start that is not a SASStart fails the exchange. */
    void onStart(Start start) {
        marker(ArroyosasMessages.start(start));
    }

    void onStop(Stop stop) {
        marker(ArroyosasMessages.stop(stop));
    }

    private synchronized void marker(String json) {
        epoch++;
        for (ArroyosasClient c : clients) {
            c.queueMarker(json);
        }
    }

    /** On the route's thread: checks the result, keeps it as the latest; encoding waits for a viewer. */
    void onEvent(Event event) {
        ArroyosasMessages.checkResult(event);
        synchronized (this) {
            latest = new Latest(event, ++seq, epoch);
        }
    }

    /** One round for every viewer that is ready: its due Starts and Stops, and the latest result if it is its turn. */
    void tick() {
        Latest l;
        synchronized (this) {
            l = latest;
        }
        for (ArroyosasClient c : clients) {
            if (c.isClosed()) {
                clients.remove(c);
                continue;
            }
            if (c.busy()) {
                continue;
            }
            while (true) {
                // the latest result goes out before the Stop that follows it, never after; one per round
                if (l != null && l.epoch() == c.markersSent() && l.seq() > c.lastEventSeq()) {
                    c.sendEvent(l.seq(), encoded(l));
                }
                String marker = c.nextMarker();
                if (marker == null) {
                    break;
                }
                c.sendText(marker);
            }
        }
    }

    private byte[] encoded(Latest l) {
        if (encoded == null || encodedSeq != l.seq()) {
            encoded = ArroyosasMessages.result(l.event());
            encodedSeq = l.seq();
            encodes.incrementAndGet();
        }
        return encoded;
    }
}
