package org.arroyo.camel.zmq;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.arroyo.camel.test.FreePorts;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A slow operator and a slower subscriber under a flood of 64 KiB frames, in a JVM with a 64 MiB heap: high-water
 * marks and bounded queues push back (PULL side) or drop (PUB side), so there is no OutOfMemoryError and the heap
 * stays flat.
 */
class ZmqOverloadTest {

    @Test
    void aSlowPipelineKeepsMemoryFlatIn64MiB() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process child = new ProcessBuilder(java, "-Xmx64m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), OverloadMain.class.getName(), FreePorts.tcpAddress(),
                FreePorts.tcpAddress(), "8")
                .redirectErrorStream(true).start();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the overload run must end by itself");
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        System.out.println(output);
        assertEquals(0, child.exitValue(), output);
        assertFalse(output.contains("OutOfMemoryError"), output);
        assertTrue(output.contains("DONE"), output);

        List<Long> heap = new ArrayList<>();
        Matcher m = Pattern.compile("heap (\\d+) fed (\\d+)").matcher(output);
        long fed = 0;
        while (m.find()) {
            heap.add(Long.parseLong(m.group(1)));
            fed = Long.parseLong(m.group(2));
        }
        assertEquals(8, heap.size(), output);
        assertTrue(fed > 1000, "the feeder kept sending: " + output);
        long firstHalf = heap.subList(0, 4).stream().mapToLong(Long::longValue).max().orElseThrow();
        long secondHalf = heap.subList(4, 8).stream().mapToLong(Long::longValue).max().orElseThrow();
        // flat: later samples no larger than the early ones plus a few frames' worth of slack
        assertTrue(secondHalf <= firstHalf + 8L * 1024 * 1024, "heap grew: " + heap + "\n" + output);
    }
}
