package org.arroyo.camel.view;

import java.util.concurrent.ExecutionException;

import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the page is served: on Camel's platform-http server when the application runs one (camel-platform-http-main
 * with {@code camel.server.enabled=true}, on {@code camel.server.port}), below its path; else on a server of the
 * view's own.
 */
final class PageServer {

    private static final Logger LOG = LoggerFactory.getLogger(PageServer.class);

    private final CamelContext context;
    private final ViewHub hub;
    private final VertxRuntime vertx;
    private final ServerMode mode;
    private final String host;
    private final int port;
    private final String contextPath;

    private HttpServer own;
    private PageRoutes routes;
    private String url;
    private boolean onPlatformHttp;

    PageServer(CamelContext context, ViewHub hub, VertxRuntime vertx, ServerMode mode, String host, int port,
               String contextPath) {
        this.context = context;
        this.hub = hub;
        this.vertx = vertx;
        this.mode = mode;
        this.host = host;
        this.port = port;
        this.contextPath = contextPath;
    }

    void start() throws Exception {
        routes = new PageRoutes(hub, new PageResources(), contextPath);
        VertxPlatformHttpRouter platform = mode == ServerMode.OWN ? null : platformRouter();
        if (platform != null) {
            routes.mount(platform);
            onPlatformHttp = true;
            String path = platform.getServer().getPath();
            String prefix = path == null || path.equals("/") ? "" : path.replaceAll("/+$", "");
            url = "http://" + displayHost(platform.getServer().getHost()) + ":" + platform.getServer().getPort() + prefix
                  + contextPath + "/";
            LOG.debug("arroyo-view: the view page is mounted on Camel's platform-http server at {}", url);
            return;
        }
        if (mode == ServerMode.PLATFORM_HTTP) {
            throw new IllegalStateException("arroyo-view: serverMode=platform-http but no platform-http server runs on "
                                            + "port " + platformPort() + " (add camel-platform-http-main and set "
                                            + "camel.server.enabled=true, or use serverMode=auto or own)");
        }
        Router router = Router.router(vertx.get());
        router.get("/").handler(ctx -> ctx.redirect(contextPath + "/"));
        routes.mount(router);
        try {
            own = VertxRuntime.await(vertx.get().createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
                    .requestHandler(router).listen());
        } catch (ExecutionException e) {
            routes = null;
            throw new IllegalStateException("arroyo-view: cannot serve the view page on " + host + ":" + port + ": "
                                            + e.getCause().getMessage() + " (set camel.component.arroyo-view.serverPort,"
                                            + " 0 for any free port)", e.getCause());
        }
        url = "http://" + displayHost(host) + ":" + own.actualPort() + contextPath + "/";
        LOG.debug("arroyo-view: the view page is served at {}", url);
    }

    void stop() throws Exception {
        if (routes != null) {
            routes.unmount();
            routes = null;
        }
        for (ViewClient c : hub.clients()) {
            c.close();
        }
        if (own != null) {
            HttpServer closing = own;
            own = null;
            VertxRuntime.await(closing.close());
        }
        onPlatformHttp = false;
    }

    /** The page's address, once started. */
    String url() {
        return url;
    }

    boolean isOnPlatformHttp() {
        return onPlatformHttp;
    }

    boolean isListening() {
        return onPlatformHttp || own != null;
    }

    private VertxPlatformHttpRouter platformRouter() {
        return VertxPlatformHttpRouter.lookup(context, VertxPlatformHttpRouter.getRouterNameFromPort(platformPort()));
    }

    private int platformPort() {
        return Integer.parseInt(context.resolvePropertyPlaceholders("{{camel.server.port:8080}}").trim());
    }

    private static String displayHost(String host) {
        return host == null || host.isEmpty() || host.equals("0.0.0.0") ? "localhost" : host;
    }
}
