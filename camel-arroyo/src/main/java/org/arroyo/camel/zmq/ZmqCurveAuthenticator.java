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
 * accepts only those client public keys (each endpoint is its own ZAP domain); CURVE servers without a list accept
 * any client that knows their public key. NULL and PLAIN connections are left as ZeroMQ's defaults treat them.
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

    void allow(String domain, Set<String> clientKeys) {
        allowedByDomain.put(domain, Set.copyOf(clientKeys));
    }

    void forget(String domain) {
        allowedByDomain.remove(domain);
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
