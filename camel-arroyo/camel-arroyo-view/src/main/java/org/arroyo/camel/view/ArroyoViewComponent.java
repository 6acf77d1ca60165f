package org.arroyo.camel.view;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code arroyo-view} component: a live view of the stream at any point of a route, in a web page that lists
 * every view of the Camel context. One page server and one update thread serve all views; the page server starts
 * with the first view's producer and stops with the last.
 */
@Component("arroyo-view")
public class ArroyoViewComponent extends HealthCheckComponent {

    private static final Logger LOG = LoggerFactory.getLogger(ArroyoViewComponent.class);

    @Metadata(label = "advanced")
    private ArroyoViewConfiguration configuration = new ArroyoViewConfiguration();
    @Metadata(label = "producer", defaultValue = "auto", enums = ServerMode.NAMES)
    private String serverMode = "auto";
    @Metadata(label = "producer", defaultValue = "127.0.0.1")
    private String serverHost = "127.0.0.1";
    @Metadata(label = "producer", defaultValue = "9877")
    private int serverPort = 9877;
    @Metadata(label = "producer", defaultValue = "/arroyo/view")
    private String contextPath = "/arroyo/view";
    @Metadata(label = "producer", defaultValue = "15")
    private int updateRate = 15;
    @Metadata(label = "advanced")
    private Vertx vertx;

    private final ViewHub hub = new ViewHub(updateRate);
    private VertxRuntime runtime;
    private ScheduledExecutorService ticker;
    private final Set<ArroyosasFeed> feeds = ConcurrentHashMap.newKeySet();
    private PageServer pageServer;
    private int pageUsers;

    public ArroyoViewComponent() {
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        ArroyoViewEndpoint endpoint = new ArroyoViewEndpoint(uri, this, configuration.copy());
        endpoint.setName(remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        ServerMode.of(serverMode);
        if (updateRate < 1 || updateRate > 100) {
            throw new IllegalArgumentException("updateRate must be between 1 and 100 updates per second, got "
                                               + updateRate);
        }
        if (contextPath == null || !contextPath.startsWith("/") || contextPath.length() < 2 || contextPath.endsWith("/")) {
            throw new IllegalArgumentException("contextPath '" + contextPath
                                               + "': expected a path such as /arroyo/view (a leading /, no trailing /)");
        }
        hub.setUpdateRate(updateRate);
    }

    @Override
    protected void doStop() throws Exception {
        stopTicker();
        if (runtime != null) {
            runtime.close();
            runtime = null;
        }
        super.doStop();
    }

    ViewHub hub() {
        return hub;
    }

    /** A view's producer starts: the page server runs while at least one does. */
    synchronized void acquirePage() throws Exception {
        if (pageServer == null) {
            PageServer server = new PageServer(getCamelContext(), hub, runtime(), ServerMode.of(serverMode), serverHost,
                    serverPort, contextPath);
            server.start();
            pageServer = server;
            LOG.info("arroyo-view: live view at {}", server.url());
        }
        pageUsers++;
        startTicker();
    }

    synchronized void releasePage() throws Exception {
        if (--pageUsers == 0 && pageServer != null) {
            PageServer closing = pageServer;
            pageServer = null;
            closing.stop();
            stopTickerIfIdle();
        }
    }

    synchronized void acquireFeed(ArroyosasFeed feed) throws Exception {
        feed.start(runtime().get());
        feeds.add(feed);
        startTicker();
        LOG.info("arroyo-view: arroyosas viewer WebSocket at {}", feed.url());
    }

    synchronized void releaseFeed(ArroyosasFeed feed) throws Exception {
        feeds.remove(feed);
        feed.stop();
        stopTickerIfIdle();
    }

    /** The address of the live view page while a view runs, else null. */
    public synchronized String getViewUrl() {
        return pageServer == null ? null : pageServer.url();
    }

    synchronized boolean isPageServing() {
        return pageServer != null && pageServer.isListening();
    }

    private VertxRuntime runtime() {
        if (runtime == null) {
            runtime = new VertxRuntime(vertx);
        }
        return runtime;
    }

    private void startTicker() {
        if (ticker == null) {
            ticker = getCamelContext().getExecutorServiceManager().newSingleThreadScheduledExecutor(this,
                    "ArroyoViewUpdates");
            long period = Math.max(1, 1000L / updateRate);
            ticker.scheduleWithFixedDelay(this::tick, period, period, TimeUnit.MILLISECONDS);
        }
    }

    private void stopTickerIfIdle() {
        if (pageServer == null && feeds.isEmpty()) {
            stopTicker();
        }
    }

    private synchronized void stopTicker() {
        if (ticker != null) {
            getCamelContext().getExecutorServiceManager().shutdownGraceful(ticker, 2000);
            ticker = null;
        }
    }

    private void tick() {
        hub.tick();
        for (ArroyosasFeed feed : feeds) {
            try {
                feed.tick();
            } catch (RuntimeException e) {
                LOG.warn("arroyo-view: an arroyosas viewer update failed: {}", e.toString(), e);
            }
        }
    }

    public ArroyoViewConfiguration getConfiguration() {
        return configuration;
    }

    /** Default options for every endpoint of this component; each endpoint gets its own copy. */
    public void setConfiguration(ArroyoViewConfiguration configuration) {
        this.configuration = configuration;
    }

    public String getServerMode() {
        return serverMode;
    }

    /**
     * Where the live view page is served: auto (on Camel's platform-http server when the application runs one, i.e.
     * camel-platform-http-main with camel.server.enabled=true on camel.server.port, else on the view's own server),
     * platform-http (only there; starting fails without it) or own (serverHost:serverPort). Default auto.
     */
    public void setServerMode(String serverMode) {
        this.serverMode = serverMode;
    }

    public String getServerHost() {
        return serverHost;
    }

    /** The address the view's own server binds; 0.0.0.0 for every interface. Default 127.0.0.1 (loopback only). */
    public void setServerHost(String serverHost) {
        this.serverHost = serverHost;
    }

    public int getServerPort() {
        return serverPort;
    }

    /** The port of the view's own server, 0 for any free port (getViewUrl() then tells which). Default 9877. */
    public void setServerPort(int serverPort) {
        this.serverPort = serverPort;
    }

    public String getContextPath() {
        return contextPath;
    }

    /**
     * The path of the page on either server: the page is BASE/, its WebSocket BASE/ws, the views' state as JSON
     * BASE/views. Default /arroyo/view.
     */
    public void setContextPath(String contextPath) {
        this.contextPath = contextPath;
    }

    public int getUpdateRate() {
        return updateRate;
    }

    /**
     * Updates per second sent to each page and arroyosas viewer, at most (1 to 100): the latest frame of each view,
     * rendered once per update; frames in between are not shown, and a page that is slower gets fewer. Default 15.
     */
    public void setUpdateRate(int updateRate) {
        this.updateRate = updateRate;
    }

    public Vertx getVertx() {
        return vertx;
    }

    /**
     * A Vert.x instance to run the servers the component starts (its own page server, arroyosas viewer WebSockets);
     * the component does not close it. Default: a Vert.x of its own with one event loop, closed when the component
     * stops. A page mounted on platform-http runs on that server's Vert.x.
     */
    public void setVertx(Vertx vertx) {
        this.vertx = vertx;
    }
}
