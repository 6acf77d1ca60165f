package org.arroyo.camel.runner;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.camel.Endpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertyConfigurerGetter;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * arroyopy's pipeline files take {@code ${VAR:-default}}; Camel's form is {@code {{env:VAR:default}}}. Every endpoint
 * option of every arroyo component, secrets included, takes it: each option is set from an unset variable's
 * default, and the endpoint must hold that value.
 */
class EnvironmentPlaceholdersTest {

    // options whose values are objects from the registry, not text a placeholder could carry
    private static final Set<String> OBJECTS = Set.of("redisClient", "exceptionHandler", "exchangePattern");

    @Test
    void everyOptionOfEveryComponentTakesAnEnvironmentPlaceholder() throws Exception {
        List<String> checked = new ArrayList<>();
        for (String[] component : List.of(new String[] { "arroyo-zmq", "org/arroyo/camel/zmq", "tcp://127.0.0.1:5999" },
                new String[] { "arroyo-redis", "org/arroyo/camel/redis", "frames" })) {
            JsonObject options = (JsonObject) metadata(component[0], component[1]).get("properties");
            Map<String, String> samples = new LinkedHashMap<>();
            for (Map.Entry<String, Object> option : options.entrySet()) {
                JsonObject o = (JsonObject) option.getValue();
                if (!"path".equals(o.get("kind")) && !OBJECTS.contains(option.getKey())
                    && !"object".equals(o.get("type"))) {
                    samples.put(option.getKey(), sample(option.getKey(), o));
                }
            }
            // a CURVE client's server key goes in an endpoint of its own: an endpoint is a CURVE server or a client
            String clientOnly = "curveServerKey";
            Map<String, String> client = samples.containsKey(clientOnly)
                    ? Map.of(clientOnly, samples.remove(clientOnly)) : Map.of();
            for (Map<String, String> set : List.of(samples, client)) {
                if (!set.isEmpty()) {
                    checked.addAll(check(component[0] + ":" + component[2], set));
                }
            }
        }
        // the secrets are among them
        assertTrue(checked.containsAll(List.of("arroyo-redis.password", "arroyo-redis.uri", "arroyo-redis.username",
                "arroyo-zmq.curveSecretKey")), checked.toString());
    }

    /** Creates the endpoint with each option from an unset variable's default; returns the options checked. */
    private static List<String> check(String base, Map<String, String> samples) throws Exception {
        StringBuilder uri = new StringBuilder(base + "?");
        samples.forEach((name, value) -> uri.append(name).append("={{env:ARROYO_SURELY_UNSET_VARIABLE:").append(value)
                .append("}}&"));
        List<String> checked = new ArrayList<>();
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            Endpoint endpoint = context.getEndpoint(uri.substring(0, uri.length() - 1));
            PropertyConfigurerGetter getter = (PropertyConfigurerGetter) PluginHelper.getConfigurerResolver(context)
                    .resolvePropertyConfigurer(base.substring(0, base.indexOf(':')) + "-endpoint", context);
            for (Map.Entry<String, String> sample : samples.entrySet()) {
                Object got = getter.getOptionValue(endpoint, sample.getKey(), true);
                assertTrue(sample.getValue().equalsIgnoreCase(String.valueOf(got)),
                        base + " option " + sample.getKey() + ": expected " + sample.getValue() + ", got " + got);
                checked.add(base.substring(0, base.indexOf(':')) + "." + sample.getKey());
            }
        }
        return checked;
    }

    /** A valid value for the option, distinct from its default: the last of its enum, else what its type takes. */
    private static String sample(String name, JsonObject option) {
        switch (name) {
            case "mode":
                return String.valueOf(option.get("enum")).contains("stream") ? "stream" : "CONNECT";
            case "uri":
                return "redis://user:s3cret@127.0.0.1:6390/2";
            case "commandTimeout":
                return "7000";
            default:
                break;
        }
        if (option.get("enum") instanceof JsonArray values && !values.isEmpty()) {
            return String.valueOf(values.get(values.size() - 1));
        }
        if (name.startsWith("curve") && name.endsWith("Key") || name.equals("curveAllowedClientKeys")) {
            return "e".repeat(64);
        }
        return switch (String.valueOf(option.get("type"))) {
            case "boolean" -> "true";
            case "integer", "number", "duration" -> "3";
            default -> "value-of-" + name;
        };
    }

    private static JsonObject metadata(String scheme, String packagePath) throws Exception {
        try (InputStream in = EnvironmentPlaceholdersTest.class.getResourceAsStream(
                "/META-INF/" + packagePath + "/" + scheme + ".json")) {
            return (JsonObject) Jsoner.deserialize(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
