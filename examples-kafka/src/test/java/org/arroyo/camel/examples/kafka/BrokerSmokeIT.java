package org.arroyo.camel.examples.kafka;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BrokerSmokeIT {
    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @Test
    void starts() throws Exception {
        KAFKA.createTopics("smoke");
    }
}
