package org.arroyo.camel.zmq;

import java.io.IOException;
import java.lang.Thread.UncaughtExceptionHandler;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.arroyo.camel.test.CapturedLog;
import org.arroyo.camel.test.JeromqThreads;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Errors in the I/O threads of the component's ZeroMQ context reach the application's log, naming the component. */
class ZmqContextErrorsTest {

    @Test
    void aContextThatCannotCloseDoesNotHangTheStop() throws Exception {
        try (CapturedLog log = CapturedLog.of("org.arroyo.camel.zmq")) {
            ZContext zContext = new ZContext(1);
            // a socket ZContext does not know of, never closed: its close() would wait for it forever, as it waits
            // for the sockets of an I/O thread that died
            ZMQ.Socket unknown = zContext.getContext().socket(SocketType.PULL);
            unknown.bind("tcp://127.0.0.1:*");
            long start = System.nanoTime();
            ArroyoZmqComponent.closeWithin(zContext, 500);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis >= 500 && millis < 5_000, "returned after the wait: " + millis + " ms");
            assertTrue(log.events().stream().anyMatch(e -> e.getLevel() == Level.WARN
                                                           && e.getMessage().getFormattedMessage()
                                                                   .contains("did not close within 500 ms")),
                    "said so: " + log.events());
            // the close still under way finishes once the socket is closed: no threads left for later tests
            unknown.close();
            await().atMost(10, TimeUnit.SECONDS).until(() -> JeromqThreads.alive().isEmpty());
        }
    }

    @Test
    void anIoThreadErrorIsLoggedWithTheComponentsName() throws Exception {
        try (CamelContext camel = new DefaultCamelContext();
             CapturedLog log = CapturedLog.of("org.arroyo.camel.zmq")) {
            camel.getCamelContextExtension().setName("lab");
            ArroyoZmqComponent component = new ArroyoZmqComponent();
            camel.addComponent("detector-zmq", component);
            camel.start();
            ZContext zContext = component.context();
            Thread ioThread = new Thread(() -> { }, "iothread-2");

            // what JeroMQ's poller does when a channel or its selector fails under it
            zContext.getNotificationExceptionHandler().uncaughtException(ioThread, new ClosedChannelException());
            assertEquals(1, log.events().size(), "logged, not printed to stderr: " + log.events());
            assertLogged(log.events().get(0), Level.WARN, ClosedChannelException.class);

            // an exception that ends an I/O thread
            UncaughtExceptionHandler uncaught = zContext.getUncaughtExceptionHandler();
            assertNotNull(uncaught, "an uncaught exception handler on the component's context");
            uncaught.uncaughtException(ioThread, new IOException("selector died"));
            List<LogEvent> events = log.events();
            assertEquals(2, events.size(), events.toString());
            assertLogged(events.get(1), Level.ERROR, IOException.class);
        }
    }

    @Test
    void aContextTheApplicationGaveKeepsItsOwnHandlers() throws Exception {
        UncaughtExceptionHandler notifications = (t, e) -> { };
        UncaughtExceptionHandler uncaught = (t, e) -> { };
        try (ZContext given = new ZContext(1); CamelContext camel = new DefaultCamelContext()) {
            given.setNotificationExceptionHandler(notifications);
            given.setUncaughtExceptionHandler(uncaught);
            ArroyoZmqComponent component = new ArroyoZmqComponent();
            component.setZContext(given);
            camel.addComponent("arroyo-zmq", component);
            camel.start();
            assertSame(given, component.context());
            assertSame(notifications, given.getNotificationExceptionHandler());
            assertSame(uncaught, given.getUncaughtExceptionHandler());
        }
    }

    private static void assertLogged(LogEvent event, Level level, Class<? extends Throwable> thrown) {
        String message = event.getMessage().getFormattedMessage();
        assertEquals(level, event.getLevel(), message);
        assertTrue(message.contains("detector-zmq") && message.contains("lab") && message.contains("iothread-2"),
                message);
        assertTrue(thrown.isInstance(event.getThrown()), String.valueOf(event.getThrown()));
    }
}
