package org.arroyo.camel.examples.kafka;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.main.Main;

/**
 * Runs a worker: {@code java -jar arroyo-kafka-agents.jar FILE.yaml... [--prop key=value]...} with camel-main until
 * Ctrl-C or SIGTERM, then stops gracefully (partial batches are flushed to the sinks).
 */
public final class KafkaAgentsMain {

    private KafkaAgentsMain() {
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main();
        List<String> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if ("--prop".equals(args[i]) && i + 1 < args.length) {
                String[] kv = args[++i].split("=", 2);
                main.addOverrideProperty(kv[0], kv.length > 1 ? kv[1] : "");
            } else {
                files.add("file:" + Path.of(args[i]).toAbsolutePath());
            }
        }
        if (files.isEmpty()) {
            System.err.println("usage: java -jar arroyo-kafka-agents.jar FILE.yaml... [--prop key=value]...");
            System.exit(1);
        }
        main.configure().withRoutesIncludePattern(String.join(",", files));
        main.configure().withName("arroyo-kafka-agents");
        main.run();
    }
}
