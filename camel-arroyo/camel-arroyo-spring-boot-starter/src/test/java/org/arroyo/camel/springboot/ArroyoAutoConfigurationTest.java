package org.arroyo.camel.springboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.lettuce.core.RedisClient;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.spi.PropertyConfigurerGetter;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.util.json.JsonObject;
import org.arroyo.camel.redis.ArroyoRedisComponent;
import org.arroyo.camel.redis.ArroyoRedisMode;
import org.arroyo.camel.redis.springboot.ArroyoRedisComponentAutoConfiguration;
import org.arroyo.camel.redis.springboot.ArroyoRedisComponentConfiguration;
import org.arroyo.camel.zmq.ArroyoZmqComponent;
import org.arroyo.camel.zmq.ArroyoZmqConfiguration;
import org.arroyo.camel.zmq.springboot.ArroyoZmqComponentAutoConfiguration;
import org.arroyo.camel.zmq.springboot.ArroyoZmqComponentConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.zeromq.ZContext;

/**
 * The auto-configurations in a real Spring context with a real Camel context (no broker needed: configuring a
 * component connects nothing), loaded the way Boot loads them, from AutoConfiguration.imports.
 */
class ArroyoAutoConfigurationTest {

    private static final Set<String> STARTER_OWN = Set.of("enabled", "customizer.enabled");

    private static final List<String> ARROYO_AUTO_CONFIGURATIONS = ImportCandidates
            .load(AutoConfiguration.class, ArroyoAutoConfigurationTest.class.getClassLoader()).getCandidates()
            .stream().filter(name -> name.startsWith("org.arroyo.camel.")).toList();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CamelAutoConfiguration.class))
            .withConfiguration(AutoConfigurations.of(ARROYO_AUTO_CONFIGURATIONS.stream().map(name -> {
                try {
                    return Class.forName(name);
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException(e);
                }
            }).toArray(Class<?>[]::new)));

    @Test
    void bootFindsBothAutoConfigurationsInTheImportsFile() {
        assertEquals(List.of(ArroyoZmqComponentAutoConfiguration.class.getName(),
                ArroyoRedisComponentAutoConfiguration.class.getName()), ARROYO_AUTO_CONFIGURATIONS);
    }

    /** Each property of the IDE metadata, set to a value other than its default, is the component's value after. */
    @ParameterizedTest
    @ValueSource(strings = {"arroyo-zmq", "arroyo-redis"})
    void everyPropertyOfTheMetadataReachesTheComponent(String scheme) {
        Map<String, List<String>> hints = StarterMetadata.springHints();
        Map<String, String> expected = new LinkedHashMap<>();
        List<String> properties = new ArrayList<>();
        StarterMetadata.springProperties(scheme).forEach((name, property) -> {
            String camelName = StarterMetadata.camelName(scheme, name);
            String value = STARTER_OWN.contains(camelName) ? null : notTheDefault(name, property, hints.get(name));
            if (value != null) {
                properties.add(name + "=" + value);
                expected.put(camelName, value);
            }
        });
        assertTrue(expected.size() > 20, "only " + expected.size() + " properties to try: " + expected.keySet());
        runner.withPropertyValues(properties.toArray(String[]::new)).run(spring -> {
            assertThat(spring).hasNotFailed();
            Component component = spring.getBean(CamelContext.class).getComponent(scheme);
            PropertyConfigurerGetter configurer = (PropertyConfigurerGetter) component.getComponentPropertyConfigurer();
            expected.forEach((name, value) -> assertEquals(value.toLowerCase(),
                    String.valueOf(configurer.getOptionValue(component, name, true)).toLowerCase(), name));
        });
    }

    /** A value unlike the default, by metadata type; null for options that take an object (bean references). */
    private static String notTheDefault(String name, JsonObject property, List<String> values) {
        Object defaultValue = property.get("defaultValue");
        if (values != null) {
            return values.stream().filter(v -> !v.equals(String.valueOf(defaultValue))).findFirst().orElseThrow();
        }
        return switch (property.getString("type")) {
            case "java.lang.Boolean" -> String.valueOf(!Boolean.TRUE.equals(defaultValue));
            case "java.lang.Integer", "java.lang.Long" ->
                String.valueOf((defaultValue == null ? 0 : Long.parseLong(defaultValue.toString())) + 7);
            case "java.lang.String" -> "value-of-" + name.substring(name.lastIndexOf('.') + 1);
            default -> null;
        };
    }

    @Test
    void dashedAndCamelCaseNamesBothBind() {
        runner.withPropertyValues("camel.component.arroyo-zmq.sendHighWaterMark=4321",
                "camel.component.arroyo-zmq.receive-high-water-mark=1234",
                "camel.component.arroyo-redis.MODE=stream", "camel.component.arroyo-redis.max-len=99").run(spring -> {
                    CamelContext camel = spring.getBean(CamelContext.class);
                    ArroyoZmqConfiguration zmq = camel.getComponent("arroyo-zmq", ArroyoZmqComponent.class)
                            .getConfiguration();
                    assertEquals(4321, zmq.getSendHighWaterMark());
                    assertEquals(1234, zmq.getReceiveHighWaterMark());
                    ArroyoRedisComponent redis = camel.getComponent("arroyo-redis", ArroyoRedisComponent.class);
                    assertEquals(ArroyoRedisMode.stream, redis.getConfiguration().getMode());
                    assertEquals(99, redis.getConfiguration().getMaxLen());
                });
    }

    @Test
    void aValueOfTheWrongTypeStopsTheApplicationNamingTheProperty() {
        runner.withPropertyValues("camel.component.arroyo-zmq.linger=soon").run(spring -> {
            assertThat(spring).hasFailed();
            assertThat(spring.getStartupFailure()).rootCause().isInstanceOf(NumberFormatException.class);
            assertThat(spring.getStartupFailure()).hasStackTraceContaining("camel.component.arroyo-zmq.linger")
                    .hasStackTraceContaining("soon");
        });
        runner.withPropertyValues("camel.component.arroyo-redis.mode=sideways").run(spring -> {
            assertThat(spring).hasFailed();
            assertThat(spring.getStartupFailure()).hasStackTraceContaining("camel.component.arroyo-redis.mode")
                    .hasStackTraceContaining("sideways");
        });
    }

    @Test
    void beanReferencesBindTheApplicationsBeans() {
        runner.withUserConfiguration(SharedClients.class)
                .withPropertyValues("camel.component.arroyo-zmq.z-context=#labContext",
                        "camel.component.arroyo-redis.redis-client=#bean:sharedRedis")
                .run(spring -> {
                    CamelContext camel = spring.getBean(CamelContext.class);
                    assertSame(spring.getBean("labContext"),
                            camel.getComponent("arroyo-zmq", ArroyoZmqComponent.class).getZContext());
                    assertSame(spring.getBean("sharedRedis"), camel.getComponent("arroyo-redis",
                            ArroyoRedisComponent.class).getConfiguration().getRedisClient());
                });
        runner.withUserConfiguration(SharedClients.class)
                .withPropertyValues("camel.component.arroyo-zmq.z-context=labContext").run(spring -> {
                    assertThat(spring).hasFailed();
                    assertThat(spring.getStartupFailure()).hasStackTraceContaining("camel.component.arroyo-zmq.z-context")
                            .hasStackTraceContaining("'labContext' is not a bean reference");
                });
    }

    @Test
    void enabledFalseLeavesTheComponentAsItWas() {
        int defaultLinger = new ArroyoZmqConfiguration().getLinger();
        runner.withPropertyValues("camel.component.arroyo-zmq.enabled=false", "camel.component.arroyo-zmq.linger=5",
                "camel.component.arroyo-redis.port=6390").run(spring -> {
                    assertThat(spring).doesNotHaveBean(ArroyoZmqComponentConfiguration.class)
                            .hasSingleBean(ArroyoRedisComponentConfiguration.class);
                    CamelContext camel = spring.getBean(CamelContext.class);
                    assertEquals(defaultLinger,
                            camel.getComponent("arroyo-zmq", ArroyoZmqComponent.class).getConfiguration().getLinger());
                    assertEquals(6390, camel.getComponent("arroyo-redis", ArroyoRedisComponent.class)
                            .getConfiguration().getPort());
                });
        runner.withPropertyValues("camel.component.arroyo-zmq.customizer.enabled=false",
                "camel.component.arroyo-zmq.linger=5").run(spring -> {
                    assertThat(spring).hasSingleBean(ArroyoZmqComponentConfiguration.class);
                    assertEquals(defaultLinger, spring.getBean(CamelContext.class)
                            .getComponent("arroyo-zmq", ArroyoZmqComponent.class).getConfiguration().getLinger());
                });
    }

    @Test
    void withoutArroyoRedisOnTheClassPathOnlyArroyoZmqIsConfigured() {
        runner.withClassLoader(new FilteredClassLoader(ArroyoRedisComponent.class))
                .withPropertyValues("camel.component.arroyo-zmq.linger=5", "camel.component.arroyo-redis.port=6390")
                .run(spring -> {
                    assertThat(spring).hasNotFailed().hasSingleBean(ArroyoZmqComponentConfiguration.class)
                            .doesNotHaveBean(ArroyoRedisComponentConfiguration.class);
                    assertEquals(5, spring.getBean(CamelContext.class)
                            .getComponent("arroyo-zmq", ArroyoZmqComponent.class).getConfiguration().getLinger());
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class SharedClients {

        @Bean(destroyMethod = "close")
        ZContext labContext() {
            return new ZContext();
        }

        @Bean(destroyMethod = "shutdown")
        RedisClient sharedRedis() {
            return RedisClient.create();
        }
    }
}
