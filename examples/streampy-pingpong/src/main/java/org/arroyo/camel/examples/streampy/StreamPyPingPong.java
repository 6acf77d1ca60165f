package org.arroyo.camel.examples.streampy;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.streampy.ForwardClient;
import org.arroyo.camel.streampy.ForwardWorker;

/**
 * stream-py's ping/pong game on camel-arroyo: three UDP queue nodes (camel-netty routes) and three pong workers in a
 * ring q0 -> w0 -> q1 -> w1 -> q2 -> w2 -> q0. The one-shot client puts the first {@code ping} into q0; the game ends
 * after the given number of rounds and prints the score and the latencies.
 * <pre>
 * java -cp "examples/target/classes:examples/target/lib/*" org.arroyo.camel.examples.streampy.StreamPyPingPong [ROUNDS] [FIRST_PORT]
 * </pre>
 */
public final class StreamPyPingPong {

    private StreamPyPingPong() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int firstPort = args.length > 1 ? Integer.parseInt(args[1]) : 10001;
        PingPongGame game = run(rounds, new int[] {firstPort, firstPort + 1, firstPort + 2}, System.out);
        System.exit(game.played() == rounds ? 0 : 1);
    }

    /** Plays one game on the given UDP ports of 127.0.0.1; returns its scoreboard. */
    public static PingPongGame run(int rounds, int[] ports, PrintStream out) throws Exception {
        Map<String, String> addresses = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            addresses.put("q" + i, "127.0.0.1:" + ports[i]);
        }
        List<String> q = List.copyOf(addresses.values());
        PingPongGame game = new PingPongGame(rounds);
        QueueNodeRoutes routes = new QueueNodeRoutes(addresses);
        try (CamelContext context = new DefaultCamelContext()) {
            context.addRoutes(routes);
            context.start();
            ForwardWorker[] workers = new ForwardWorker[3];
            for (int i = 0; i < 3; i++) {
                workers[i] = new ForwardWorker();
                workers[i].setName("w" + i);
                workers[i].setInputs(List.of(q.get(i)));
                workers[i].setOutputs(List.of(q.get((i + 1) % 3)));
                workers[i].setFunction(game);
                context.addService(workers[i]);
            }
            out.printf("stream-py ping/pong: q0 %s -> w0 -> q1 %s -> w1 -> q2 %s -> w2 -> q0, %d rounds%n",
                    q.get(0), q.get(1), q.get(2), rounds);
            out.print("client: PUT:ping -> ");
            long t0 = System.nanoTime();
            ForwardClient.run(new String[] {q.get(0), "PUT:ping"}, out, System.err);
            boolean ended = game.awaitEnd(60, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - t0) / 1e9;
            out.printf("%s %d rounds in %.2f s (%.0f rounds/s): ping seen %d, pong seen %d%n",
                    ended ? "played" : "TIMED OUT after", game.played(), seconds, game.played() / seconds,
                    game.pings(), game.pongs());
            routes.nodes().forEach((name, node) -> out.printf("  %s edge latency (time queued): %s%n", name,
                    node.edgeLatency()));
            for (ForwardWorker w : workers) {
                out.printf("  %s vertex latency (time in pong): %s, GET timeouts %d%n", w.getName(),
                        w.vertexLatency(), w.getTimeouts());
            }
            out.println(ended ? "stream-py ping/pong: OK" : "stream-py ping/pong: FAILED");
        }
        return game;
    }
}
