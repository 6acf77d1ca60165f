package org.arroyo.camel.agent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A chain in Camel routes: a batching agent behind an aggregate with {@link BatchStrategy}, its results split to a
 * sink, and acknowledgements that fire only when every message made from a record has been handled.
 */
class AgentChainTest extends CamelTestSupport {

    private final List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
    private final BatchStrategy batches = new BatchStrategy();
    private final AgentStep grouped = new AgentStep();
    private final AgentStep oneByOne = new AgentStep();
    private final AgentStep dropAll = new AgentStep();

    @Override
    protected RoutesBuilder createRouteBuilder() {
        Agent upper = records -> records.stream().map(r -> r.toString().toUpperCase()).toList();
        grouped.setAgent(upper);
        oneByOne.setAgent(upper);
        oneByOne.setSplitResults(true);
        dropAll.setAgent(records -> List.of());
        batches.setTimeout(0);
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:grouped").process(this::ack).to("direct:batch-grouped");
                from("direct:batch-grouped").aggregate(constant("batch"), batches).completionSize(3)
                        .process(grouped).split(body()).to("mock:out").process(new ReleaseAcks());
                from("direct:one-by-one").process(this::ack).aggregate(constant("batch"), new BatchStrategy())
                        .completionSize(3).process(oneByOne).split(body()).to("mock:out").process(new ReleaseAcks());
                from("direct:drop").process(this::ack).process(dropAll).split(body()).to("mock:out");
            }

            private void ack(Exchange exchange) {
                String body = exchange.getMessage().getBody(String.class);
                ExchangeAcks.add(exchange, List.of(new RecordAck(() -> acknowledged.add(body))));
            }
        };
    }

    @Test
    void aBatchOfThreeReachesTheAgentAndItsResultsTravelAsOneMessage() throws Exception {
        MockEndpoint out = getMockEndpoint("mock:out");
        out.expectedMessageCount(2);
        for (String s : List.of("a", "b", "c", "d", "e", "f", "g")) {
            template.sendBody("direct:grouped", s);
        }
        out.assertIsSatisfied();
        assertEquals(List.of("A", "B", "C"), out.getReceivedExchanges().get(0).getMessage().getBody(List.class));
        assertEquals(List.of("D", "E", "F"), out.getReceivedExchanges().get(1).getMessage().getBody(List.class));
        // g waits in the next batch: not acknowledged (the aggregator may finish a batch on its own thread)
        await().atMost(Duration.ofSeconds(5)).until(() -> acknowledged.size() >= 6);
        assertEquals(List.of("a", "b", "c", "d", "e", "f"), acknowledged);
    }

    @Test
    void withSplitResultsEachResultIsAMessageAndARecordIsAcknowledgedOnceAllItsPartsAre() throws Exception {
        MockEndpoint out = getMockEndpoint("mock:out");
        out.expectedBodiesReceived("A", "B", "C");
        List<Integer> ackedWhenReceived = new ArrayList<>();
        out.whenAnyExchangeReceived(e -> ackedWhenReceived.add(acknowledged.size()));
        for (String s : List.of("a", "b", "c")) {
            template.sendBody("direct:one-by-one", s);
        }
        out.assertIsSatisfied();
        // the batch's records hold until the last of its three results has been handled
        assertEquals(List.of(0, 0, 0), ackedWhenReceived);
        await().atMost(Duration.ofSeconds(5)).until(() -> acknowledged.size() == 3);
        assertEquals(List.of("a", "b", "c"), acknowledged);
    }

    @Test
    void anAgentThatReturnsNothingAcknowledgesItsInput() throws Exception {
        getMockEndpoint("mock:out").expectedMessageCount(0);
        template.sendBody("direct:drop", "x");
        getMockEndpoint("mock:out").assertIsSatisfied();
        assertEquals(List.of("x"), acknowledged);
    }

    @Test
    void theDeadlineCountsFromTheBatchsOldestRecord() {
        BatchStrategy strategy = new BatchStrategy();
        strategy.setTimeout(1000);
        Exchange first = new DefaultExchange(context);
        first.getMessage().setBody("a");
        Exchange batch = strategy.aggregate(null, first);
        long started = batch.getProperty(BatchStrategy.BATCH_STARTED, Long.class);

        Exchange later = new DefaultExchange(context);
        later.getMessage().setBody("b");
        strategy.aggregate(batch, later);
        // the incoming exchange carries the batch's start, not its own arrival: no restart per record
        assertEquals(started, later.getProperty(BatchStrategy.BATCH_STARTED, Long.class));
        assertEquals(List.of("a", "b"), batch.getMessage().getBody(Batch.class).records());

        later.setProperty(BatchStrategy.BATCH_STARTED, System.nanoTime() - 400_000_000L);
        long left = strategy.remainingMillis(later);
        assertTrue(left > 0 && left <= 600, "about 600 ms left: " + left);
        later.setProperty(BatchStrategy.BATCH_STARTED, System.nanoTime() - 5_000_000_000L);
        assertEquals(1, strategy.remainingMillis(later), "overdue: complete at the next check");
        strategy.setTimeout(0);
        assertEquals(0, strategy.remainingMillis(later), "0: no deadline");
        assertThrows(IllegalArgumentException.class, () -> strategy.setTimeout(-1));
    }

    @Test
    void anAckFiresOnceWhenItsLastHolderReleases() {
        List<String> fired = new ArrayList<>();
        RecordAck ack = new RecordAck(() -> fired.add("done"));
        ack.retain(2);
        ack.release();
        ack.release();
        assertEquals(List.of(), fired);
        ack.release();
        assertEquals(List.of("done"), fired);
        assertTrue(ack.isDone());
        assertThrows(IllegalStateException.class, ack::release);
        assertThrows(IllegalStateException.class, () -> ack.retain(1));
    }

    @Test
    void sinksSendByNameAndRefuseUnknownNames() throws Exception {
        Sinks sinks = new Sinks();
        sinks.setCamelContext(context);
        sinks.setUris(Map.of("results", "mock:results"));
        getMockEndpoint("mock:results").expectedBodiesReceived("r1");
        sinks.send("results", "r1");
        getMockEndpoint("mock:results").assertIsSatisfied();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sinks.send("nope", "x"));
        assertEquals("no sink 'nope'; the sinks are [results]", e.getMessage());
        sinks.stop();
    }

    @Test
    void aFailingSinkThrowsWithTheEndpointsOwnReason() throws Exception {
        context.addRoutes(new org.apache.camel.builder.RouteBuilder() {
            @Override
            public void configure() {
                from("direct:broken").throwException(new java.io.IOException("disk full"));
            }
        });
        Sinks sinks = new Sinks();
        sinks.setCamelContext(context);
        sinks.setUris(Map.of("archive", "direct:broken"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> sinks.send("archive", "x"));
        assertEquals("sink 'archive' failed: disk full", e.getMessage());
        assertTrue(e.getCause() instanceof java.io.IOException);
        sinks.stop();
    }
}
