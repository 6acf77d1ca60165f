package org.arroyo.camel.streampy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.support.LifecycleStrategySupport;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stream-py worker as a Camel service: it takes messages with {@code GET} from its input queue nodes in turn,
 * applies a {@link WorkerFunction} and {@code PUT}s the result to one of its output nodes, chosen by an
 * {@link OutputChooser}. Add it with {@code camelContext.addService(worker)} and it starts with the context and stops
 * as the context begins to stop (before the routes, so it never polls nodes that are going away); it may also be
 * stopped and started again on its own, and resumes where the queues are.
 * <p>
 * A GET or PUT that gets no reply is retried ({@code timeout}, {@code retries}) and then counted and skipped, so a
 * lost datagram or a node that is down never hangs the worker; when every input is empty it waits
 * {@code idleDelay} before asking again. Metrics: {@link #processed()}, {@link #vertexLatency()} (time in the
 * function) and the failure counters; edge latency (time queued) is measured by the nodes.
 */
public class ForwardWorker extends ServiceSupport implements CamelContextAware {

    private static final Logger LOG = LoggerFactory.getLogger(ForwardWorker.class);

    private CamelContext camelContext;
    private String name = "worker";
    private List<String> inputs = List.of();
    private List<String> outputs = List.of();
    private WorkerFunction function = WorkerFunction.passthrough();
    private OutputChooser chooser = OutputChooser.roundRobin();
    private long timeout = 500;
    private int retries = 2;
    private long idleDelay = 10;

    private final LatencyStats vertexLatency = new LatencyStats();
    private final LongAdder processed = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder functionErrors = new LongAdder();
    private final LongAdder getTimeouts = new LongAdder();
    private final LongAdder putFailures = new LongAdder();

    private volatile boolean running;
    private boolean stopsWithContext;
    private CountDownLatch stopSignal;
    private ExecutorService executor;
    private final List<ForwardUdpClient> in = new ArrayList<>();
    private final List<ForwardUdpClient> out = new ArrayList<>();

    @Override
    protected void doInit() {
        if (inputs.isEmpty() || outputs.isEmpty()) {
            throw new IllegalArgumentException("worker '" + name + "' needs at least one input and one output"
                                               + " (HOST:PORT of queue nodes), has inputs " + inputs
                                               + " and outputs " + outputs);
        }
        inputs.forEach(ForwardUdpClient::address);
        outputs.forEach(ForwardUdpClient::address);
    }

    @Override
    protected void doStart() throws IOException {
        if (camelContext == null) {
            throw new IllegalStateException("worker '" + name + "' has no CamelContext: add it with"
                                            + " camelContext.addService(worker)");
        }
        Duration t = Duration.ofMillis(timeout);
        for (String a : inputs) {
            in.add(new ForwardUdpClient(ForwardUdpClient.address(a), t, retries));
        }
        for (String a : outputs) {
            out.add(new ForwardUdpClient(ForwardUdpClient.address(a), t, retries));
        }
        if (!stopsWithContext) {
            // stop before the context stops its routes: a worker must not poll queue nodes that are going away
            camelContext.addLifecycleStrategy(new LifecycleStrategySupport() {
                @Override
                public void onContextStopping(CamelContext context) {
                    ServiceHelper.stopService(ForwardWorker.this);
                }
            });
            stopsWithContext = true;
        }
        running = true;
        stopSignal = new CountDownLatch(1);
        executor = camelContext.getExecutorServiceManager().newSingleThreadExecutor(this, "ForwardWorker[" + name + "]");
        executor.execute(this::loop);
        LOG.debug("worker {} started: {} -> {}", name, inputs, outputs);
    }

    @Override
    protected void doStop() {
        running = false;
        if (stopSignal != null) {
            stopSignal.countDown();
        }
        if (executor != null) {
            // the loop ends after its current request, which is bounded by timeout x attempts
            camelContext.getExecutorServiceManager().shutdownGraceful(executor, 2 * timeout * (retries + 1) + 1000);
            executor = null;
        }
        in.forEach(ForwardUdpClient::close);
        out.forEach(ForwardUdpClient::close);
        in.clear();
        out.clear();
        LOG.debug("worker {} stopped", name);
    }

    private void loop() {
        int next = 0;
        int emptyInRow = 0;
        boolean[] failing = new boolean[in.size()];
        while (running) {
            int i = next;
            next = (next + 1) % in.size();
            byte[] message = take(in.get(i), failing, i);
            if (message == null) {
                pause(timeout); // the node is down or lossy: do not spin on it
            } else if (message.length > 0) {
                emptyInRow = 0;
                handle(new String(message, StandardCharsets.UTF_8));
            } else if (++emptyInRow >= in.size()) {
                emptyInRow = 0;
                pause(idleDelay);
            }
        }
    }

    // null when the GET failed; logs the first failure of a streak at WARN and the recovery at INFO
    private byte[] take(ForwardUdpClient input, boolean[] failing, int i) {
        try {
            byte[] message = input.get(() -> running);
            if (failing[i]) {
                failing[i] = false;
                LOG.info("worker {}: {} answers again", name, input.node());
            }
            return message;
        } catch (IOException e) {
            getTimeouts.increment();
            if (!failing[i]) {
                failing[i] = true;
                LOG.warn("worker {}: GET from {} failed, retrying every {} ms: {}", name, input.node(), timeout,
                        e.getMessage());
            }
            return null;
        }
    }

    private void handle(String message) {
        String result;
        long t0 = System.nanoTime();
        try {
            result = function.apply(message);
        } catch (RuntimeException e) {
            functionErrors.increment();
            LOG.warn("worker {}: the function failed on a message of {} chars, skipped", name, message.length(), e);
            return;
        } finally {
            vertexLatency.record(System.nanoTime() - t0);
        }
        if (result == null) {
            dropped.increment();
            return;
        }
        ForwardUdpClient output = out.get(chooser.next(out.size()));
        try {
            String reply = output.put(result);
            if (reply.startsWith("ERR")) {
                putFailures.increment();
                LOG.warn("worker {}: {} refused a message: {}", name, output.node(), reply);
                return;
            }
            processed.increment();
        } catch (IOException e) {
            putFailures.increment();
            LOG.warn("worker {}: PUT to {} failed, message lost: {}", name, output.node(), e.getMessage());
        }
    }

    private void pause(long millis) {
        try {
            stopSignal.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    public String getName() {
        return name;
    }

    /** A name for logs and the worker's thread. Default {@code worker}. */
    public void setName(String name) {
        this.name = name;
    }

    public List<String> getInputs() {
        return inputs;
    }

    /** The queue nodes to GET from, in turn, as {@code HOST:PORT}. Required. */
    public void setInputs(List<String> inputs) {
        this.inputs = List.copyOf(inputs);
    }

    /** Comma-separated {@code HOST:PORT} inputs (for YAML bean properties). */
    public void setInputList(String commaSeparated) {
        setInputs(split(commaSeparated));
    }

    public List<String> getOutputs() {
        return outputs;
    }

    /** The queue nodes to PUT to, one per message as the chooser says, as {@code HOST:PORT}. Required. */
    public void setOutputs(List<String> outputs) {
        this.outputs = List.copyOf(outputs);
    }

    /** Comma-separated {@code HOST:PORT} outputs (for YAML bean properties). */
    public void setOutputList(String commaSeparated) {
        setOutputs(split(commaSeparated));
    }

    /** The function applied to each message. Default passthrough. */
    public void setFunction(WorkerFunction function) {
        this.function = function;
    }

    /** A built-in function by name: {@code pong} or {@code passthrough}. */
    public void setFunctionName(String functionName) {
        this.function = WorkerFunction.named(functionName);
    }

    /** How the output is chosen. Default round-robin. */
    public void setChooser(OutputChooser chooser) {
        this.chooser = chooser;
    }

    /** Random outputs from this seed instead of round-robin. */
    public void setRandomSeed(long seed) {
        this.chooser = OutputChooser.random(seed);
    }

    public long getTimeout() {
        return timeout;
    }

    /** Milliseconds one GET or PUT attempt waits for its reply. Default 500. */
    public void setTimeout(long timeout) {
        this.timeout = timeout;
    }

    public int getRetries() {
        return retries;
    }

    /** How many times a request with no reply is sent again before it counts as failed. Default 2. */
    public void setRetries(int retries) {
        this.retries = retries;
    }

    public long getIdleDelay() {
        return idleDelay;
    }

    /** Milliseconds to wait when every input was empty, before asking again. Default 10. */
    public void setIdleDelay(long idleDelay) {
        this.idleDelay = idleDelay;
    }

    /** Time spent in the function, per message. */
    public LatencyStats vertexLatency() {
        return vertexLatency;
    }

    /** Messages put downstream. */
    public long processed() {
        return processed.sum();
    }

    /** Messages the function dropped (returned null). */
    public long dropped() {
        return dropped.sum();
    }

    public long functionErrors() {
        return functionErrors.sum();
    }

    /** GETs that got no (valid) reply after every retry. */
    public long getTimeouts() {
        return getTimeouts.sum();
    }

    /** Results lost because the PUT got no reply or an {@code ERR} (e.g. queue full). */
    public long putFailures() {
        return putFailures.sum();
    }

    private static List<String> split(String commaSeparated) {
        return List.of(commaSeparated.split(",")).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
