package org.arroyo.camel.agent.kafka;

import java.util.Map;

import org.apache.camel.component.kafka.consumer.errorhandler.KafkaConsumerListener;
import org.apache.camel.component.kafka.consumer.support.ProcessingResult;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits what {@link KafkaOffsets} found committable, on the Kafka consumer's own thread (the consumer is not
 * thread-safe): camel-kafka calls {@link #afterConsume} after every poll, records or not, so commits go out at least
 * every {@code pollTimeoutMs}, all partitions in one asynchronous request.
 */
final class OffsetCommitter extends KafkaConsumerListener {

    private static final Logger LOG = LoggerFactory.getLogger(OffsetCommitter.class);

    private final KafkaOffsets offsets;

    OffsetCommitter(KafkaOffsets offsets) {
        this.offsets = offsets;
    }

    @Override
    public boolean afterConsume(Object polling) {
        Consumer<?, ?> consumer = (Consumer<?, ?>) polling;
        Map<TopicPartition, OffsetAndMetadata> commit = offsets.drain(consumer.assignment());
        if (!commit.isEmpty()) {
            LOG.debug("committing {}", commit);
            consumer.commitAsync(commit, (done, failure) -> {
                if (failure != null) {
                    // not lost: those records are delivered again to whoever owns the partition next
                    LOG.warn("commit of {} failed, its records will be delivered again: {}", commit, failure.toString());
                }
            });
        }
        return true;
    }

    @Override
    public boolean afterProcess(ProcessingResult result) {
        // failures are the route's error handler's business (retry, dead letter): never pause or seek here
        return true;
    }
}
