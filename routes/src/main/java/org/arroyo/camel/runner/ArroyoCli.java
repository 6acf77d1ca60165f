package org.arroyo.camel.runner;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code arroyo} command: run, validate and list YAML pipelines with camel-main.
 *
 * <pre>
 * arroyo run [FILE...] [--frames N] [--rate HZ] [--prop key=value]... [-Dkey=value]...
 * arroyo validate FILE...
 * arroyo list FILE...
 * arroyo streampy node|worker|client ...
 * arroyo record ADDRESS FILE [--socket-type T] [--count N] [--buffer-mb MB]
 * arroyo replay FILE ADDRESS [--rate HZ | --as-recorded] [--socket-type T] [--wait MS]
 * arroyo health [URL]
 * </pre>
 */
public final class ArroyoCli {

    static final String USAGE = """
            Usage: java -jar arroyo.jar COMMAND [FILE...] [OPTIONS]

            Commands:
              run [FILE...]       run YAML routes until Ctrl-C (graceful stop); with no FILE, the bundled demo:
                                  a simulated detector -> ROI-cut reduction -> publisher, over ZeroMQ on loopback
              validate FILE...    load the routes without starting them; report errors with file and line
              list FILE...        print each route with its from and to endpoints
              streampy node|worker|client ...
                                  stream-py's queue node, worker and client (streampy --help for their options)
              health [URL]        exit 0 when a running runner's health endpoint says UP (a container's
                                  HEALTHCHECK; default http://127.0.0.1:9876/observe/health)
            """ + RecordCommand.USAGE + ReplayCommand.USAGE + """

            Options:
              --prop key=value    a Camel or placeholder property (also -Dkey=value, and application.properties
                                  in the working directory)
              --frames N          demo: frames per run (default 200)
              --rate HZ           demo: frames per second, 0 for as fast as possible (default 0)
              --help              this text
            """;

    private ArroyoCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a command; returns the process exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 0 && args[0].equals("streampy")) {
            return StreamPyCommands.run(List.of(args).subList(1, args.length), out, err);
        }
        if (args.length == 0 || List.of(args).contains("--help") || List.of(args).contains("-h")) {
            out.print(USAGE);
            return args.length == 0 ? 1 : 0;
        }
        String command = args[0];
        // record and replay take positional arguments and options of their own
        String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
        if (command.equals("record")) {
            return RecordCommand.run(rest, out, err);
        }
        if (command.equals("replay")) {
            return ReplayCommand.run(rest, out, err);
        }
        if (command.equals("health")) {
            return health(args, out, err);
        }
        List<Path> files = new ArrayList<>();
        Map<String, String> props = new LinkedHashMap<>();
        int frames = 200;
        double rate = 0;
        try {
            for (int i = 1; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--prop") || a.equals("-p")) {
                    putProperty(props, value(args, ++i, a));
                } else if (a.startsWith("--prop=")) {
                    putProperty(props, a.substring("--prop=".length()));
                } else if (a.startsWith("-D")) {
                    putProperty(props, a.substring(2));
                } else if (a.equals("--frames")) {
                    frames = Integer.parseInt(value(args, ++i, a));
                } else if (a.equals("--rate")) {
                    rate = Double.parseDouble(value(args, ++i, a));
                } else if (a.startsWith("-")) {
                    throw new IllegalArgumentException("unknown option " + a + " (see --help)");
                } else {
                    Path file = Path.of(a);
                    if (!Files.isRegularFile(file)) {
                        throw new IllegalArgumentException("no such file: " + a);
                    }
                    files.add(file.toAbsolutePath());
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("arroyo: " + e.getMessage());
            return 2;
        }
        switch (command) {
            case "run":
                if (files.isEmpty()) {
                    return new DemoPipeline(frames, rate, props, out).run();
                }
                return new PipelineRunner(files, props).run();
            case "validate":
                return requireFiles(files, command, err) ? RouteFiles.validate(files, props, out, err) : 2;
            case "list":
                return requireFiles(files, command, err) ? RouteFiles.list(files, props, out, err) : 2;
            default:
                err.println("arroyo: unknown command '" + command
                            + "'; expected run, validate, list, streampy, record, replay or health (see --help)");
                return 2;
        }
    }

    private static int health(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 2) {
            err.println("arroyo: health takes at most one URL (see --help)");
            return 2;
        }
        return HealthProbe.check(args.length == 2 ? args[1] : HealthProbe.DEFAULT_URL, out, err);
    }

    private static boolean requireFiles(List<Path> files, String command, PrintStream err) {
        if (files.isEmpty()) {
            err.println("arroyo: " + command + " needs at least one YAML file");
            return false;
        }
        return true;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static void putProperty(Map<String, String> props, String keyValue) {
        int eq = keyValue.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("expected key=value, got '" + keyValue + "'");
        }
        props.put(keyValue.substring(0, eq), keyValue.substring(eq + 1));
    }
}
