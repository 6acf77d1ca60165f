package org.arroyo.camel.examples.embedded;

import org.apache.camel.main.Main;

/**
 * A camel-main application with camel-arroyo beside camel-platform-http-main and camel-netty, all in one
 * CamelContext: {@link DetectorReductionRoutes} (ZeroMQ detector, ROI cut, Redis stream) and
 * {@link DetectorServiceRoutes} (the stream's consumer group, HTTP and TCP). Settings in
 * {@code application.properties}, each overridable with {@code --property key=value}, or with
 * {@link Main#addOverrideProperty} when embedding this main.
 */
public final class EmbeddedExample {

    private EmbeddedExample() {
    }

    public static void main(String[] args) throws Exception {
        int code = create().run(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** The application, not started: {@link Main#run(String[])} runs it until Ctrl-C, {@link Main#start()} returns. */
    public static Main create() {
        Main main = new Main();
        DetectorStats stats = new DetectorStats();
        main.bind("detectorStats", stats);
        main.configure().addRoutesBuilder(new DetectorReductionRoutes());
        main.configure().addRoutesBuilder(new DetectorServiceRoutes(stats));
        return main;
    }
}
