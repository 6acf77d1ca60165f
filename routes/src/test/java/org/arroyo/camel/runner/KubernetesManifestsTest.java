package org.arroyo.camel.runner;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.apache.camel.main.Main;
import org.arroyo.camel.test.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deploy/k8s without a cluster: every manifest parses with a known kind and apiVersion, the references hold (the
 * ConfigMap the Deployment mounts and its keys, the file the container runs, the ScaledObject's target, stream and
 * group), the ConfigMap's route is routes/redis-stream-worker.yaml and passes {@code arroyo validate}, and the probe
 * and Prometheus paths and port are what the runner serves: checked against a runner started here with that route.
 */
class KubernetesManifestsTest {

    private static final Path DIR = Path.of("../deploy/k8s");
    private static final Set<String> KINDS = Set.of("v1/ConfigMap", "apps/v1/Deployment", "keda.sh/v1alpha1/ScaledObject",
            "kustomize.config.k8s.io/v1beta1/Kustomization");

    @TempDir
    Path tmp;

    @Test
    void manifestsParseAndTheirReferencesHold() throws Exception {
        Map<String, Map<String, Object>> byKind = manifests();
        Map<String, Object> kustomization = byKind.get("Kustomization");
        Set<String> listed = new TreeSet<>(strings(kustomization.get("resources")));
        Set<String> files = new TreeSet<>();
        try (Stream<Path> all = Files.list(DIR)) {
            all.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml"))
                    .forEach(files::add);
        }
        assertEquals(files, listed, "kubectl apply -k applies every manifest of the folder");

        Map<String, Object> deployment = byKind.get("Deployment");
        Map<String, Object> configMap = byKind.get("ConfigMap");
        Map<String, Object> pod = map(map(deployment, "spec", "template"), "spec");
        assertEquals(map(map(deployment, "spec", "selector"), "matchLabels"),
                filter(map(map(deployment, "spec", "template"), "metadata", "labels"),
                        map(map(deployment, "spec", "selector"), "matchLabels").keySet()),
                "the selector picks the template's pods");
        Map<String, Object> container = maps(pod.get("containers")).get(0);

        // the ConfigMap the routes volume names exists and holds every key it mounts
        Map<String, Object> volume = maps(pod.get("volumes")).get(0);
        Map<String, Object> source = map(volume, "configMap");
        assertEquals(name(configMap), source.get("name"));
        Map<String, Object> data = map(configMap, "data");
        Map<String, Object> mount = maps(container.get("volumeMounts")).get(0);
        assertEquals(volume.get("name"), mount.get("name"));
        List<String> args = strings(container.get("args"));
        assertEquals("run", args.get(0));
        for (Map<String, Object> item : maps(source.get("items"))) {
            assertTrue(data.containsKey(item.get("key")), "the ConfigMap has key " + item.get("key"));
        }
        String routeFile = args.get(1);
        String mountPath = (String) mount.get("mountPath");
        assertTrue(routeFile.startsWith(mountPath + "/"), routeFile + " lies in the volume at " + mountPath);
        String mounted = routeFile.substring(mountPath.length() + 1);
        assertTrue(maps(source.get("items")).stream().anyMatch(i -> mounted.equals(i.get("path"))),
                "the container runs a file the volume mounts: " + routeFile);

        // the route is the worker route of routes/, and it is valid
        String route = (String) data.get("redis-stream-worker.yaml");
        assertEquals(Files.readString(Path.of("redis-stream-worker.yaml"), StandardCharsets.UTF_8), route,
                "the ConfigMap carries routes/redis-stream-worker.yaml as it is");
        Path routeCopy = Files.writeString(tmp.resolve("redis-stream-worker.yaml"), route);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, ArroyoCli.run(new String[] { "validate", routeCopy.toString() }, new PrintStream(out),
                new PrintStream(err)), err.toString());

        // the ScaledObject scales this Deployment on the backlog of the stream and group the workers read
        Map<String, Object> scaled = byKind.get("ScaledObject");
        assertEquals(name(deployment), map(map(scaled, "spec"), "scaleTargetRef").get("name"));
        Map<String, Object> trigger = maps(map(scaled, "spec").get("triggers")).get(0);
        assertEquals("redis-streams", trigger.get("type"));
        Map<String, Object> metadata = map(trigger, "metadata");
        Map<String, String> env = env(container);
        assertEquals(env.get("ARROYO_STREAM"), metadata.get("stream"));
        assertEquals(env.get("ARROYO_GROUP"), metadata.get("consumerGroup"));
        assertEquals(env.get("ARROYO_REDIS_HOST") + ":" + env.get("ARROYO_REDIS_PORT"), metadata.get("address"));
        assertTrue(Integer.parseInt((String) metadata.get("pendingEntriesCount")) > 0);
        // each variable of the pod sets a placeholder of the route (Camel reads {{arroyo.redis.host}} from
        // ARROYO_REDIS_HOST): a misspelt one would silently leave the route's default
        for (Map<String, Object> variable : maps(container.get("env"))) {
            String name = (String) variable.get("name");
            if (name.startsWith("ARROYO_")) {
                String key = name.toLowerCase(java.util.Locale.ROOT).replace('_', '.');
                assertTrue(route.contains("{{" + key + ":"), name + " sets no placeholder {{" + key + "}} of the route");
            }
        }
        assertTrue(env(container).keySet().containsAll(List.of("ARROYO_STREAM", "ARROYO_GROUP")));
        assertEquals("metadata.name", map(map(envEntry(container, "ARROYO_WORKER"), "valueFrom"), "fieldRef")
                .get("fieldPath"), "each pod is its own consumer of the group");
    }

    @Test
    void probesAndScrapeAnnotationsNameWhatTheRunnerServes() throws Exception {
        Map<String, Map<String, Object>> byKind = manifests();
        Map<String, Object> template = map(map(byKind.get("Deployment"), "spec"), "template");
        Map<String, Object> container = maps(map(template, "spec").get("containers")).get(0);
        Map<String, Object> port = maps(container.get("ports")).get(0);
        int containerPort = ((Number) port.get("containerPort")).intValue();
        Map<String, Object> ready = map(map(container, "readinessProbe"), "httpGet");
        Map<String, Object> live = map(map(container, "livenessProbe"), "httpGet");
        assertEquals(port.get("name"), ready.get("port"));
        assertEquals(port.get("name"), live.get("port"));
        Map<String, Object> annotations = map(template, "metadata", "annotations");
        assertEquals("true", annotations.get("prometheus.io/scrape"));
        assertEquals(String.valueOf(containerPort), annotations.get("prometheus.io/port"));
        assertTrue(strings(container.get("args")).contains("camel.management.host=0.0.0.0"),
                "the management server must listen beyond loopback for the kubelet and Prometheus");

        // the runner's own default port is the one the manifests name
        Main defaults = PipelineRunner.newMain(List.of(), Map.of());
        assertEquals(String.valueOf(containerPort), defaults.getInitialProperties().getProperty("camel.management.port"));

        // and a runner of the ConfigMap's route serves the probe and metrics paths (on a free port here)
        int httpPort = FreePorts.next();
        boolean streamExisted = streamExists("arroyo-frames");
        Path route = Path.of("redis-stream-worker.yaml").toAbsolutePath();
        Main main = PipelineRunner.newMain(List.of(route), Map.of("camel.management.port", String.valueOf(httpPort)));
        Thread runner = new Thread(() -> {
            try {
                main.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "k8s-test-runner");
        runner.start();
        HttpClient http = HttpClient.newHttpClient();
        try {
            for (Map<String, Object> probe : List.of(ready, live)) {
                String path = (String) probe.get("path");
                await().atMost(60, TimeUnit.SECONDS).ignoreExceptions()
                        .until(() -> get(http, httpPort, path).statusCode() == 200);
                assertTrue(get(http, httpPort, path).body().contains("UP"), path);
            }
            HttpResponse<String> metrics = get(http, httpPort, (String) annotations.get("prometheus.io/path"));
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.body().contains("# TYPE"), "Prometheus text format");
            assertEquals(404, get(http, httpPort, "/observe/no-such-path").statusCode(),
                    "a wrong path would fail the probe");
        } finally {
            main.completed();
            runner.join(30_000);
            if (!streamExisted) {
                deleteStream("arroyo-frames"); // the worker created it with its group
            }
        }
    }

    private static HttpResponse<String> get(HttpClient http, int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static boolean streamExists(String key) {
        RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            return c.sync().exists(key) > 0;
        } finally {
            client.shutdown();
        }
    }

    private static void deleteStream(String key) {
        RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            c.sync().del(key);
        } finally {
            client.shutdown();
        }
    }

    /** Every document of every manifest, by kind (one of each); each with a known apiVersion and kind, and a name. */
    private static Map<String, Map<String, Object>> manifests() throws Exception {
        Map<String, Map<String, Object>> byKind = new HashMap<>();
        Load load = new Load(LoadSettings.builder().build());
        try (Stream<Path> all = Files.list(DIR)) {
            for (Path file : all.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                for (Object doc : load.loadAllFromString(Files.readString(file, StandardCharsets.UTF_8))) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> manifest = (Map<String, Object>) doc;
                    String kind = (String) manifest.get("kind");
                    assertTrue(KINDS.contains(manifest.get("apiVersion") + "/" + kind),
                            file + ": apiVersion/kind " + manifest.get("apiVersion") + "/" + kind);
                    if (!"Kustomization".equals(kind)) {
                        assertNotNull(name(manifest), file + ": metadata.name");
                    }
                    assertTrue(byKind.put(kind, manifest) == null, "one " + kind);
                }
            }
        }
        assertEquals(4, byKind.size(), "ConfigMap, Deployment, ScaledObject, Kustomization: " + byKind.keySet());
        return byKind;
    }

    private static String name(Map<String, Object> manifest) {
        return (String) map(manifest, "metadata").get("name");
    }

    private static Map<String, String> env(Map<String, Object> container) {
        Map<String, String> env = new HashMap<>();
        for (Map<String, Object> e : maps(container.get("env"))) {
            if (e.get("value") != null) {
                env.put((String) e.get("name"), String.valueOf(e.get("value")));
            }
        }
        return env;
    }

    private static Map<String, Object> envEntry(Map<String, Object> container, String name) {
        return maps(container.get("env")).stream().filter(e -> name.equals(e.get("name"))).findFirst().orElseThrow();
    }

    private static Map<String, Object> filter(Map<String, Object> map, Set<String> keys) {
        Map<String, Object> out = new HashMap<>();
        keys.forEach(k -> out.put(k, map.get(k)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String... path) {
        Map<String, Object> m = parent;
        for (String key : path) {
            Object v = m.get(key);
            assertTrue(v instanceof Map, "expected a map at " + key + " in " + m.keySet());
            m = (Map<String, Object>) v;
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object list) {
        assertTrue(list instanceof List, "expected a list: " + list);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : (List<Object>) list) {
            out.add((Map<String, Object>) o);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object list) {
        assertTrue(list instanceof List, "expected a list: " + list);
        return ((List<Object>) list).stream().map(String::valueOf).toList();
    }
}
