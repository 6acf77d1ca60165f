package org.arroyo.camel.runner;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.support.LifecycleStrategySupport;
import org.arroyo.camel.streampy.ForwardClient;
import org.arroyo.camel.streampy.ForwardUdpClient;
import org.arroyo.camel.streampy.ForwardWorker;
import org.arroyo.camel.streampy.MessageQueueNode;
import org.arroyo.camel.streampy.WorkerFunction;

/**
 * {@code arroyo streampy node|worker|client}: stream-py's three scripts ({@code MQ_udp.py}, {@code worker.py},
 * {@code udp-client.py}) in runner form, on the same wire. The node is a camel-netty UDP route answering with a
 * {@link MessageQueueNode}, the worker a {@link ForwardWorker} service of a camel-main, the client
 * {@link ForwardClient}; node and worker run until Ctrl-C or SIGTERM and stop gracefully.
 */
final class StreamPyCommands {

    static final String USAGE = """
            Usage: java -jar arroyo.jar streampy COMMAND ...

              node [--capacity N] HOST:PORT
                  a queue node on UDP HOST:PORT (PUT:<message>, GET, SIZE), as stream-py's MQ_udp.py; the queue
                  holds at most N messages (default 10000), a PUT beyond it is answered ERR
              worker [--function pong|passthrough] [--random-seed S] [--timeout MS] [--retries N]
                     [--idle-delay MS] [--name NAME] IN OUT
                  GETs from the queue node(s) IN, applies the function (default pong: ping -> pong, else ping),
                  PUTs the result to OUT, as stream-py's worker.py; IN and OUT may be comma-separated lists of
                  HOST:PORT: inputs are taken in turn, outputs chosen round-robin or at random from the seed
              client [--timeout MS] [--retries N] HOST:PORT WORD...
                  sends the words joined by spaces (PUT:ping, GET, SIZE) to a node and prints the reply, as
                  stream-py's udp-client.py; exit 0 on a reply, 3 on an ERR reply, 1 on no reply

            node and worker take --prop key=value (Camel properties) and run until Ctrl-C or SIGTERM.
            """;

    private static final String MANAGEMENT = "camel.management.enabled";

    private StreamPyCommands() {
    }

    /** Runs {@code streampy ARGS...}; returns the exit code. */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            err.print(USAGE);
            return 2;
        }
        if (args.contains("--help") || args.contains("-h")) {
            out.print(USAGE);
            return 0;
        }
        List<String> rest = args.subList(1, args.size());
        try {
            return switch (args.get(0)) {
                case "node" -> node(CommandOptions.parse("streampy node", rest, Set.of("--capacity"), Set.of()), out);
                case "worker" -> worker(CommandOptions.parse("streampy worker", rest, Set.of("--function",
                        "--random-seed", "--timeout", "--retries", "--idle-delay", "--name"), Set.of()), out);
                case "client" -> ForwardClient.run(rest.toArray(String[]::new), out, err);
                default -> throw new IllegalArgumentException("unknown streampy command '" + args.get(0)
                                                              + "'; expected node, worker or client");
            };
        } catch (IllegalArgumentException e) {
            err.println("arroyo streampy: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
    }

    private static int node(CommandOptions options, PrintStream out) {
        String address = options.positional(1, "node HOST:PORT").get(0);
        ForwardUdpClient.address(address); // fails here, by name, rather than in Netty
        int capacity = options.intValue("--capacity", MessageQueueNode.DEFAULT_CAPACITY);
        MessageQueueNode node = new MessageQueueNode(capacity);
        Main main = newMain(options);
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from(MessageQueueNode.nettyUri(address)).routeId("streampy-node").process(node);
            }
        });
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport m) {
                out.printf("streampy node: listening on udp://%s (capacity %d)%n", address, capacity);
            }
        });
        whenStopped(main, () -> out.printf("streampy node: stopped with %d queued; %d PUT, %d refused, %d ERR;"
                                           + " edge latency %s%n", node.size(), node.puts(), node.rejected(),
                node.errors(), node.edgeLatency()));
        return run(main);
    }

    private static int worker(CommandOptions options, PrintStream out) {
        List<String> inOut = options.positional(2, "worker IN OUT");
        for (String list : inOut) {
            List.of(list.split(",")).forEach(a -> ForwardUdpClient.address(a.trim())); // bad ones fail here, by name
        }
        ForwardWorker worker = new ForwardWorker();
        worker.setName(options.value("--name", "worker"));
        worker.setInputList(inOut.get(0));
        worker.setOutputList(inOut.get(1));
        worker.setFunction(WorkerFunction.named(options.value("--function", "pong")));
        if (options.has("--random-seed")) {
            worker.setRandomSeed(options.longValue("--random-seed", 0));
        }
        worker.setTimeout(options.longValue("--timeout", worker.getTimeout()));
        worker.setRetries(options.intValue("--retries", worker.getRetries()));
        worker.setIdleDelay(options.longValue("--idle-delay", worker.getIdleDelay()));
        Main main = newMain(options);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport m) {
                CamelContext context = m.getCamelContext();
                worker.setCamelContext(context);
                try {
                    context.addService(worker); // starts it; it stops as the context begins to stop
                } catch (Exception e) {
                    throw new IllegalStateException("worker " + worker.getName() + " could not start", e);
                }
                out.printf("streampy worker %s: %s -> %s, function %s%n", worker.getName(), worker.getInputs(),
                        worker.getOutputs(), options.value("--function", "pong"));
            }
        });
        whenStopped(main, () -> out.printf("streampy worker %s: stopped after %d messages; %d dropped, %d function"
                                           + " errors, %d GET timeouts, %d PUT failures; vertex latency %s%n",
                worker.getName(), worker.processed(), worker.dropped(), worker.functionErrors(),
                worker.getTimeouts(), worker.putFailures(), worker.vertexLatency()));
        return run(main);
    }

    /**
     * A camel-main with the runner's defaults, but without the management server: a stream-py graph runs several
     * nodes and workers on one machine, which would all want its port ({@code --prop camel.management.enabled=true}
     * turns it on).
     */
    private static Main newMain(CommandOptions options) {
        Main main = PipelineRunner.newMain(List.of(), Map.of());
        main.addInitialProperty(MANAGEMENT, "false");
        options.props().forEach(main::addOverrideProperty);
        return main;
    }

    /**
     * Runs the report once the context has stopped. Not a main listener's afterStop: on SIGTERM the shutdown hook
     * stops the context and the JVM may exit before the main thread gets to its listeners.
     */
    private static void whenStopped(Main main, Runnable report) {
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport m) {
                m.getCamelContext().addLifecycleStrategy(new LifecycleStrategySupport() {
                    @Override
                    public void onContextStopped(CamelContext context) {
                        report.run();
                    }
                });
            }
        });
    }

    private static int run(Main main) {
        try {
            main.run();
            return main.getExitCode();
        } catch (Exception e) {
            System.err.println("arroyo streampy: " + RouteFiles.describe(e));
            return 1;
        }
    }
}
