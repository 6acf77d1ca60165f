package org.arroyo.camel.pva;

import java.util.concurrent.Callable;

import org.epics.pva.PVASettings;

/**
 * The network settings of one pvAccess client or server. core-pva reads its settings from JVM-wide static fields
 * ({@link PVASettings}, initialised from system properties and {@code EPICS_PVA_*} environment variables) when a client
 * or server is created, so two endpoints with different settings each get their own client or server, created while
 * these values are in place. A null field keeps the JVM's value (system property, environment, or core-pva's default).
 *
 * @param addressList     EPICS_PVA_ADDR_LIST: where name searches are sent (host[:port] ...)
 * @param autoAddressList EPICS_PVA_AUTO_ADDR_LIST: also broadcast searches on every local IPv4 subnet
 * @param nameServers     EPICS_PVA_NAME_SERVERS: servers asked by TCP instead of UDP searches
 * @param broadcastPort   EPICS_PVA_BROADCAST_PORT (client) and EPICS_PVAS_BROADCAST_PORT (server): the UDP port
 * @param serverPort      EPICS_PVA_SERVER_PORT: the server's TCP port, and the name servers' default port
 * @param interfaces      EPICS_PVAS_INTF_ADDR_LIST: where a server listens for searches
 */
record PvaNetwork(String addressList, Boolean autoAddressList, String nameServers, Integer broadcastPort,
                  Integer serverPort, String interfaces) {

    private static final Object SETTINGS = new Object();

    /** The key of a client: what a client reads of these settings. */
    PvaNetwork clientKey() {
        return new PvaNetwork(addressList, autoAddressList, nameServers, broadcastPort, serverPort, null);
    }

    /** The key of a server: what a server reads of these settings. */
    PvaNetwork serverKey() {
        return new PvaNetwork(null, null, null, broadcastPort, serverPort, interfaces);
    }

    /**
     * Creates a core-pva client or server with these settings in place, then puts the JVM's values back, so that an
     * endpoint without settings of its own is not affected by another's.
     */
    <T> T create(Callable<T> factory) throws Exception {
        synchronized (SETTINGS) {
            String savedAddressList = PVASettings.EPICS_PVA_ADDR_LIST;
            boolean savedAuto = PVASettings.EPICS_PVA_AUTO_ADDR_LIST;
            String savedNameServers = PVASettings.EPICS_PVA_NAME_SERVERS;
            int savedBroadcast = PVASettings.EPICS_PVA_BROADCAST_PORT;
            int savedServerBroadcast = PVASettings.EPICS_PVAS_BROADCAST_PORT;
            int savedServerPort = PVASettings.EPICS_PVA_SERVER_PORT;
            String savedInterfaces = PVASettings.EPICS_PVAS_INTF_ADDR_LIST;
            try {
                if (addressList != null) {
                    PVASettings.EPICS_PVA_ADDR_LIST = addressList;
                }
                if (autoAddressList != null) {
                    PVASettings.EPICS_PVA_AUTO_ADDR_LIST = autoAddressList;
                }
                if (nameServers != null) {
                    PVASettings.EPICS_PVA_NAME_SERVERS = nameServers;
                }
                if (broadcastPort != null) {
                    PVASettings.EPICS_PVA_BROADCAST_PORT = broadcastPort;
                    PVASettings.EPICS_PVAS_BROADCAST_PORT = broadcastPort;
                }
                if (serverPort != null) {
                    PVASettings.EPICS_PVA_SERVER_PORT = serverPort;
                }
                if (interfaces != null) {
                    PVASettings.EPICS_PVAS_INTF_ADDR_LIST = interfaces;
                }
                return factory.call();
            } finally {
                PVASettings.EPICS_PVA_ADDR_LIST = savedAddressList;
                PVASettings.EPICS_PVA_AUTO_ADDR_LIST = savedAuto;
                PVASettings.EPICS_PVA_NAME_SERVERS = savedNameServers;
                PVASettings.EPICS_PVA_BROADCAST_PORT = savedBroadcast;
                PVASettings.EPICS_PVAS_BROADCAST_PORT = savedServerBroadcast;
                PVASettings.EPICS_PVA_SERVER_PORT = savedServerPort;
                PVASettings.EPICS_PVAS_INTF_ADDR_LIST = savedInterfaces;
            }
        }
    }

    /**
     * Makes every pvAccess connection of this JVM able to send a message of {@code bytes}: core-pva sizes each
     * connection's send buffer from EPICS_PVA_SEND_BUFFER_SIZE when the connection opens, and a larger message stalls
     * that subscription. Only ever grows the setting, since other endpoints may need the larger value.
     */
    static void ensureSendBuffer(int bytes) {
        synchronized (SETTINGS) {
            if (PVASettings.EPICS_PVA_SEND_BUFFER_SIZE < bytes) {
                PVASettings.EPICS_PVA_SEND_BUFFER_SIZE = bytes;
            }
        }
    }

    /** The send buffer size in force, bytes. */
    static int sendBufferSize() {
        synchronized (SETTINGS) {
            return PVASettings.EPICS_PVA_SEND_BUFFER_SIZE;
        }
    }

    /** For log lines and service metadata. */
    String describe() {
        StringBuilder sb = new StringBuilder();
        append(sb, "addressList", addressList);
        append(sb, "autoAddressList", autoAddressList);
        append(sb, "nameServers", nameServers);
        append(sb, "broadcastPort", broadcastPort);
        append(sb, "serverPort", serverPort);
        append(sb, "serverInterfaces", interfaces);
        return sb.isEmpty() ? "EPICS_PVA_* defaults" : sb.toString();
    }

    private static void append(StringBuilder sb, String name, Object value) {
        if (value != null) {
            sb.append(sb.isEmpty() ? "" : " ").append(name).append('=').append(value);
        }
    }
}
