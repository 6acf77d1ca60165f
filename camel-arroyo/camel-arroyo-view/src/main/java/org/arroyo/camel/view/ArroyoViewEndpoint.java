package org.arroyo.camel.view;

import java.util.Map;
import java.util.regex.Pattern;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.EndpointServiceLocation;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;
import org.arroyo.camel.metrics.ArroyoStats;

/**
 * Show the stream at this point of a route live in a web page: the latest frames and curves, the run and its rates;
 * or serve arroyosas's viewer WebSocket to arroyosas's own viewer.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "arroyo-view", title = "Arroyo Live View", syntax = "arroyo-view:name",
             producerOnly = true, category = { Category.MONITORING })
public class ArroyoViewEndpoint extends DefaultEndpoint implements EndpointServiceLocation {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    @UriPath(label = "producer", description = "The view's name, shown on the page (letters, digits, '.', '_', '-').")
    @Metadata(required = true)
    private String name;
    @UriParam
    private final ArroyoViewConfiguration configuration;

    private final ArroyoStats stats = new ArroyoStats();
    private LiveView view;
    private ArroyosasFeed feed;
    private int users;

    public ArroyoViewEndpoint(String uri, ArroyoViewComponent component, ArroyoViewConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public ArroyoViewComponent getComponent() {
        return (ArroyoViewComponent) super.getComponent();
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("arroyo-view needs a name of letters, digits, '.', '_' or '-' (at most "
                                               + "64), e.g. arroyo-view:detector; got '" + name + "'");
        }
        configuration.validate();
    }

    @Override
    public Producer createProducer() throws Exception {
        return new ArroyoViewProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("arroyo-view is a sink: use it in to(...) or wireTap(...), not from(...)");
    }

    /** A producer starts: the view (or arroyosas feed) and its server run while at least one does. */
    synchronized void acquire() throws Exception {
        if (users == 0) {
            if (configuration.isArroyosas()) {
                ArroyosasFeed f = new ArroyosasFeed(name, configuration.getHost(), configuration.getPort());
                getComponent().acquireFeed(f);
                feed = f;
            } else {
                view = getComponent().hub().view(name, configuration.getMaxImageSize(),
                        configuration.getCurveHistory());
                getComponent().acquirePage();
            }
        }
        users++;
    }

    synchronized void release() throws Exception {
        if (--users == 0) {
            if (feed != null) {
                ArroyosasFeed f = feed;
                feed = null;
                getComponent().releaseFeed(f);
            }
            if (view != null) {
                view = null;
                getComponent().releasePage();
            }
        }
    }

    /** The view messages go to (protocol=view), or null. */
    synchronized LiveView view() {
        return view;
    }

    /** The arroyosas viewer feed (protocol=arroyosas), or null. */
    synchronized ArroyosasFeed feed() {
        return feed;
    }

    ArroyoStats stats() {
        return stats;
    }

    /** Where a browser or arroyosas viewer connects while the endpoint runs, else null. */
    public String getUrl() {
        ArroyosasFeed f = feed();
        return f != null ? f.url() : view() != null ? getComponent().getViewUrl() : null;
    }

    @Override
    public String getServiceUrl() {
        return getUrl();
    }

    @Override
    public String getServiceProtocol() {
        return configuration.isArroyosas() ? "ws" : "http";
    }

    @Override
    public Map<String, String> getServiceMetadata() {
        return Map.of("view", name, "protocol", configuration.getProtocol());
    }

    public String getName() {
        return name;
    }

    /** The view's name, shown on the page. */
    public void setName(String name) {
        this.name = name;
    }

    public ArroyoViewConfiguration getConfiguration() {
        return configuration;
    }
}
