package org.arroyo.camel.springboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.apache.camel.util.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The IDE metadata of the starter says what the components' own metadata says, option for option: every option is
 * documented once (on the component's setter) and reaches Spring Boot's completion unchanged.
 */
class SpringMetadataTest {

    private static final Set<String> STARTER_OWN = Set.of("enabled", "customizer.enabled");

    @ParameterizedTest
    @ValueSource(strings = {"arroyo-zmq", "arroyo-redis"})
    void everyComponentOptionIsAPropertyAndNothingElse(String scheme) {
        Set<String> fromComponent = StarterMetadata.componentOptions(scheme).keySet().stream()
                .map(String::toLowerCase).collect(Collectors.toCollection(TreeSet::new));
        Set<String> fromSpring = StarterMetadata.springProperties(scheme).keySet().stream()
                .map(name -> StarterMetadata.camelName(scheme, name))
                .filter(name -> !STARTER_OWN.contains(name))
                .map(String::toLowerCase).collect(Collectors.toCollection(TreeSet::new));
        assertFalse(fromComponent.isEmpty(), scheme + ".json lists no component options");
        assertEquals(fromComponent, fromSpring);
    }

    @ParameterizedTest
    @ValueSource(strings = {"arroyo-zmq", "arroyo-redis"})
    void descriptionsDefaultsAndValuesAreTheComponentsOwn(String scheme) {
        JsonObject options = StarterMetadata.componentOptions(scheme);
        Map<String, List<String>> hints = StarterMetadata.springHints();
        StarterMetadata.springProperties(scheme).forEach((name, property) -> {
            String camelName = StarterMetadata.camelName(scheme, name);
            if (STARTER_OWN.contains(camelName)) {
                assertEquals(Boolean.TRUE, property.getBoolean("defaultValue"), name);
                return;
            }
            JsonObject option = options.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(camelName))
                    .map(e -> (JsonObject) e.getValue()).findFirst().orElseThrow();
            assertEquals(option.getString("description"), property.getString("description"), name);
            assertEquals(Objects.toString(option.get("defaultValue"), null),
                    Objects.toString(property.get("defaultValue"), null), name);
            List<String> values = option.get("enum") == null ? null
                    : option.getCollection("enum").stream().map(Object::toString).toList();
            assertEquals(values, hints.get(name), name + " value hints");
            assertNotNull(property.getString("type"), name);
        });
    }
}
