package org.arroyo.camel.zmq;

import java.util.Map;
import java.util.Set;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZContext;

/**
 * The {@code arroyo-zmq} component: Arroyo listeners and publishers over ZeroMQ (JeroMQ). All endpoints of one
 * component share one ZeroMQ context, so {@code inproc://} addresses connect across routes.
 */
@Component("arroyo-zmq")
public class ArroyoZmqComponent extends HealthCheckComponent {

    private static final Logger LOG = LoggerFactory.getLogger(ArroyoZmqComponent.class);
    // beyond the sockets' linger: what closing a context that is not stuck may take
    private static final long CLOSE_MARGIN_MILLIS = 10_000;

    @Metadata(label = "advanced")
    private ArroyoZmqConfiguration configuration = new ArroyoZmqConfiguration();
    @Metadata(label = "advanced", autowired = true)
    private ZContext zContext;
    @Metadata(label = "advanced", defaultValue = "1")
    private int ioThreads = 1;

    private ZContext ownContext;
    private ZmqCurveAuthenticator authenticator;

    public ArroyoZmqComponent() {
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        ArroyoZmqEndpoint endpoint = new ArroyoZmqEndpoint(uri, this, configuration.copy());
        endpoint.setAddress(remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    /** The context sockets are made in: the one given, else one this component creates and closes on stop. */
    synchronized ZContext context() {
        if (zContext != null) {
            return zContext;
        }
        if (ownContext == null || ownContext.isClosed()) {
            ownContext = new ZContext(ioThreads);
            ownContext.setLinger(0);
            ZmqContextErrors.install(ownContext, registeredName(), getCamelContext().getName());
        }
        return ownContext;
    }

    /** The name this component is registered under (an application may add it as, say, lab-zmq). */
    private String registeredName() {
        for (String name : getCamelContext().getComponentNames()) {
            if (getCamelContext().hasComponent(name) == this) {
                return name;
            }
        }
        return getDefaultName();
    }

    /** The context's ZAP handler, started when the first endpoint restricts its CURVE clients. */
    synchronized ZmqCurveAuthenticator authenticator() {
        if (authenticator == null) {
            authenticator = new ZmqCurveAuthenticator(context());
        }
        return authenticator;
    }

    /** Undoes {@link ZmqCurveAuthenticator#allow}; nothing to do when the handler is gone with a stopped component. */
    synchronized void forgetCurveClients(String domain, Set<String> registered) {
        if (authenticator != null) {
            authenticator.forget(domain, registered);
        }
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        ZContext toClose;
        ZmqCurveAuthenticator zap;
        synchronized (this) {
            toClose = ownContext;
            ownContext = null;
            zap = authenticator;
            authenticator = null;
        }
        if (zap != null) {
            zap.close();
        }
        if (toClose != null) {
            // every socket was closed by its own thread before this; close() only ends the I/O threads
            closeWithin(toClose, Math.max(0, configuration.getLinger()) + CLOSE_MARGIN_MILLIS);
        }
    }

    /**
     * ZContext.close() waits until every socket of the context has finished closing: forever when one was never
     * closed or when an I/O thread died (an OutOfMemoryError in it, say). A stop must not hang on that: after the
     * wait the context's threads (daemons) are left to the JVM's exit.
     */
    static void closeWithin(ZContext context, long millis) throws InterruptedException {
        Thread closer = new Thread(context::close, "arroyo-zmq context close");
        closer.setDaemon(true);
        closer.start();
        closer.join(millis);
        if (closer.isAlive()) {
            LOG.warn("The ZeroMQ context did not close within {} ms: a socket is still open or closing, or an I/O "
                     + "thread ended by an error (logged before); its threads are left to the JVM's exit", millis);
        }
    }

    public ArroyoZmqConfiguration getConfiguration() {
        return configuration;
    }

    /** Default options for every endpoint of this component; each endpoint gets its own copy. */
    public void setConfiguration(ArroyoZmqConfiguration configuration) {
        this.configuration = configuration;
    }

    public ZContext getZContext() {
        return zContext;
    }

    /**
     * A ZeroMQ context to share with the rest of the application (for inproc:// to its sockets). The component does
     * not close a context it was given, nor change its exception handlers: JeroMQ keeps them on the context shared by
     * all its shadows, so set them yourself before its first socket. Default: its own context, closed when the
     * component stops, whose I/O thread errors are logged under this component's name.
     */
    public void setZContext(ZContext zContext) {
        this.zContext = zContext;
    }

    public int getIoThreads() {
        return ioThreads;
    }

    /** I/O threads of the context the component creates; one moves about a gigabyte a second. Default 1. */
    public void setIoThreads(int ioThreads) {
        this.ioThreads = ioThreads;
    }
}
