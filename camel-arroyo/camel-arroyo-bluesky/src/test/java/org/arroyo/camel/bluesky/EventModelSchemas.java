package org.arroyo.camel.bluesky;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.arroyo.camel.codec.JsonValues;

/** event-model's JSON Schemas (src/test/resources/bluesky-schemas, BSD-3, see its LICENSE), by document name. */
final class EventModelSchemas {

    private static final Map<String, String> FILES = Map.of("start", "run_start", "descriptor", "event_descriptor",
            "event", "event", "event_page", "event_page", "stop", "run_stop", "resource", "resource", "datum", "datum",
            "datum_page", "datum_page", "stream_resource", "stream_resource", "stream_datum", "stream_datum");

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private final Map<String, Schema> schemas = new HashMap<>();

    /** What keeps the document from validating against its schema; empty when it is valid. */
    List<String> problems(BlueskyDocument document) {
        String json = StandardCharsets.UTF_8.decode(JsonValues.writeObject("test", jsonable(document.body())))
                .toString();
        return problems(document.name(), json);
    }

    List<String> problems(String name, String json) {
        Schema schema = schemas.computeIfAbsent(name, this::load);
        return schema.validate(json, InputFormat.JSON).stream().map(e -> name + ": " + e).toList();
    }

    private Schema load(String name) {
        String file = FILES.get(name);
        if (file == null) {
            throw new IllegalArgumentException("no schema for a '" + name + "' document");
        }
        try (InputStream in = EventModelSchemas.class.getResourceAsStream("/bluesky-schemas/" + file + ".json")) {
            if (in == null) {
                throw new IllegalStateException("missing /bluesky-schemas/" + file + ".json");
            }
            return registry.getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // arrays as the JSON serializer writes them
    @SuppressWarnings("unchecked")
    private static Map<String, Object> jsonable(Map<String, Object> body) {
        ByteBuffer frame = DocumentSerializer.JSON.write("test", new byte[0], body);
        return JsonValues.readObject("test", frame, true);
    }
}
