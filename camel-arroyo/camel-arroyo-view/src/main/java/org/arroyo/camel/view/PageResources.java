package org.arroyo.camel.view;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

import io.vertx.core.buffer.Buffer;

/** The page's files (HTML, script, style sheet: no build step, nothing loaded from elsewhere), read once. */
final class PageResources {

    private static final String ROOT = "/org/arroyo/camel/view/page/";

    record Resource(String contentType, Buffer content) {
    }

    private final Map<String, Resource> files;

    PageResources() {
        files = Map.of(
                "/", read("index.html", "text/html; charset=utf-8"),
                "/view.js", read("view.js", "text/javascript; charset=utf-8"),
                "/view.css", read("view.css", "text/css; charset=utf-8"));
    }

    /** The file at this path below the page's base ({@code /}, {@code /view.js} ...), or null. */
    Resource get(String path) {
        return files.get(path);
    }

    private static Resource read(String name, String contentType) {
        try (InputStream in = PageResources.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("the view page's " + name + " is missing from the jar");
            }
            return new Resource(contentType, Buffer.buffer(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
