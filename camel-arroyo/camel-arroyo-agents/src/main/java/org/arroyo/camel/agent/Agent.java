package org.arroyo.camel.agent;

import java.util.List;

/**
 * One agent of a worker's chain: records in, results out. Run it with an {@link AgentStep}.
 * <p>
 * An agent whose step follows a batching {@code aggregate} ({@link BatchStrategy}) receives the whole batch, in
 * arrival order; otherwise it receives a list of one record. It returns its results in order: none drops the input,
 * several fan out (see {@link AgentStep#setSplitResults}). A thrown exception goes to the route's error handler, which
 * retries the agent with the same input and then dead-letters it, so an agent should tolerate being called twice.
 */
@FunctionalInterface
public interface Agent {

    /** The results of these records (never {@code null}; an empty list drops them). */
    List<?> process(List<?> records) throws Exception;
}
