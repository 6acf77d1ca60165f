package org.arroyo.camel.examples.streampy;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.builder.RouteBuilder;
import org.arroyo.camel.streampy.MessageQueueNode;

/**
 * stream-py message-queue nodes as Camel routes: one camel-netty UDP endpoint per node, each answering with its own
 * {@link MessageQueueNode}. Route ids are the node names.
 */
public class QueueNodeRoutes extends RouteBuilder {

    private final Map<String, String> addresses;
    private final Map<String, MessageQueueNode> nodes = new LinkedHashMap<>();

    /** @param addresses node name to {@code HOST:PORT} */
    public QueueNodeRoutes(Map<String, String> addresses) {
        this.addresses = new LinkedHashMap<>(addresses);
        addresses.keySet().forEach(name -> nodes.put(name, new MessageQueueNode()));
    }

    @Override
    public void configure() {
        addresses.forEach((name, address) ->
                from(MessageQueueNode.nettyUri(address)).routeId(name).process(nodes.get(name)));
    }

    /** The nodes by name, for their metrics. */
    public Map<String, MessageQueueNode> nodes() {
        return nodes;
    }
}
