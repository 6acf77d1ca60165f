package org.arroyo.camel.routes;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Decodes a msgpack message with Debian's python3-msgpack, as arroyopy reads one
 * ({@code src/test/python/msgpack_fields.py}).
 */
final class PythonMsgpack {

    private PythonMsgpack() {
    }

    /** Each field of the message with the name of the Python type its value decodes to. */
    static Map<String, Object> fieldTypes(byte[] message) throws Exception {
        Process python = new ProcessBuilder("/usr/bin/python3", "src/test/python/msgpack_fields.py")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (OutputStream in = python.getOutputStream()) {
            in.write(message);
        }
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(python.waitFor(30, TimeUnit.SECONDS), "python3 did not finish");
        assertEquals(0, python.exitValue(), "python3 failed (apt-get install python3-msgpack): " + out);
        return (JsonObject) Jsoner.deserialize(out);
    }
}
