package org.arroyo.camel.pva;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;
import org.epics.pva.client.PVAClient;
import org.epics.pva.server.PVAServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code arroyo-pva} component: EPICS pvAccess monitors as Arroyo runs, Events served as NTNDArray PVs. It owns
 * the core-pva clients and servers it creates, one per distinct network settings (shared by the endpoints that use
 * them), and closes them when it stops; a client or server the user supplies is used as-is and never closed.
 */
@Component("arroyo-pva")
public class ArroyoPvaComponent extends HealthCheckComponent {

    private static final Logger LOG = LoggerFactory.getLogger(ArroyoPvaComponent.class);

    @Metadata(label = "advanced")
    private ArroyoPvaConfiguration configuration = new ArroyoPvaConfiguration();

    private final Map<PvaNetwork, PVAClient> clients = new LinkedHashMap<>();
    private final Map<PvaNetwork, PVAServer> servers = new LinkedHashMap<>();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException(
                    "arroyo-pva: the PV name is missing; use arroyo-pva:NAME, e.g. arroyo-pva:13SIM1:Pva1:Image");
        }
        ArroyoPvaEndpoint endpoint = new ArroyoPvaEndpoint(uri, this, remaining, configuration.copy());
        setProperties(endpoint, parameters);
        return endpoint;
    }

    public ArroyoPvaConfiguration getConfiguration() {
        return configuration;
    }

    /** The defaults every endpoint of this component starts from (options as on the endpoint). */
    public void setConfiguration(ArroyoPvaConfiguration configuration) {
        this.configuration = configuration;
    }

    /** The client for these settings: the user's, or one this component created (and will close). */
    synchronized PVAClient client(ArroyoPvaConfiguration config) throws Exception {
        if (config.getPvaClient() != null) {
            return config.getPvaClient();
        }
        PvaNetwork key = config.network().clientKey();
        PVAClient client = clients.get(key);
        if (client == null) {
            LOG.debug("Creating pvAccess client ({})", key.describe());
            client = key.create(PVAClient::new);
            clients.put(key, client);
        }
        return client;
    }

    /** The server for these settings: the user's, or one this component created (and will close). */
    synchronized PVAServer server(ArroyoPvaConfiguration config) throws Exception {
        if (config.getPvaServer() != null) {
            return config.getPvaServer();
        }
        PvaNetwork key = config.network().serverKey();
        PVAServer server = servers.get(key);
        if (server == null) {
            LOG.debug("Creating pvAccess server ({})", key.describe());
            server = key.create(PVAServer::new);
            LOG.info("pvAccess server listening on TCP {} ({})", server.getTCPAddress(false), key.describe());
            servers.put(key, server);
        }
        return server;
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        Map<PvaNetwork, PVAClient> ownedClients;
        Map<PvaNetwork, PVAServer> ownedServers;
        synchronized (this) {
            ownedClients = new LinkedHashMap<>(clients);
            ownedServers = new LinkedHashMap<>(servers);
            clients.clear();
            servers.clear();
        }
        ownedClients.values().forEach(PVAClient::close);
        ownedServers.values().forEach(PVAServer::close);
    }
}
