package org.arroyo.camel.test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every arroyo component's built jar must hold, checked by each component's {@code ComponentJarIT} after
 * {@code package}: its own classes only, the metadata, configurers, URI factory and {@code component.properties}
 * that camel-package-maven-plugin generates, javadoc and a label on every option, the built-in codec names as the
 * {@code codec} option's enum, and the headers every arroyo consumer sets.
 */
public final class ComponentJar {

    private static final List<String> SHARED_HEADERS = List.of("CamelArroyoMessageType", "CamelArroyoCodec",
            "CamelArroyoRawFrames");
    private static final List<String> IMPORTANT_HEADERS = List.of("CamelArroyoMessageType", "CamelArroyoRawFrames");
    private static final String CODECS = "raw,msgpack,msgpack-multipart,json-frames,forward";

    private final JarFile jar;
    private final String scheme;
    private final String packagePath;

    private ComponentJar(JarFile jar, String scheme, String packagePath) {
        this.jar = jar;
        this.scheme = scheme;
        this.packagePath = packagePath;
    }

    /**
     * Checks the module's jar in {@code target/}.
     *
     * @param artifactId  e.g. {@code camel-arroyo-zmq}
     * @param scheme      e.g. {@code arroyo-zmq}
     * @param packageName the component's package, e.g. {@code org.arroyo.camel.zmq}
     */
    public static void check(String artifactId, String scheme, String packageName) throws Exception {
        check(artifactId, scheme, packageName, true);
    }

    /**
     * As {@link #check(String, String, String)}; {@code hasCodecOption} false for a component whose wire format is
     * fixed by its protocol (pvAccess structures), which then must not offer a {@code codec} option.
     */
    public static void check(String artifactId, String scheme, String packageName, boolean hasCodecOption)
            throws Exception {
        try (JarFile jar = new JarFile(builtJar(artifactId).toFile())) {
            ComponentJar c = new ComponentJar(jar, scheme, packageName.replace('.', '/') + "/");
            c.holdsOnlyItsOwnClasses();
            c.holdsTheGeneratedFiles(artifactId);
            JsonObject model = c.json();
            c.optionsAreDocumented(model);
            c.speaksTheCodecsAndHeaders(model, hasCodecOption);
        }
    }

    /**
     * As {@link #check} for a producer-only component that has no codec and sets no consumer headers (a sink such as
     * the live view): its own classes, the generated files, javadoc and a label on every option, and producerOnly in
     * its metadata.
     */
    public static void checkProducerOnly(String artifactId, String scheme, String packageName) throws Exception {
        try (JarFile jar = new JarFile(builtJar(artifactId).toFile())) {
            ComponentJar c = new ComponentJar(jar, scheme, packageName.replace('.', '/') + "/");
            c.holdsOnlyItsOwnClasses();
            c.holdsTheGeneratedFiles(artifactId);
            JsonObject model = c.json();
            c.optionsAreDocumented(model);
            assertEquals(Boolean.TRUE, ((JsonObject) model.get("component")).get("producerOnly"),
                    scheme + " is not marked producerOnly");
        }
    }

    private void holdsOnlyItsOwnClasses() {
        List<String> foreign = new ArrayList<>();
        for (JarEntry entry : Collections.list(jar.entries())) {
            if (entry.getName().endsWith(".class") && !entry.getName().startsWith(packagePath)) {
                foreign.add(entry.getName());
            }
        }
        assertEquals(List.of(), foreign, "classes of other modules in the " + scheme + " jar");
    }

    private void holdsTheGeneratedFiles(String artifactId) throws IOException {
        for (String entry : List.of(
                "META-INF/" + packagePath + scheme + ".json",
                "META-INF/services/org/apache/camel/component/" + scheme,
                "META-INF/services/org/apache/camel/configurer/" + scheme + "-component",
                "META-INF/services/org/apache/camel/configurer/" + scheme + "-endpoint",
                "META-INF/services/org/apache/camel/urifactory/" + scheme + "-endpoint",
                "META-INF/services/org/apache/camel/component.properties")) {
            assertNotNull(jar.getEntry(entry), "missing from the " + scheme + " jar: " + entry);
        }
        Properties component = new Properties();
        try (InputStream in = jar.getInputStream(jar.getEntry("META-INF/services/org/apache/camel/component.properties"))) {
            component.load(in);
        }
        assertEquals(scheme, component.getProperty("components"));
        assertEquals(artifactId, component.getProperty("artifactId"));
        assertEquals("org.arroyo.camel", component.getProperty("groupId"));
    }

    private JsonObject json() throws Exception {
        try (InputStream in = jar.getInputStream(jar.getEntry("META-INF/" + packagePath + scheme + ".json"))) {
            return (JsonObject) Jsoner.deserialize(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private void optionsAreDocumented(JsonObject model) {
        JsonObject component = (JsonObject) model.get("component");
        assertEquals(scheme, component.get("scheme"));
        for (String section : List.of("componentProperties", "properties")) {
            for (Map.Entry<String, Object> option : ((JsonObject) model.get(section)).entrySet()) {
                JsonObject o = (JsonObject) option.getValue();
                String where = scheme + " " + section + "." + option.getKey();
                String description = (String) o.get("description");
                assertFalse(description == null || description.isBlank(), "no javadoc: " + where);
                assertFalse(((String) o.getOrDefault("label", "")).isBlank(), "no label: " + where);
                if (option.getKey().toLowerCase().contains("password") || option.getKey().endsWith("SecretKey")) {
                    assertEquals(Boolean.TRUE, o.get("secret"), "not marked secret: " + where);
                }
            }
        }
    }

    private void speaksTheCodecsAndHeaders(JsonObject model, boolean hasCodecOption) {
        JsonObject codec = (JsonObject) ((JsonObject) model.get("properties")).get("codec");
        if (hasCodecOption) {
            assertNotNull(codec, scheme + " has no codec option");
            assertEquals(List.of(CODECS.split(",")), codec.get("enum"), scheme + " codec enum");
        } else {
            assertEquals(null, codec, scheme + " offers a codec option its protocol cannot use");
        }
        JsonObject headers = (JsonObject) model.get("headers");
        for (String header : SHARED_HEADERS) {
            assertTrue(headers.containsKey(header), scheme + " does not list header " + header);
        }
        for (String header : IMPORTANT_HEADERS) {
            assertEquals(Boolean.TRUE, ((JsonObject) headers.get(header)).get("important"),
                    scheme + " header not marked important: " + header);
        }
    }

    private static Path builtJar(String artifactId) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches(artifactId + "-[0-9.]+(-SNAPSHOT)?\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("run after package: no " + artifactId + " jar in target/"));
        }
    }
}
