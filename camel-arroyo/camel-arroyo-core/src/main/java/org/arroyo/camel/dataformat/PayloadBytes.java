package org.arroyo.camel.dataformat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;

import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.NoTypeConversionAvailableException;
import org.apache.camel.support.ExchangeHelper;
import org.arroyo.camel.codec.PackedFrames;

/** The bytes of a body to unmarshal: the usual payload types directly, anything else through Camel's converters. */
final class PayloadBytes {

    private PayloadBytes() {
    }

    static byte[] of(Exchange exchange, Object body)
            throws IOException, InvalidPayloadException, NoTypeConversionAvailableException {
        if (body instanceof byte[] bytes) {
            return bytes;
        }
        if (body instanceof ByteBuffer buffer) {
            return PackedFrames.bytes(buffer);
        }
        if (body instanceof InputStream stream) {
            return stream.readAllBytes();
        }
        if (body instanceof String text) {
            // text formats (json-frames, forward) arrive as text from some transports: the exchange's charset
            return text.getBytes(Charset.forName(ExchangeHelper.getCharsetName(exchange)));
        }
        if (body == null) {
            throw new InvalidPayloadException(exchange, byte[].class);
        }
        return exchange.getContext().getTypeConverter().mandatoryConvertTo(byte[].class, exchange, body);
    }
}
