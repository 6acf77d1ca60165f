package org.arroyo.camel.view;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;

/** A real WebSocket client (the JDK's) that keeps every message it receives, for the tests. */
final class WsClient implements AutoCloseable {

    /** One message: text, or binary bytes. */
    record Message(String text, byte[] bytes) {
        boolean isText() {
            return text != null;
        }

        JsonObject json() {
            return (JsonObject) Jsoner.deserialize(text, new JsonObject());
        }

        /** A view frame's JSON header. */
        JsonObject frameHeader() {
            int length = ByteBuffer.wrap(bytes).getInt(0);
            return Jsoner.deserialize(new String(bytes, 4, length, StandardCharsets.UTF_8), new JsonObject());
        }

        /** A view frame's float32 values from a byte offset of the payload. */
        float[] frameFloats(long offset, int count) {
            int length = ByteBuffer.wrap(bytes).getInt(0);
            int base = (4 + length + 3) & ~3;
            float[] out = new float[count];
            ByteBuffer.wrap(bytes, base + (int) offset, count * 4).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
            return out;
        }
    }

    final BlockingQueue<Message> received;
    final List<Integer> closeCodes;
    private final WebSocket socket;

    private WsClient(WebSocket socket, Listener listener) {
        this.socket = socket;
        this.received = listener.received;
        this.closeCodes = listener.closeCodes;
    }

    static WsClient connect(String url) throws Exception {
        Listener listener = new Listener();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create(url), listener).get(10, TimeUnit.SECONDS);
        return new WsClient(ws, listener);
    }

    void send(String text) throws Exception {
        socket.sendText(text, true).get(5, TimeUnit.SECONDS);
    }

    /** The next message, waiting at most 10 s. */
    Message next() throws InterruptedException {
        Message m = received.poll(10, TimeUnit.SECONDS);
        if (m == null) {
            throw new AssertionError("no WebSocket message within 10 s");
        }
        return m;
    }

    @Override
    public void close() {
        socket.abort();
    }

    private static final class Listener implements WebSocket.Listener {
        final BlockingQueue<Message> received = new LinkedBlockingQueue<>();
        final List<Integer> closeCodes = new CopyOnWriteArrayList<>();
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String t = text.toString();
                text.setLength(0);
                received.add(new Message(t, null));
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            binary.writeBytes(chunk);
            if (last) {
                byte[] b = binary.toByteArray();
                binary.reset();
                received.add(new Message(null, b));
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closeCodes.add(statusCode);
            return null;
        }
    }
}
