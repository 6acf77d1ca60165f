package org.arroyo.camel.routes;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.arroyo.camel.test.FreePorts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built runner jar as users start it, {@code java -jar target/arroyo.jar run rabbitmq-to-zmq.yaml
 * rabbitmq-from-zmq.yaml --prop ...}, in a child process against the RabbitMQ on 127.0.0.1:5672: a run of 1000 SAS
 * frames goes in over ZeroMQ, through a queue of its own, and comes out of the ROI cut byte for byte, in order. Proves
 * the shaded jar holds what the broker routes need (camel-spring-rabbitmq and Spring, camel-dataformat, the arroyo
 * data format found by name).
 */
class RunnerRabbitMqIT {

    @BeforeAll
    static void rabbitMqIsRunning() {
        Services.require("RabbitMQ", 5672, "rabbitmq-server -detached");
    }

    @Test
    void theRunnerJarMovesARunThroughRabbitMq() throws Exception {
        Path jar = Path.of("target/arroyo.jar");
        assertTrue(Files.isRegularFile(jar), "run after package: " + jar.toAbsolutePath());
        String name = "arroyo-runner-it-" + UUID.randomUUID();
        String input = FreePorts.tcpAddress();
        String output = FreePorts.tcpAddress();
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> command = new ArrayList<>(List.of(java, "-jar", jar.toString(), "run", "rabbitmq-to-zmq.yaml",
                "rabbitmq-from-zmq.yaml"));
        for (String prop : List.of("arroyo.input=" + input, "arroyo.output=" + output, "arroyo.output.socketType=PUSH",
                "arroyo.rabbitmq.exchange=" + name, "arroyo.rabbitmq.queue=" + name,
                "camel.management.enabled=false")) {
            command.add("--prop");
            command.add(prop);
        }
        Path log = Files.createTempFile("arroyo-runner-rabbitmq", ".log");
        Process runner = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        CachingConnectionFactory connection = new CachingConnectionFactory(Services.HOST, 5672);
        try {
            // no need to wait for the routes: the detector's PUSH connects and queues until the runner's PULL binds
            try {
                RunOverZmq.check(new SasRun("runner", 1000, 7), input, output, Duration.ofSeconds(120));
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(e.getMessage() + (runner.isAlive() ? "" : "\nthe runner exited with "
                        + runner.exitValue()) + "\nrunner log:\n" + Files.readString(log), e);
            }
        } finally {
            runner.destroy();
            if (!runner.waitFor(30, TimeUnit.SECONDS)) {
                runner.destroyForcibly();
            }
            RabbitAdmin admin = new RabbitAdmin(connection);
            admin.deleteQueue(name);
            admin.deleteExchange(name);
            connection.destroy();
        }
    }
}
