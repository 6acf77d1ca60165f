package org.arroyo.camel.runner;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.apache.camel.util.URISupport;
import org.arroyo.camel.recording.FramesCodec;

/**
 * The ADDRESS of {@code arroyo record} and {@code arroyo replay} as the Camel endpoint URI that carries every frame
 * as it is ({@code codec=frames}):
 * <ul>
 * <li>{@code tcp://host:port}, {@code ipc://path}, {@code inproc://name}: an arroyo-zmq socket of the given type;</li>
 * <li>{@code arroyo-zmq:...} or {@code arroyo-redis:...} URIs, their options kept (the codec replaced; arroyo-redis
 * defaults to {@code mode=stream});</li>
 * <li>{@code redis://host:port/STREAM} ({@code rediss://} for TLS): that Redis stream;</li>
 * <li>any other Camel endpoint URI as it is (each body one frame).</li>
 * </ul>
 */
record StreamAddress(String uri, boolean arroyo) {

    static final String ACCEPTED = "tcp://host:port, ipc://path, inproc://name, an arroyo-zmq: or arroyo-redis: URI,"
                                   + " redis://host:port/STREAM, or another Camel endpoint URI";

    /**
     * @param socketType the ZeroMQ socket type for a zmq address (replaces one in an arroyo-zmq URI), or null for
     *                   {@code defaultSocketType}
     * @throws IllegalArgumentException naming the accepted forms
     */
    static StreamAddress of(String address, String socketType, String defaultSocketType) {
        String lower = address.toLowerCase(Locale.ROOT);
        if (lower.startsWith("tcp://") || lower.startsWith("ipc://") || lower.startsWith("inproc://")) {
            return zmq(address, Map.of(), socketType != null ? socketType : defaultSocketType);
        }
        if (lower.startsWith("arroyo-zmq:")) {
            String rest = address.substring("arroyo-zmq:".length());
            int q = rest.indexOf('?');
            Map<String, Object> options = q < 0 ? Map.of() : query(rest.substring(q + 1));
            String type = socketType != null ? socketType
                    : options.containsKey("socketType") ? null : defaultSocketType;
            return zmq(q < 0 ? rest : rest.substring(0, q), options, type);
        }
        if (lower.startsWith("redis://") || lower.startsWith("rediss://")) {
            return redisUrl(address);
        }
        if (lower.startsWith("arroyo-redis:")) {
            String rest = address.substring("arroyo-redis:".length());
            int q = rest.indexOf('?');
            Map<String, Object> options = new LinkedHashMap<>(q < 0 ? Map.of() : query(rest.substring(q + 1)));
            options.putIfAbsent("mode", "stream");
            options.put("codec", FramesCodec.NAME);
            return new StreamAddress("arroyo-redis:" + (q < 0 ? rest : rest.substring(0, q)) + "?" + text(options), true);
        }
        if (address.indexOf(':') > 0 && !address.startsWith("-")) {
            return new StreamAddress(address, false);
        }
        throw new IllegalArgumentException("address '" + address + "': expected " + ACCEPTED);
    }

    private static StreamAddress zmq(String address, Map<String, Object> uriOptions, String socketType) {
        Map<String, Object> options = new LinkedHashMap<>(uriOptions);
        if (socketType != null) {
            options.put("socketType", socketType.toUpperCase(Locale.ROOT));
        }
        options.put("codec", FramesCodec.NAME);
        return new StreamAddress("arroyo-zmq:" + address + "?" + text(options), true);
    }

    private static StreamAddress redisUrl(String address) {
        URI url;
        try {
            url = new URI(address);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("address '" + address + "': " + e.getMessage());
        }
        String stream = url.getPath() == null ? "" : url.getPath().replaceFirst("^/", "");
        if (stream.isEmpty() || url.getHost() == null) {
            throw new IllegalArgumentException("address '" + address + "': expected redis://host:port/STREAM (the"
                                               + " stream key after the slash)");
        }
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("mode", "stream");
        options.put("host", url.getHost());
        options.put("port", url.getPort() > 0 ? url.getPort() : 6379);
        if (address.toLowerCase(Locale.ROOT).startsWith("rediss://")) {
            options.put("ssl", true);
        }
        options.put("codec", FramesCodec.NAME);
        return new StreamAddress("arroyo-redis:" + stream + "?" + text(options), true);
    }

    private static Map<String, Object> query(String query) {
        try {
            return URISupport.parseQuery(query);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("options '" + query + "': " + e.getMessage());
        }
    }

    private static String text(Map<String, Object> options) {
        return URISupport.createQueryString(options);
    }
}
