package org.arroyo.camel.agent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Runs an {@link Agent} on the exchange's body (a {@link Batch} after a batching aggregate, else one record) and sets
 * the body to the list of messages that go downstream, for the route's next {@code split: ${body}}:
 * <ul>
 * <li>one record in: each result is a message;</li>
 * <li>a batch in: with {@code splitResults=false} (default) the batch's results travel as one message, a
 * {@code List}; with {@code splitResults=true} each result is a message of its own.</li>
 * </ul>
 * No results: the input is done and its {@link RecordAck}s are released. k messages: each will release once, so the acks
 * are retained k-1 more times. A failing agent leaves the exchange untouched, for the error handler to retry.
 */
public class AgentStep implements Processor {

    private Agent agent;
    private boolean splitResults;

    @Override
    public void process(Exchange exchange) throws Exception {
        if (agent == null) {
            throw new IllegalStateException("AgentStep needs an agent: set its 'agent' property");
        }
        Object body = exchange.getMessage().getBody();
        boolean batched = body instanceof Batch;
        List<?> input = batched ? ((Batch) body).records() : Collections.singletonList(body);
        List<?> results = agent.process(input);
        List<Object> messages;
        if (results == null || results.isEmpty()) {
            messages = List.of();
        } else if (batched && !splitResults) {
            messages = List.of(Collections.unmodifiableList(new ArrayList<>(results)));
        } else {
            messages = Collections.unmodifiableList(new ArrayList<>(results));
        }
        if (messages.isEmpty()) {
            ExchangeAcks.release(exchange);
        } else {
            ExchangeAcks.retain(exchange, messages.size() - 1);
        }
        exchange.getMessage().setBody(messages);
    }

    public Agent getAgent() {
        return agent;
    }

    /** The agent this step runs (required). */
    public void setAgent(Agent agent) {
        this.agent = agent;
    }

    public boolean isSplitResults() {
        return splitResults;
    }

    /** Whether a batch's results go downstream one by one (true) or as one list message (false, the default). */
    public void setSplitResults(boolean splitResults) {
        this.splitResults = splitResults;
    }
}
