package org.arroyo.camel.zmq;

import java.util.Set;

import org.zeromq.ZMQ;

/** CURVE options: checked when an endpoint is created, applied to each socket it opens. */
final class ZmqCurve {

    private static final String Z85 = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";

    private ZmqCurve() {
    }

    /** Fails with the option's name when a key is malformed or a needed key is missing. */
    static void validate(ArroyoZmqConfiguration c) {
        check("curvePublicKey", c.getCurvePublicKey());
        check("curveSecretKey", c.getCurveSecretKey());
        check("curveServerKey", c.getCurveServerKey());
        for (String key : c.allowedClientKeySet()) {
            check("curveAllowedClientKeys", key);
        }
        if (c.isCurveServer() && (c.getCurveSecretKey() == null || c.getCurvePublicKey() == null)) {
            throw new IllegalArgumentException("curveServer=true needs curvePublicKey and curveSecretKey "
                                               + "(generate a pair with ZMQ.Curve.generateKeyPair())");
        }
        if (c.isCurveServer() && c.getCurveServerKey() != null) {
            throw new IllegalArgumentException("an endpoint is either a CURVE server (curveServer=true) or a client "
                                               + "(curveServerKey=...), not both");
        }
        if (!c.allowedClientKeySet().isEmpty() && !c.isCurveServer()) {
            throw new IllegalArgumentException("curveAllowedClientKeys applies to a CURVE server: set curveServer=true");
        }
        if ((c.getCurvePublicKey() == null) != (c.getCurveSecretKey() == null)) {
            throw new IllegalArgumentException("curvePublicKey and curveSecretKey go together: set both or neither");
        }
    }

    private static void check(String option, String key) {
        if (key != null && decode(key) == null) {
            // never echo the value: it may be a secret
            throw new IllegalArgumentException(option + " must be a CURVE key: 64 hex digits, or 40 Z85 characters "
                                               + "(got " + key.length() + " characters)");
        }
    }

    /** The 32 key bytes of a hex (URI-safe) or Z85 key, or null when it is neither. */
    static byte[] decode(String key) {
        String k = key.trim();
        if (k.length() == 2 * ZMQ.Curve.KEY_SIZE && k.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
            byte[] bytes = new byte[ZMQ.Curve.KEY_SIZE];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) Integer.parseInt(k.substring(2 * i, 2 * i + 2), 16);
            }
            return bytes;
        }
        if (k.length() == ZMQ.Curve.KEY_SIZE_Z85 && k.chars().allMatch(ch -> Z85.indexOf(ch) >= 0)) {
            return ZMQ.Curve.z85Decode(k);
        }
        return null;
    }

    static void apply(ZMQ.Socket socket, ArroyoZmqConfiguration c, String domain) {
        if (c.isCurveServer()) {
            socket.setZapDomain(domain);
            socket.setCurveServer(true);
            socket.setCurvePublicKey(decode(c.getCurvePublicKey()));
            socket.setCurveSecretKey(decode(c.getCurveSecretKey()));
        } else if (c.getCurveServerKey() != null) {
            String publicKey = c.getCurvePublicKey();
            String secretKey = c.getCurveSecretKey();
            if (publicKey == null) {
                ZMQ.Curve.KeyPair pair = ZMQ.Curve.generateKeyPair();
                publicKey = pair.publicKey;
                secretKey = pair.secretKey;
            }
            socket.setCurveServerKey(decode(c.getCurveServerKey()));
            socket.setCurvePublicKey(decode(publicKey));
            socket.setCurveSecretKey(decode(secretKey));
        }
    }

    static boolean restrictsClients(ArroyoZmqConfiguration c) {
        return c.isCurveServer() && !c.allowedClientKeySet().isEmpty();
    }

    /** The allowed client keys in Z85, the form ZAP requests carry them in. */
    static Set<String> allowed(ArroyoZmqConfiguration c) {
        return c.allowedClientKeySet().stream().map(k -> ZMQ.Curve.z85Encode(decode(k)))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }
}
