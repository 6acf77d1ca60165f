package org.arroyo.camel.view;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.test.FreePorts;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * In an application that runs Camel's platform-http server (camel-platform-http-main, camel.server.enabled=true),
 * the page mounts there below its context path, beside the application's own platform-http routes.
 */
class PlatformHttpMountTest {

    @Test
    void thePageAndItsWebSocketLiveOnCamelsHttpServer() throws Exception {
        int port = FreePorts.next();
        Main main = new Main();
        main.addInitialProperty("camel.server.enabled", "true");
        main.addInitialProperty("camel.server.port", String.valueOf(port));
        main.addInitialProperty("camel.server.host", "127.0.0.1");
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("platform-http:/hello").setBody(constant("hello from the application"));
                from("direct:frames").to("arroyo-view:mounted");
            }
        });
        main.start();
        try {
            ArroyoViewComponent component = main.getCamelContext().getComponent("arroyo-view", ArroyoViewComponent.class);
            String url = component.getViewUrl();
            assertEquals("http://127.0.0.1:" + port + "/arroyo/view/", url);
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("arroyo live view"));
            HttpResponse<String> hello = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                                                                     + "/hello")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("hello from the application", hello.body());

            try (WsClient ws = WsClient.connect("ws://127.0.0.1:" + port + "/arroyo/view/ws")) {
                assertEquals("hello", ws.next().json().get("type"));
                main.getCamelContext().createProducerTemplate().sendBody("direct:frames",
                        Start.of(Map.of("run_name", "mounted-run")));
                main.getCamelContext().createProducerTemplate().sendBody("direct:frames",
                        Frames.result(3, Frames.uint32(8, 8, -1), Frames.curve(8, 2)));
                WsClient.Message m;
                do {
                    m = ws.next();
                } while (m.isText());
                assertEquals("mounted", m.frameHeader().get("view"));
            }
        } finally {
            main.stop();
        }
    }
}
