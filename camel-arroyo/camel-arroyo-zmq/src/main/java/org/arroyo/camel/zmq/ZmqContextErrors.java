package org.arroyo.camel.zmq;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZContext;

/**
 * Sends what goes wrong in the I/O threads of a ZeroMQ context to the log, naming the component that owns it. Without
 * these handlers JeroMQ prints the error to stderr (a notification) or leaves it to the JVM's default handler.
 */
final class ZmqContextErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ZmqContextErrors.class);

    private ZmqContextErrors() {
    }

    /**
     * Installs both handlers. Call before the context's first socket: JeroMQ refuses them on a started context.
     *
     * @param component the name the component is registered under, e.g. arroyo-zmq
     * @param camelContext the name of its CamelContext
     */
    static void install(ZContext context, String component, String camelContext) {
        // an error JeroMQ caught and carried on after, e.g. a channel closed under the poller or a rebuilt selector
        context.setNotificationExceptionHandler((thread, e) -> LOG.warn(
                "ZeroMQ I/O thread {} of component {} in CamelContext {} hit an error and carries on: {}",
                name(thread), component, camelContext, e.toString(), e));
        context.setUncaughtExceptionHandler((thread, e) -> LOG.error(
                "ZeroMQ I/O thread {} of component {} in CamelContext {} ended by an error: its sockets may stop "
                + "moving messages until the component restarts", name(thread), component, camelContext, e));
    }

    private static String name(Thread thread) {
        return thread != null ? thread.getName() : "(unknown)";
    }
}
