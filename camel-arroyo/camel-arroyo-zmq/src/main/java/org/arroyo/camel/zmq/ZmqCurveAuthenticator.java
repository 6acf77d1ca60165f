package org.arroyo.camel.zmq;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZAuth;
import org.zeromq.ZContext;
import org.zeromq.ZMsg;

/**
 * The ZAP handler of a component's ZeroMQ context: a CURVE server endpoint with {@code curveAllowedClientKeys}
 * accepts only those client public keys while it is started (its address is the ZAP domain); CURVE servers without a
 * list accept any client that knows their public key. NULL and PLAIN connections are left as ZeroMQ's defaults treat
 * them.
 */
final class ZmqCurveAuthenticator implements ZAuth.Auth {

    private static final Logger LOG = LoggerFactory.getLogger(ZmqCurveAuthenticator.class);

    private final Map<String, Set<String>> allowedByDomain = new ConcurrentHashMap<>();
    private final ZAuth zap;

    ZmqCurveAuthenticator(ZContext context) {
        this.zap = new ZAuth(context, "ArroyoZmqZap", Map.of(
                "CURVE", this,
                "NULL", new ZAuth.SimpleNullAuth(),
                "PLAIN", new ZAuth.SimplePlainAuth()));
    }

    /** Restricts the domain to these client keys; returns the list as registered, for {@link #forget}. */
    Set<String> allow(String domain, Set<String> clientKeys) {
        Set<String> registered = Set.copyOf(clientKeys);
        allowedByDomain.put(domain, registered);
        return registered;
    }

    /**
     * Lifts the restriction an endpoint registered, so a later endpoint on the address without a list accepts any
     * client that knows its key. Compared by identity: a list another endpoint registered since stays.
     */
    void forget(String domain, Set<String> registered) {
        allowedByDomain.computeIfPresent(domain, (d, current) -> current == registered ? null : current);
    }

    @Override
    public boolean configure(ZMsg msg, boolean verbose) {
        return true;
    }

    @Override
    public boolean authorize(ZAuth.ZapRequest request, boolean verbose) {
        Set<String> allowed = allowedByDomain.get(request.domain);
        boolean ok = allowed == null || allowed.contains(request.clientKey);
        if (!ok) {
            // the key is public information; naming it tells the operator which client was refused
            LOG.warn("Refused a CURVE client with public key {} from {} on {}", request.clientKey, request.address,
                    request.domain);
        }
        return ok;
    }

    void close() {
        zap.close();
    }
}
