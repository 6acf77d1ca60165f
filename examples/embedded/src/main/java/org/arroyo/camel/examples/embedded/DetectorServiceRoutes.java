package org.arroyo.camel.examples.embedded;

import org.apache.camel.builder.RouteBuilder;

/**
 * Reads the reduced runs back from the Redis stream in the consumer group {@code arroyo.group} into
 * {@link DetectorStats}, and serves what it holds: as JSON at {@code GET /detector} on camel-main's HTTP server
 * (platform-http, {@code camel.server.port}), and as one status line per request line over TCP (camel-netty,
 * {@code arroyo.status.host}:{@code arroyo.status.port}).
 */
public class DetectorServiceRoutes extends RouteBuilder {

    private final DetectorStats stats;

    public DetectorServiceRoutes(DetectorStats stats) {
        this.stats = stats;
    }

    @Override
    public void configure() {
        // startId=0: a new group reads the stream from its first entry, so nothing written before it existed is missed
        from("arroyo-redis:{{arroyo.stream}}?mode=stream&group={{arroyo.group}}&codec=msgpack&startId=0")
                .routeId("detector-results")
                .bean(stats, "record");

        from("platform-http:/detector?httpMethodRestrict=GET")
                .routeId("detector-http")
                .setBody(method(stats, "snapshot"))
                .marshal().json();

        from("netty:tcp://{{arroyo.status.host}}:{{arroyo.status.port}}?textline=true&sync=true")
                .routeId("detector-status")
                .bean(stats, "answer");
    }
}
