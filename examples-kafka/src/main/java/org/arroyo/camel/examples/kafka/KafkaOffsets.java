package org.arroyo.camel.examples.kafka;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.arroyo.camel.agent.Ack;
import org.arroyo.camel.agent.Acks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At-least-once for a Kafka consumer feeding a chain of agents: the first step of the consuming route. It gives
 * each record an {@link Ack} that fires when everything derived from the record has been handled, i.e. sent to the
 * sinks (or deliberately dropped, or written to the dead letter topic) by the chain's {@code Acknowledge} steps; only
 * then is the record's offset committed, and only once every earlier record of its partition is done too.
 * <p>
 * Why this shape: an agent that batches holds records in Camel's aggregator after their exchanges have completed, so
 * neither camel-kafka's auto commit nor a commit at the end of the consuming exchange would be safe; a batch
 * completed by its deadline runs on the aggregator's timer thread, and a batch's results may fan out and be batched
 * again further down. Acks travel with the messages (in the {@code ArroyoAcks} property, merged into batches,
 * retained on fan-out), and commits go through camel-kafka's manual commit in its asynchronous form, which queues
 * the commit for the consumer's own thread (the Kafka consumer is single-threaded). The endpoint needs
 * {@code allowManualCommit=true&autoCommitEnable=false&kafkaManualCommitFactory=#class:...DefaultKafkaManualAsyncCommitFactory}.
 * <p>
 * A record that fails without being handled (its dead-lettering failed too) is never acknowledged: commits of its
 * partition stop there and a restart delivers it, and what follows it, again. A crash loses nothing either: records
 * that were in a batch, or in flight, when the worker died were not committed and are delivered again.
 */
public class KafkaOffsets implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaOffsets.class);

    private final Map<String, PartitionOffsets<KafkaManualCommit>> partitions = new HashMap<>();

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        KafkaManualCommit commit = in.getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
        if (commit == null) {
            throw new IllegalStateException("KafkaOffsets needs a kafka consumer with allowManualCommit=true and "
                                            + "autoCommitEnable=false (no " + KafkaConstants.MANUAL_COMMIT + " header)");
        }
        String partition = in.getHeader(KafkaConstants.TOPIC, String.class) + "-"
                           + in.getHeader(KafkaConstants.PARTITION, Integer.class);
        long offset = in.getHeader(KafkaConstants.OFFSET, Long.class);
        PartitionOffsets<KafkaManualCommit> tracker = track(partition, offset, commit);
        Acks.add(exchange, List.of(new Ack(() -> done(tracker, partition, offset))));
    }

    private synchronized PartitionOffsets<KafkaManualCommit> track(String partition, long offset,
                                                                   KafkaManualCommit commit) {
        PartitionOffsets<KafkaManualCommit> tracker = partitions.computeIfAbsent(partition, p -> new PartitionOffsets<>());
        if (!tracker.register(offset, commit)) {
            LOG.info("{} delivered again from offset {} (rebalance or reconnect): tracking it afresh", partition, offset);
            tracker = new PartitionOffsets<>();
            tracker.register(offset, commit);
            partitions.put(partition, tracker);
        }
        return tracker;
    }

    private static void done(PartitionOffsets<KafkaManualCommit> tracker, String partition, long offset) {
        // under the tracker's lock so that commits are queued in offset order
        synchronized (tracker) {
            Map.Entry<Long, KafkaManualCommit> upTo = tracker.complete(offset);
            if (upTo != null) {
                LOG.debug("{}: committing through offset {}", partition, upTo.getKey());
                upTo.getValue().commit();
            }
        }
    }
}
