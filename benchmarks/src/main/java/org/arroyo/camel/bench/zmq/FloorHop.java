package org.arroyo.camel.bench.zmq;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.DefaultEndpoint;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Camel's floor: the least a Camel route can do per message. A bare consumer thread receives each {@code byte[]} from
 * a raw PULL and hands it to the route in a new exchange; the route's only step sends the body on a raw PUSH owned by
 * the same thread. No codec, no headers, no arroyo code: what this row costs over the raw hop is Camel's engine, and
 * what the Java DSL relay costs over this row is ours.
 */
final class FloorHop implements Hop {

    private static final AtomicInteger IDS = new AtomicInteger();

    private final CamelContext context;
    private final String in;
    private final String out;
    private final int hwm;
    private final String routeId = "camel-floor-" + IDS.incrementAndGet();

    FloorHop(CamelContext context, String in, String out, int hwm) {
        this.context = context;
        this.in = in;
        this.out = out;
        this.hwm = hwm;
    }

    @Override
    public void start() throws Exception {
        FloorEndpoint endpoint = new FloorEndpoint(context, "floor://" + routeId);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // the consumer's thread runs this step, so it is the PUSH socket's only user
                from(endpoint).routeId(routeId).process(endpoint::send);
            }
        });
        context.getRouteController().startRoute(routeId);
    }

    @Override
    public void close() throws Exception {
        context.getRouteController().stopRoute(routeId, 10, TimeUnit.SECONDS);
        context.removeRoute(routeId);
    }

    private final class FloorEndpoint extends DefaultEndpoint {

        private volatile ZMQ.Socket push;
        private volatile boolean running;

        FloorEndpoint(CamelContext context, String uri) {
            setCamelContext(context);
            setEndpointUri(uri);
        }

        @Override
        public Producer createProducer() {
            throw new UnsupportedOperationException("the floor hop only consumes");
        }

        @Override
        public Consumer createConsumer(Processor processor) {
            return new FloorConsumer(this, processor);
        }

        void send(Exchange exchange) {
            byte[] body = (byte[]) exchange.getIn().getBody();
            while (!push.send(body, 0) && running) {
                // at the high-water mark: wait for room, as the raw hop does
            }
        }
    }

    private final class FloorConsumer extends DefaultConsumer {

        private final FloorEndpoint endpoint;
        private final CountDownLatch done = new CountDownLatch(1);

        FloorConsumer(FloorEndpoint endpoint, Processor processor) {
            super(endpoint, processor);
            this.endpoint = endpoint;
        }

        @Override
        protected void doStart() throws Exception {
            super.doStart();
            endpoint.running = true;
            CountDownLatch opened = new CountDownLatch(1);
            Thread t = new Thread(() -> loop(opened), routeId);
            t.setDaemon(true);
            t.start();
            if (!opened.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException(routeId + " did not open its sockets");
            }
        }

        @Override
        protected void doStop() throws Exception {
            endpoint.running = false;
            if (!done.await(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException(routeId + " did not stop within 5 s");
            }
            super.doStop();
        }

        private void loop(CountDownLatch opened) {
            try (ZContext ctx = new ZContext(1)) {
                ZMQ.Socket pull = Ends.socket(ctx, SocketType.PULL, hwm);
                pull.connect(in);
                endpoint.push = Ends.socket(ctx, SocketType.PUSH, hwm);
                endpoint.push.connect(out);
                opened.countDown();
                while (endpoint.running) {
                    byte[] m = pull.recv(0);
                    if (m == null) {
                        continue;
                    }
                    Exchange exchange = createExchange(false);
                    exchange.getIn().setBody(m);
                    try {
                        getProcessor().process(exchange);
                    } catch (Exception e) {
                        getExceptionHandler().handleException(e);
                    } finally {
                        releaseExchange(exchange, false);
                    }
                }
            } finally {
                opened.countDown();
                done.countDown();
            }
        }
    }
}
