package org.arroyo.camel.view;

import java.net.InetAddress;
import java.net.ServerSocket;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Options from the URI and the component, and a clear error for each wrong one. */
class ArroyoViewEndpointTest {

    private final CamelContext camel = new DefaultCamelContext();

    @AfterEach
    void stop() {
        camel.stop();
    }

    private String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    private Exception failingRoute(String from, String to) {
        return assertThrows(Exception.class, () -> {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(from).to(to);
                }
            });
            camel.start();
        });
    }

    @Test
    void optionsComeFromTheUriOverTheComponentsDefaults() {
        ArroyoViewComponent component = new ArroyoViewComponent();
        component.getConfiguration().setCurveHistory(9);
        camel.addComponent("arroyo-view", component);
        ArroyoViewEndpoint e = camel.getEndpoint(
                "arroyo-view:sas.results?protocol=arroyosas&port=0&host=0.0.0.0&maxImageSize=256",
                ArroyoViewEndpoint.class);
        assertEquals("sas.results", e.getName());
        assertEquals("arroyosas", e.getConfiguration().getProtocol());
        assertEquals(0, e.getConfiguration().getPort());
        assertEquals("0.0.0.0", e.getConfiguration().getHost());
        assertEquals(256, e.getConfiguration().getMaxImageSize());
        assertEquals(9, e.getConfiguration().getCurveHistory(), "the component's default");
        assertEquals("ws", e.getServiceProtocol());
        assertNull(e.getUrl(), "no address before a producer runs");
        ArroyoViewEndpoint other = camel.getEndpoint("arroyo-view:other", ArroyoViewEndpoint.class);
        assertEquals("view", other.getConfiguration().getProtocol());
        assertEquals(8001, other.getConfiguration().getPort());
        assertEquals(1024, other.getConfiguration().getMaxImageSize());
    }

    @Test
    void aWrongProtocolNamesTheAcceptedOnes() {
        Exception e = failingRoute("direct:a", "arroyo-view:v?protocol=websocket");
        assertEquals("protocol 'websocket': expected view or arroyosas", rootMessage(e));
    }

    @Test
    void aNameThatCannotBeShownIsRefused() {
        Exception e = failingRoute("direct:a", "arroyo-view:a$b");
        assertTrue(rootMessage(e).startsWith("arroyo-view needs a name of letters, digits"), rootMessage(e));
    }

    @Test
    void theViewIsASinkOnly() {
        Exception e = failingRoute("arroyo-view:nothing", "log:x");
        assertEquals("arroyo-view is a sink: use it in to(...) or wireTap(...), not from(...)", rootMessage(e));
    }

    @Test
    void aWrongServerModeOrRateFailsTheComponentAsItIsAdded() {
        ArroyoViewComponent mode = new ArroyoViewComponent();
        mode.setServerMode("cloud");
        Exception e = assertThrows(Exception.class, () -> camel.addComponent("arroyo-view", mode));
        assertEquals("serverMode 'cloud': expected one of auto,platform-http,own", rootMessage(e));
        ArroyoViewComponent rate = new ArroyoViewComponent();
        rate.setUpdateRate(0);
        e = assertThrows(Exception.class, () -> camel.addComponent("arroyo-view2", rate));
        assertEquals("updateRate must be between 1 and 100 updates per second, got 0", rootMessage(e));
    }

    @Test
    void platformHttpModeWithoutThatServerSaysWhatToAdd() {
        ArroyoViewComponent component = new ArroyoViewComponent();
        component.setServerMode("platform-http");
        camel.addComponent("arroyo-view", component);
        Exception e = failingRoute("direct:a", "arroyo-view:v");
        assertTrue(rootMessage(e).startsWith("arroyo-view: serverMode=platform-http but no platform-http server runs "
                                             + "on port 8080 (add camel-platform-http-main"), rootMessage(e));
    }

    @Test
    void aTakenPortIsNamedWithTheOptionToChange() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ArroyoViewComponent component = new ArroyoViewComponent();
            component.setServerPort(taken.getLocalPort());
            camel.addComponent("arroyo-view", component);
            Exception e = failingRoute("direct:a", "arroyo-view:v");
            String message = e.getMessage() + " / " + rootMessage(e);
            assertTrue(message.contains("cannot serve the view page on 127.0.0.1:" + taken.getLocalPort())
                       && message.contains("camel.component.arroyo-view.serverPort"), message);
        }
    }
}
