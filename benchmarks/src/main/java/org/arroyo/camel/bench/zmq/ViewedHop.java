package org.arroyo.camel.bench.zmq;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.CamelContext;
import org.arroyo.camel.view.ArroyoViewComponent;

/**
 * Our hop with a live view attached, {@code from(in).to("arroyo-view:NAME").to(out)}, and a page connected for
 * the whole trial: a WebSocket client that asks for 760-pixel images, as a browser window does, and reads
 * everything it is sent.
 */
final class ViewedHop implements Hop {

    private final CamelContext context;
    private final CamelHop hop;
    private final AtomicLong frames = new AtomicLong();
    private WebSocket page;

    ViewedHop(CamelContext context, String in, String view, String out) {
        this.context = context;
        this.hop = new CamelHop(context, false, in, "arroyo-view:" + view, out);
    }

    @Override
    public void start() throws Exception {
        hop.start();
        String url = context.getComponent("arroyo-view", ArroyoViewComponent.class).getViewUrl();
        page = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(url.replace("http://", "ws://") + "ws"), new Reader())
                .get(10, TimeUnit.SECONDS);
        page.sendText("{\"maxSize\": 760}", true).get(5, TimeUnit.SECONDS);
    }

    /** Frame messages the page received. */
    long frames() {
        return frames.get();
    }

    @Override
    public void close() throws Exception {
        if (page != null) {
            page.abort();
        }
        hop.close();
    }

    private final class Reader implements WebSocket.Listener {
        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            if (last) {
                frames.incrementAndGet();
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            ws.request(1);
            return null;
        }
    }
}
