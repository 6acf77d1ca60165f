package org.arroyo.camel.codec;

import java.util.List;

import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CodecsTest {

    @Test
    void resolvesAllBuiltInNames() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            for (String name : List.of("raw", "msgpack", "msgpack-multipart", "json-frames", "forward")) {
                assertEquals(name, Codecs.resolve(context, name).name());
            }
        }
    }

    @Test
    void unknownNameListsTheAcceptedOnes() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Codecs.resolve(context, "protobuf"));
            assertTrue(e.getMessage().contains("raw, msgpack, msgpack-multipart, json-frames, forward"),
                    e.getMessage());
        }
    }
}
