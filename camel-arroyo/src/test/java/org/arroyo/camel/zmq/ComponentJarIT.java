package org.arroyo.camel.zmq;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The built jar carries the generated component metadata, configurers, URI factory and converter loader. */
class ComponentJarIT {

    @Test
    void theJarHoldsTheGeneratedCamelMetadata() throws Exception {
        try (JarFile jar = new JarFile(builtJar().toFile())) {
            for (String entry : new String[] {
                    "META-INF/org/arroyo/camel/zmq/arroyo-zmq.json",
                    "META-INF/services/org/apache/camel/component/arroyo-zmq",
                    "META-INF/services/org/apache/camel/configurer/arroyo-zmq-component",
                    "META-INF/services/org/apache/camel/configurer/arroyo-zmq-endpoint",
                    "META-INF/services/org/apache/camel/urifactory/arroyo-zmq-endpoint",
                    "META-INF/services/org/apache/camel/TypeConverterLoader",
                    "org/arroyo/camel/zmq/ArroyoZmqEndpointUriFactory.class",
                    "org/arroyo/camel/zmq/ArroyoZmqEndpointConfigurer.class",
                    "org/arroyo/camel/zmq/ArroyoZmqComponentConfigurer.class",
                    "org/arroyo/camel/message/ArroyoConvertersLoader.class" }) {
                assertNotNull(jar.getEntry(entry), "missing from the jar: " + entry);
            }
            String json = new String(jar.getInputStream(jar.getEntry("META-INF/org/arroyo/camel/zmq/arroyo-zmq.json"))
                    .readAllBytes(), StandardCharsets.UTF_8);
            JsonObject model = (JsonObject) Jsoner.deserialize(json);
            JsonObject properties = (JsonObject) model.get("properties");
            assertTrue(properties.containsKey("socketType") && properties.containsKey("codec"), json);
            for (Map.Entry<String, Object> option : properties.entrySet()) {
                String description = (String) ((JsonObject) option.getValue()).get("description");
                assertFalse(description == null || description.isBlank(), "option without javadoc: " + option.getKey());
            }
            assertTrue(((JsonObject) model.get("headers")).containsKey("CamelArroyoMessageType"), json);
        }
    }

    private static Path builtJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("camel-arroyo-[0-9.]+(-SNAPSHOT)?\\.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("run after package: no camel-arroyo jar"));
        }
    }
}
