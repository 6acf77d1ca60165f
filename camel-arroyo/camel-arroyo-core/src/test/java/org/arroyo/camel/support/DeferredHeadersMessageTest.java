package org.arroyo.camel.support;

import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeferredHeadersMessageTest {

    private CamelContext context;
    private Exchange exchange;
    private DeferredHeadersMessage message;

    @BeforeEach
    void setUp() {
        context = new DefaultCamelContext();
        context.start();
        exchange = new DefaultExchange(context);
        message = new DeferredHeadersMessage(exchange);
        exchange.setIn(message);
    }

    @AfterEach
    void tearDown() {
        context.stop();
    }

    @Test
    void deferredHeadersAreThereWhenRead() {
        message.defer("CamelArroyoMessageType", "event");
        message.defer("CamelArroyoTopic", "det");
        assertTrue(message.hasHeaders());
        assertEquals("event", message.getHeader("camelarroyomessagetype")); // still case-insensitive
        assertEquals(Map.of("CamelArroyoMessageType", "event", "CamelArroyoTopic", "det"), Map.copyOf(message.getHeaders()));
    }

    @Test
    void noHeadersMeansNoMap() {
        assertFalse(message.hasHeaders());
        assertNull(message.getHeader("x"));
    }

    @Test
    void deferAfterTheMapExistsSetsTheHeader() {
        message.defer("a", 1);
        message.setHeader("b", 2);
        message.defer("c", 3);
        assertEquals(Map.of("a", 1, "b", 2, "c", 3), Map.copyOf(message.getHeaders()));
        message.removeHeader("a");
        assertNull(message.getHeader("a"));
    }

    @Test
    void manyHeadersGrowTheArray() {
        for (int i = 0; i < 20; i++) {
            message.defer("h" + i, i);
        }
        assertEquals(20, message.getHeaders().size());
        assertEquals(19, message.getHeader("h19"));
    }

    @Test
    void aCopyCarriesTheDeferredHeaders() {
        message.defer("a", "x");
        message.setBody("body");
        Message copy = message.copy();
        assertEquals("x", copy.getHeader("a"));
        assertEquals("body", copy.getBody());
        Exchange other = exchange.copy();
        assertEquals("x", other.getIn().getHeader("a"));
    }

    @Test
    void resetForgetsThem() {
        message.defer("a", "x");
        message.reset();
        assertFalse(message.hasHeaders());
        assertNull(message.getHeader("a"));
    }
}
