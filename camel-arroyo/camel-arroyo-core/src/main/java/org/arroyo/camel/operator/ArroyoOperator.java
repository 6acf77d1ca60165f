package org.arroyo.camel.operator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.arroyo.camel.message.ArroyoConstants;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.arroyo.camel.metrics.ArroyoMetrics;

/**
 * An Arroyo operator as a Camel processor: extend it, override {@link #onEvent} (and {@link #onStart} /
 * {@link #onStop} to hold a run's state), declare it as a bean and call it from a route ({@code process: ref: ...}).
 * <p>
 * Each callback returns zero, one or many messages. One replaces the body; none ends the route for this exchange
 * (nothing is published); several become a {@code List<ArroyoMessage>} body, which the {@code arroyo-*} publishers
 * send one by one, in order (or use {@code split}). A list body (a consumer's {@code batching}) is taken message by
 * message, the results gathered in order. A run's state lives in the operator between Start and Stop; the
 * messages of a route arrive one at a time from its consumer, so an operator used by one route needs no locking.
 */
public abstract class ArroyoOperator implements Processor {

    private String name = getClass().getSimpleName();
    private volatile ArroyoMetrics.OperatorTimer timer;

    @Override
    public final void process(Exchange exchange) throws Exception {
        Message in = exchange.getIn();
        List<ArroyoMessage> out = new ArrayList<>(1);
        if (in.getBody() instanceof List<?> batch) {
            // a batch (batching on the consumer): each message in order, results in order
            for (Object element : batch) {
                apply(exchange, exchange.getContext().getTypeConverter().mandatoryConvertTo(ArroyoMessage.class,
                        exchange, element), out);
            }
        } else {
            apply(exchange, in.getMandatoryBody(ArroyoMessage.class), out);
        }
        if (out.isEmpty()) {
            exchange.setRouteStop(true);
        } else if (out.size() == 1) {
            ArroyoMessage only = out.get(0);
            in.setBody(only);
            in.setHeader(ArroyoConstants.MESSAGE_TYPE, only.type().wireName());
        } else {
            in.setBody(Collections.unmodifiableList(out));
            in.removeHeader(ArroyoConstants.MESSAGE_TYPE);
        }
    }

    private void apply(Exchange exchange, ArroyoMessage message, List<ArroyoMessage> out) throws Exception {
        long started = System.nanoTime();
        Collection<? extends ArroyoMessage> results;
        if (message instanceof Start start) {
            results = onStart(start);
        } else if (message instanceof Stop stop) {
            results = onStop(stop);
        } else {
            results = onEvent((Event) message);
        }
        timer(exchange).record(System.nanoTime() - started);
        if (results != null) {
            out.addAll(results);
        }
    }

    private ArroyoMetrics.OperatorTimer timer(Exchange exchange) {
        ArroyoMetrics.OperatorTimer t = timer;
        if (t == null) {
            // first message: the registry (if any) is in place by now
            t = ArroyoMetrics.operatorTimer(exchange.getContext(), name);
            timer = t;
        }
        return t;
    }

    /** The name this operator's metrics are tagged with. */
    public String getName() {
        return name;
    }

    /** The name this operator's metrics are tagged with (operator="..."). Default: the class's simple name. */
    public void setName(String name) {
        this.name = name;
    }

    /** A run begins. Default: reset nothing and pass the Start on. */
    protected Collection<? extends ArroyoMessage> onStart(Start start) throws Exception {
        return List.of(start);
    }

    /** One event of the run: return its results (none to drop it). */
    protected abstract Collection<? extends ArroyoMessage> onEvent(Event event) throws Exception;

    /** The run ends: flush what the operator holds, then (usually) pass the Stop on. Default: pass it on. */
    protected Collection<? extends ArroyoMessage> onStop(Stop stop) throws Exception {
        return List.of(stop);
    }
}
