package org.arroyo.camel.view;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.test.FreePorts;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Servers and threads live while a view's route runs, and are gone when it stops; a restarted route serves again. */
class ViewLifecycleTest {

    @Test
    void stoppingTheRouteClosesThePortsAndARestartServesAgain() throws Exception {
        int pagePort = FreePorts.next();
        int sasPort = FreePorts.next();
        CamelContext camel = new DefaultCamelContext();
        ArroyoViewComponent component = new ArroyoViewComponent();
        component.setServerPort(pagePort);
        camel.addComponent("arroyo-view", component);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:a").routeId("views").to("arroyo-view:page").to("arroyo-view:sas?protocol=arroyosas&port=" + sasPort);
            }
        });
        camel.start();
        try {
            try (WsClient page = WsClient.connect("ws://127.0.0.1:" + pagePort + "/arroyo/view/ws")) {
                assertEquals("hello", page.next().json().get("type"));
                await().atMost(Duration.ofSeconds(5)).until(() -> component.hub().clientCount() == 1);
                camel.getRouteController().stopRoute("views");
                await().atMost(Duration.ofSeconds(5)).until(() -> page.closeCodes.size() == 1);
            }
            assertNull(component.getViewUrl());
            assertRefused(pagePort);
            assertRefused(sasPort);
            await().atMost(Duration.ofSeconds(10)).until(() -> threads("ArroyoViewUpdates").isEmpty());

            camel.getRouteController().startRoute("views");
            assertEquals("http://127.0.0.1:" + pagePort + "/arroyo/view/", component.getViewUrl());
            try (WsClient again = WsClient.connect("ws://127.0.0.1:" + sasPort + "/viz")) {
                await().atMost(Duration.ofSeconds(5)).until(() -> camel.getEndpoint(
                        "arroyo-view:sas?protocol=arroyosas&port=" + sasPort, ArroyoViewEndpoint.class)
                        .feed().clientCount() == 1);
            }
        } finally {
            camel.stop();
        }
        assertRefused(pagePort);
        await().atMost(Duration.ofSeconds(10)).until(() -> threads("vert.x-eventloop").isEmpty()
                                                           && threads("ArroyoViewUpdates").isEmpty());
    }

    private static void assertRefused(int port) {
        assertThrows(IOException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close(),
                "port " + port + " still open");
    }

    private static List<String> threads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).filter(n -> n.contains(prefix))
                .toList();
    }
}
