package org.arroyo.camel.agent.kafka;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.Service;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.KafkaConsumer;
import org.apache.camel.component.kafka.KafkaEndpoint;
import org.apache.camel.support.LifecycleStrategySupport;
import org.apache.camel.support.RoutePolicySupport;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.arroyo.camel.agent.RecordAck;
import org.arroyo.camel.agent.ExchangeAcks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At-least-once for a Kafka consumer feeding a chain of agents. As the route's policy it installs an
 * {@link OffsetCommitter} on the route's Kafka consumer; as the route's first step it gives each record an
 * {@link RecordAck} that fires when everything derived from the record has been handled: sent to the sinks, deliberately
 * dropped, or written to the dead letter topic (the chain's {@code ReleaseAcks} steps). Only then, and only once
 * every earlier record of its partition is done too, is the record's offset committed. Use: declare it as a bean,
 * set {@code routePolicy: <bean>} on the consuming route and {@code process: ref: <bean>} as its first step, and end
 * the chain (and the dead letter route) with {@code ReleaseAcks}; see kafka-agents.yaml.
 * <p>
 * Why this shape: an agent that batches keeps records in Camel's aggregator after their exchanges have completed,
 * so neither camel-kafka's auto commit nor a commit at the end of the consuming exchange would be safe; a batch
 * completed by its deadline runs on the aggregator's timer thread; a batch's results may fan out and be batched again
 * further down; sinks answer asynchronously. So acks travel with the messages (the {@code ArroyoAcks} property,
 * merged into batches, retained on fan-out) and commits are collected here and sent by the consumer's own thread
 * after its next poll (camel-kafka's asynchronous manual commit would only send them with the partition's next
 * records, so a quiet partition's last batch would stay uncommitted). The endpoint needs
 * {@code autoCommitEnable=false}.
 * <p>
 * A record that fails without being handled (its dead-lettering failed too) is never acknowledged: commits of its
 * partition stop there and a restart delivers it, and what follows it, again. A crash loses nothing either: records
 * that were in a batch, or in flight, when the worker died were not committed and are delivered again. The price is
 * the usual one of at-least-once: after a crash, a rebalance or a stop, records finished since the last commit are
 * delivered again.
 */
public class KafkaOffsets extends RoutePolicySupport implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaOffsets.class);

    private final Map<TopicPartition, PartitionOffsets> partitions = new HashMap<>();
    private final Map<TopicPartition, Long> committable = new ConcurrentHashMap<>();

    @Override
    public void onInit(Route route) {
        if (!(route.getEndpoint() instanceof KafkaEndpoint)) {
            throw new IllegalStateException("KafkaOffsets is the policy of a route consuming from kafka:, not of "
                                            + route.getRouteId() + " (" + route.getEndpoint() + ")");
        }
        // the consumer does not exist yet; it hands its listener to its polling tasks when it starts
        route.getCamelContext().addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onServiceAdd(CamelContext context, Service service, Route owner) {
                if (owner == route && service instanceof KafkaConsumer consumer) {
                    consumer.setConsumerListener(new OffsetCommitter(KafkaOffsets.this));
                }
            }
        });
    }

    @Override
    public void onStart(Route route) {
        if (!(((KafkaConsumer) route.getConsumer()).getConsumerListener() instanceof OffsetCommitter)) {
            throw new IllegalStateException("KafkaOffsets could not install its committer on " + route.getRouteId()
                                            + ": offsets would never be committed");
        }
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        Long offset = in.getHeader(KafkaConstants.OFFSET, Long.class);
        Integer partition = in.getHeader(KafkaConstants.PARTITION, Integer.class);
        if (offset == null || partition == null) {
            throw new IllegalStateException("KafkaOffsets must be the first step after a kafka: consumer (no "
                                            + KafkaConstants.OFFSET + " header)");
        }
        TopicPartition tp = new TopicPartition(in.getHeader(KafkaConstants.TOPIC, String.class), partition);
        PartitionOffsets tracker = track(tp, offset);
        ExchangeAcks.add(exchange, List.of(new RecordAck(() -> done(tracker, tp, offset))));
    }

    private synchronized PartitionOffsets track(TopicPartition tp, long offset) {
        PartitionOffsets tracker = partitions.computeIfAbsent(tp, p -> new PartitionOffsets());
        if (!tracker.register(offset)) {
            LOG.info("{} delivered again from offset {} (rebalance or reconnect): tracking it afresh", tp, offset);
            tracker = new PartitionOffsets();
            tracker.register(offset);
            partitions.put(tp, tracker);
        }
        return tracker;
    }

    private void done(PartitionOffsets tracker, TopicPartition tp, long offset) {
        long next = tracker.complete(offset);
        if (next > 0) {
            committable.merge(tp, next, Math::max);
        }
    }

    /** Takes the offsets to commit for these (assigned) partitions; others wait for their owner. */
    Map<TopicPartition, OffsetAndMetadata> drain(Set<TopicPartition> assigned) {
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        for (TopicPartition tp : assigned) {
            Long next = committable.remove(tp);
            if (next != null) {
                commit.put(tp, new OffsetAndMetadata(next));
            }
        }
        return commit;
    }
}
