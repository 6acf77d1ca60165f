package org.arroyo.camel.pva;

import org.arroyo.camel.codec.CodecException;

/**
 * An NTNDArray whose dimension[] does not fit its array. Either the IOC sent it so, or the client's copy of the
 * structure missed a dimension change: core-pva's server, when it merges an update into the one still pending for a
 * client, sends only the newer change set, so a dimension[] that changed in the merged-away update never arrives.
 */
final class ShapeMismatchException extends CodecException {

    ShapeMismatchException(String message) {
        super(message);
    }
}
