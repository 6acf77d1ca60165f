package org.arroyo.camel.runner;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.apache.camel.util.json.DeserializationException;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;

/**
 * {@code arroyo health [URL]}: asks a running runner's management endpoint whether it is UP, for a container's
 * HEALTHCHECK (a slim image may have no curl). Exit 0 when the endpoint answers 200 with {@code "status": "UP"};
 * 1 when it says anything else, is unreachable or does not answer within {@link #TIMEOUT}.
 */
final class HealthProbe {

    /** Where the runner serves health by default (camel.management.host / port, see PipelineRunner). */
    static final String DEFAULT_URL = "http://127.0.0.1:9876/observe/health";

    /** Connecting and answering together; a container's health check gives up after its own timeout anyway. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private HealthProbe() {
    }

    /** Probes {@code url}; prints one line saying what it found; returns the exit code. */
    static int check(String url, PrintStream out, PrintStream err) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build();
        } catch (IllegalArgumentException e) {
            err.println("arroyo health: not an http URL: " + url);
            return 2;
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT)
                .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            String status = status(response.body());
            if (response.statusCode() == 200 && "UP".equals(status)) {
                out.println("arroyo health: UP (" + url + ")");
                return 0;
            }
            err.println("arroyo health: " + (status != null ? status : "no status") + ", HTTP "
                        + response.statusCode() + " (" + url + ")");
            return 1;
        } catch (IOException e) {
            err.println("arroyo health: no answer from " + url + ": " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** The top-level {@code status} of Camel's health JSON, or null when the body is not such a document. */
    private static String status(String body) {
        try {
            Object json = Jsoner.deserialize(body);
            return json instanceof JsonObject object && object.get("status") instanceof String s ? s : null;
        } catch (DeserializationException notJson) {
            return null;
        }
    }
}
