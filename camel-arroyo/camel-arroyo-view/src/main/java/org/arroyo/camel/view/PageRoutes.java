package org.arroyo.camel.view;

import java.util.Map;
import java.util.regex.Pattern;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The page's HTTP routes below a base path, on any Vert.x router (the view's own server, or Camel's platform-http
 * server): {@code BASE/} the page, {@code BASE/view.js} and {@code BASE/view.css} its files, {@code BASE/views} the
 * views' state as JSON, {@code BASE/ws} the WebSocket the page listens on.
 */
final class PageRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(PageRoutes.class);

    private final ViewHub hub;
    private final PageResources resources;
    private final String base;
    private Route route;

    PageRoutes(ViewHub hub, PageResources resources, String base) {
        this.hub = hub;
        this.resources = resources;
        this.base = base;
    }

    void mount(Router router) {
        route = router.routeWithRegex(HttpMethod.GET, Pattern.quote(base) + "(/.*)?").handler(this::handle);
    }

    void unmount() {
        if (route != null) {
            route.remove();
            route = null;
        }
    }

    private void handle(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        String mount = ctx.mountPoint() == null ? "" : ctx.mountPoint().replaceAll("/+$", "");
        String below = path.startsWith(mount) ? path.substring(mount.length()) : path;
        if (!below.startsWith(base)) {
            ctx.next();
            return;
        }
        String rest = below.substring(base.length());
        if (rest.isEmpty()) {
            // the page's links are relative to BASE/
            ctx.redirect(path + "/");
        } else if (rest.equals("/ws")) {
            upgrade(ctx);
        } else if (rest.equals("/views")) {
            ctx.response().putHeader("content-type", "application/json")
                    .end(ViewMessages.state(hub.states(), Map.of(), Map.of()));
        } else {
            PageResources.Resource r = resources.get(rest);
            if (r == null) {
                ctx.next();
                return;
            }
            ctx.response().putHeader("content-type", r.contentType()).putHeader("cache-control", "no-cache")
                    .end(r.content());
        }
    }

    private void upgrade(RoutingContext ctx) {
        ctx.request().toWebSocket().onSuccess(ws -> {
            ViewClient client = new ViewClient(ws);
            ws.textMessageHandler(text -> onText(client, text));
            ws.closeHandler(v -> hub.remove(client));
            ws.exceptionHandler(e -> {
                LOG.debug("arroyo-view: page connection failed: {}", e.toString());
                hub.remove(client);
            });
            hub.add(client);
            LOG.debug("arroyo-view: page connected from {}", ws.remoteAddress());
        }).onFailure(e -> {
            if (!ctx.response().ended()) {
                ctx.response().setStatusCode(400).end("the view's WebSocket: " + e.getMessage());
            }
        });
    }

    /** The page says how large its widest image is on screen: {@code {"maxSize": 640}}; anything else is ignored. */
    private static void onText(ViewClient client, String text) {
        JsonObject message = Jsoner.deserialize(text, new JsonObject());
        if (message.get("maxSize") instanceof Number n) {
            client.requestMaxSize(n.intValue());
        } else {
            LOG.debug("arroyo-view: ignoring a page message that is not {\"maxSize\": N}: {}", text);
        }
    }
}
