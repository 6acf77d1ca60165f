package org.arroyo.camel.runner;

import java.util.List;
import java.util.Map;

import org.apache.camel.main.Main;

/** The camel-main of a command that makes its own routes in Java ({@code record}, {@code replay}). */
final class CommandMain {

    private CommandMain() {
    }

    /**
     * A camel-main as {@code run} makes it (application.properties, {@code --prop}), but loading no route files and,
     * unless asked ({@code --prop camel.management.enabled=true}), serving no HTTP and printing no progress lines:
     * the command prints its own.
     */
    static Main newMain(Map<String, String> props) {
        Main main = PipelineRunner.newMain(List.of(), props);
        // an include pattern that matches no file: an empty one is read as a file without an extension
        main.configure().withRoutesIncludePattern("classpath:org/arroyo/camel/runner/no-routes/*.yaml");
        main.addInitialProperty("camel.management.enabled", "false");
        main.addInitialProperty(ProgressReporter.INTERVAL_PROPERTY, "0");
        return main;
    }
}
