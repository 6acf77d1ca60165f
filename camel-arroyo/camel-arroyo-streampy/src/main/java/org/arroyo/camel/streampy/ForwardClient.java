package org.arroyo.camel.streampy;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * stream-py's one-shot client: sends one message to a queue node and prints the reply.
 * <pre>
 * java -cp camel-arroyo.jar:... org.arroyo.camel.streampy.ForwardClient 127.0.0.1:10000 PUT:ping
 * </pre>
 * Words after the address are joined with spaces, as stream-py's client did. Options before the address:
 * {@code --timeout MS} (default 1000) and {@code --retries N} (default 2). Exit code 0 when the node answered
 * with a normal reply, 3 when it answered {@code ERR ...} (printed to stderr), 1 when it did not, 2 for a usage error.
 */
public final class ForwardClient {

    private ForwardClient() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        long timeout = 1000;
        int retries = 2;
        int i = 0;
        try {
            for (; i < args.length && args[i].startsWith("--"); i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                switch (args[i]) {
                    case "--timeout" -> timeout = Long.parseLong(args[i + 1]);
                    case "--retries" -> retries = Integer.parseInt(args[i + 1]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (args.length - i < 2) {
                throw new IllegalArgumentException("expected HOST:PORT MESSAGE");
            }
        } catch (IllegalArgumentException e) {
            err.println("forward-client: " + e.getMessage());
            err.println("usage: ForwardClient [--timeout MS] [--retries N] HOST:PORT PUT:<message> | GET | SIZE");
            return 2;
        }
        String message = String.join(" ", Arrays.copyOfRange(args, i + 1, args.length));
        try (ForwardUdpClient client = new ForwardUdpClient(ForwardUdpClient.address(args[i]),
                Duration.ofMillis(timeout), retries)) {
            String reply = new String(client.request(message.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
            if (reply.startsWith("ERR")) {
                err.println(reply);
                return 3;
            }
            out.println(reply);
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            err.println("forward-client: " + e.getMessage());
            return 1;
        }
    }
}
