package org.arroyo.camel.springboot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;

/** Reads what the tests compare: the starter's Spring Boot metadata and the components' own JSON metadata. */
final class StarterMetadata {

    private StarterMetadata() {
    }

    /** The properties of spring-configuration-metadata.json under camel.component.SCHEME., by full name. */
    static Map<String, JsonObject> springProperties(String scheme) {
        JsonObject root = parse("META-INF/spring-configuration-metadata.json");
        Map<String, JsonObject> properties = new LinkedHashMap<>();
        for (Object p : root.getCollection("properties")) {
            JsonObject property = (JsonObject) p;
            if (property.getString("name").startsWith("camel.component." + scheme + ".")) {
                properties.put(property.getString("name"), property);
            }
        }
        return properties;
    }

    /** The value hints of spring-configuration-metadata.json, by property name. */
    static Map<String, List<String>> springHints() {
        Map<String, List<String>> hints = new LinkedHashMap<>();
        for (Object h : parse("META-INF/spring-configuration-metadata.json").getCollection("hints")) {
            JsonObject hint = (JsonObject) h;
            List<String> values = hint.getCollection("values").stream()
                    .map(v -> ((JsonObject) v).getString("value")).toList();
            hints.put(hint.getString("name"), values);
        }
        return hints;
    }

    /** The componentProperties of the component's own SCHEME.json, as camel-package-maven-plugin wrote them. */
    static JsonObject componentOptions(String scheme) {
        Properties service = new Properties();
        try (InputStream in = open("META-INF/services/org/apache/camel/component/" + scheme)) {
            service.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String type = service.getProperty("class");
        String pkg = type.substring(0, type.lastIndexOf('.')).replace('.', '/');
        return parse("META-INF/" + pkg + "/" + scheme + ".json").getMap("componentProperties");
    }

    /** The name Camel's configurers accept for a Spring property name (they ignore case; dashes dropped). */
    static String camelName(String scheme, String springName) {
        return springName.substring(("camel.component." + scheme + ".").length()).replace("-", "");
    }

    private static JsonObject parse(String resource) {
        try (InputStream in = open(resource)) {
            return (JsonObject) Jsoner.deserialize(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot parse " + resource, e);
        }
    }

    private static InputStream open(String resource) {
        InputStream in = StarterMetadata.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException(resource + " is not on the test class path");
        }
        return in;
    }
}
