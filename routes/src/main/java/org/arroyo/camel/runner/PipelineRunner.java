package org.arroyo.camel.runner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.camel.main.Main;

/** Runs YAML routes with camel-main until Ctrl-C or SIGTERM, then stops gracefully (in-flight exchanges finish). */
final class PipelineRunner {

    private final List<Path> files;
    private final Map<String, String> props;

    PipelineRunner(List<Path> files, Map<String, String> props) {
        this.files = files;
        this.props = props;
    }

    int run() {
        Main main = newMain(files, props);
        try {
            main.run();
            return main.getExitCode();
        } catch (Exception e) {
            System.err.println("arroyo: " + RouteFiles.describe(e));
            return 1;
        }
    }

    /**
     * Defaults that application.properties and --prop override: Prometheus metrics and health checks served on
     * loopback at http://127.0.0.1:9876/observe/metrics and /observe/health, and a progress line every 10 s.
     */
    static void observability(Main main) {
        main.addInitialProperty("camel.metrics.enabled", "true");
        // per-send timers cost on every message, and Prometheus rejects their mixed tag sets (sends from templates
        // carry no routeId); route metrics and the arroyo_* meters cover the same ground
        main.addInitialProperty("camel.metrics.enableExchangeEventNotifier", "false");
        // Micrometer's route policy times every exchange: a 64 B relay ran at a third of its speed with it (157k vs
        // 485k msgs/s, BENCHMARKS.md); the arroyo_* meters count messages, bytes, errors and drops per endpoint, and
        // --prop camel.metrics.enableRoutePolicy=true brings Camel's per-route timers back
        main.addInitialProperty("camel.metrics.enableRoutePolicy", "false");
        // Micrometer's route gauges (camel_routes_added/running) only want route events, but their notifier does not
        // ignore exchange events, so Camel made four events per exchange for it: 64 B through the runner went from
        // 471k to 530k msgs/s without it (BENCHMARKS.md); route states are in /observe/health
        main.addInitialProperty("camel.metrics.enableRouteEventNotifier", "false");
        // Arroyo messages and batches are never streams, but stream caching looked up a type converter for each body;
        // streams (an HTTP body) are still cached
        main.addInitialProperty("camel.main.streamCachingDenyClasses",
                "org.arroyo.camel.message.ArroyoMessage,java.util.Collection");
        // a relay passing views allocates so little heap that JeroMQ's direct buffers for frames above 1 MiB waited
        // for full GCs (4 MiB frames: 51 vs 164 frames/s, BENCHMARKS.md); on the heap the young GC frees them
        main.addInitialProperty("camel.component.arroyo-zmq.msgAllocationHeapThreshold", "0");
        main.addInitialProperty("camel.management.enabled", "true");
        main.addInitialProperty("camel.management.host", "127.0.0.1");
        main.addInitialProperty("camel.management.port", "9876");
        main.addInitialProperty("camel.management.metricsEnabled", "true");
        main.addInitialProperty("camel.management.healthCheckEnabled", "true");
        main.addInitialProperty("camel.health.enabled", "true");
        main.addInitialProperty("camel.health.consumersEnabled", "true");
        main.addInitialProperty(ProgressReporter.INTERVAL_PROPERTY, "10000");
        main.addMainListener(new ProgressReporter.Installer());
    }

    /** A camel-main that loads these files, application.properties from the working directory and the properties. */
    static Main newMain(List<Path> files, Map<String, String> props) {
        Main main = new Main();
        if (!files.isEmpty()) { // commands that add their routes in Java load no files
            main.configure().withRoutesIncludePattern(files.stream().map(f -> "file:" + f)
                    .collect(Collectors.joining(",")));
        }
        main.configure().withSourceLocationEnabled(true);
        main.configure().withName("arroyo");
        if (Files.isRegularFile(Path.of("application.properties"))) {
            main.setPropertyPlaceholderLocations("file:application.properties,classpath:application.properties;optional=true");
        }
        observability(main);
        TracingSetup.apply(props);
        props.forEach(main::addOverrideProperty);
        return main;
    }
}
