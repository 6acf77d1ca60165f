package org.arroyo.camel.codec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** JsonText against the text Python 3's json.dumps printed for the same values (recorded from /usr/bin/python3). */
class JsonTextTest {

    private static Map<String, Object> sample() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("msg_type", "start");
        m.put("run_name", "r\u00e9\"x\n");
        m.put("width", 1026L);
        m.put("f", 0.1);
        m.put("big", 1e23);
        m.put("neg", -0.0);
        m.put("inf", Double.POSITIVE_INFINITY);
        m.put("ninf", Double.NEGATIVE_INFINITY);
        List<Object> list = new ArrayList<>(Arrays.asList(1L, List.of(2L, Map.of()), null, true));
        m.put("list", list);
        m.put("e", Map.of());
        return m;
    }

    @Test
    void pythonDumpsWritesWhatJsonDumpsWrites() {
        // python3 -c 'import json; print(json.dumps({...the same dict...}))'
        assertEquals("{\"msg_type\": \"start\", \"run_name\": \"r\\u00e9\\\"x\\n\", \"width\": 1026, \"f\": 0.1, "
                     + "\"big\": 1e+23, \"neg\": -0.0, \"inf\": Infinity, \"ninf\": -Infinity, "
                     + "\"list\": [1, [2, {}], null, true], \"e\": {}}", JsonText.pythonDumps(sample()));
    }

    @Test
    void pythonDumpsEscapesDelAndEachHalfOfASurrogatePair() {
        // json.dumps({'a': '\x7f\u00e9\U0001F600'}) == '{"a": "\\u007f\\u00e9\\ud83d\\ude00"}'
        assertEquals("{\"a\": \"\\u007f\\u00e9\\ud83d\\ude00\"}",
                JsonText.pythonDumps(Map.of("a", "\u007f\u00e9\uD83D\uDE00")));
    }

    @Test
    void compactKeepsUtf8AndRejectsNan() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", "\u00e9");
        m.put("b", List.of(1L, 2.5));
        assertEquals("{\"a\":\"\u00e9\",\"b\":[1,2.5]}", JsonText.compact(m));
        CodecException e = assertThrows(CodecException.class, () -> JsonText.compact(Map.of("x", Double.NaN)));
        assertEquals("json codec: JSON cannot carry the number NaN", e.getMessage());
    }
}
