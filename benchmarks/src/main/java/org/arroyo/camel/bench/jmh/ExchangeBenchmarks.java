package org.arroyo.camel.bench.jmh;

import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.arroyo.camel.message.ArroyoConstants;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.support.DeferredHeadersMessage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What each consumed message costs before the route runs: the exchange a consumer builds, with the message type header,
 * for a route that reads only the body (a relay, an operator). Ours defers the header in a
 * {@link DeferredHeadersMessage}; the baseline is Camel's default message, whose first header builds its header map.
 */
@State(Scope.Thread)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ExchangeBenchmarks {

    CamelContext context;
    Event body;

    @Setup(Level.Trial)
    public void setUp() {
        context = new DefaultCamelContext();
        context.build();
        body = Event.ofBytes(new byte[64]);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        context.close();
    }

    @Benchmark
    public Object exchangeOurs() {
        Exchange exchange = new DefaultExchange(context);
        DeferredHeadersMessage in = new DeferredHeadersMessage(exchange);
        exchange.setIn(in);
        in.setBody(body);
        in.defer(ArroyoConstants.MESSAGE_TYPE, "event");
        return exchange.getIn().getBody();
    }

    @Benchmark
    public Object exchangeRaw() {
        Exchange exchange = new DefaultExchange(context);
        exchange.getIn().setBody(body);
        exchange.getIn().setHeader(ArroyoConstants.MESSAGE_TYPE, "event");
        return exchange.getIn().getBody();
    }
}
