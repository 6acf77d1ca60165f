package org.arroyo.camel.view;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * The options of an {@code arroyo-view} endpoint. The component holds one as defaults
 * ({@code camel.component.arroyo-view.configuration.*}) and gives each endpoint a copy.
 */
@UriParams
public class ArroyoViewConfiguration implements Cloneable {

    static final String VIEW = "view";
    static final String ARROYOSAS = "arroyosas";

    @UriParam(label = "producer", defaultValue = VIEW, enums = VIEW + "," + ARROYOSAS)
    private String protocol = VIEW;
    @UriParam(label = "producer", defaultValue = "1024")
    private int maxImageSize = 1024;
    @UriParam(label = "producer", defaultValue = "5")
    private int curveHistory = 5;
    @UriParam(label = "producer", defaultValue = "127.0.0.1")
    private String host = "127.0.0.1";
    @UriParam(label = "producer", defaultValue = "8001")
    private int port = 8001;

    public String getProtocol() {
        return protocol;
    }

    /**
     * What the endpoint serves: view (the live view page of the component's server, with every other view) or
     * arroyosas (arroyosas's viewer WebSocket ws://host:port/viz, as its OneDWSPublisher serves it, for arroyosas's
     * own viewer). Default view.
     */
    public void setProtocol(String protocol) {
        this.protocol = protocol;
    }

    public int getMaxImageSize() {
        return maxImageSize;
    }

    /**
     * The largest side, in pixels, of an image sent to a page: frames are binned on the server to what the page shows
     * (its own size, never more than this). Default 1024.
     */
    public void setMaxImageSize(int maxImageSize) {
        this.maxImageSize = maxImageSize;
    }

    public int getCurveHistory() {
        return curveHistory;
    }

    /** How many earlier curves the page draws faded behind the latest one. Default 5. */
    public void setCurveHistory(int curveHistory) {
        this.curveHistory = curveHistory;
    }

    public String getHost() {
        return host;
    }

    /**
     * With protocol=arroyosas: the address the viewer WebSocket binds; 0.0.0.0 for every interface. Default 127.0.0.1
     * (loopback only).
     */
    public void setHost(String host) {
        this.host = host;
    }

    public int getPort() {
        return port;
    }

    /** With protocol=arroyosas: the port of the viewer WebSocket, 0 for any free port. Default 8001, arroyosas's. */
    public void setPort(int port) {
        this.port = port;
    }

    boolean isArroyosas() {
        return ARROYOSAS.equalsIgnoreCase(protocol);
    }

    /** Fails with the option's name and the accepted values. */
    void validate() {
        if (!VIEW.equalsIgnoreCase(protocol) && !isArroyosas()) {
            throw new IllegalArgumentException("protocol '" + protocol + "': expected " + VIEW + " or " + ARROYOSAS);
        }
        if (maxImageSize < 16) {
            throw new IllegalArgumentException("maxImageSize must be at least 16 pixels, got " + maxImageSize);
        }
        if (curveHistory < 0 || curveHistory > 100) {
            throw new IllegalArgumentException("curveHistory must be between 0 and 100, got " + curveHistory);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
    }

    public ArroyoViewConfiguration copy() {
        try {
            return (ArroyoViewConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }
}
