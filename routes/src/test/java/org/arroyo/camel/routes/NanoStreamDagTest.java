package org.arroyo.camel.routes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** routes/nanostream-dag.yaml on real directories: fan-out, fan-in, exactly once, modified files, a clean stop. */
class NanoStreamDagTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path in;
    @TempDir
    Path out;

    @TempDir
    Path state;

    private YamlRoutes start() throws Exception {
        return new YamlRoutes("nanostream-dag.yaml", Map.of("nanostream.in", in.toString(),
                "nanostream.out", out.toString(), "nanostream.queue", "size=10&blockWhenFull=true",
                "nanostream.seen", state.resolve("seen.txt").toString()));
    }

    /** Writes a file the way producers should: under a skipped name, then moved in whole. */
    private void drop(String name, String text) throws IOException {
        Path tmp = in.resolve(name + ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, in.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private static String text(int i) {
        return "file " + i + ": h\u00e9llo, nanostream\n";
    }

    private long outFiles() throws IOException {
        try (Stream<Path> s = Files.list(out)) {
            return s.filter(p -> p.toString().endsWith(".txt")).count();
        }
    }

    @Test
    void aHundredFilesInAHundredTransformedFilesOutEachExactlyOnce() throws Exception {
        try (YamlRoutes dag = start()) {
            for (int i = 0; i < 100; i++) {
                drop(String.format("f%03d.txt", i), text(i));
            }
            await().atMost(WAIT).until(() -> dag.completed("nanostream-writer") == 100);
            // stays at 100 over several polls of the watcher (every 200 ms): nothing is taken twice
            await().during(Duration.ofMillis(1000)).atMost(WAIT).until(
                    () -> dag.completed("nanostream-writer") == 100 && dag.completed("nanostream-printer") == 200);

            assertEquals(100, outFiles());
            for (int i = 0; i < 100; i++) {
                Path f = out.resolve(String.format("f%03d.txt", i));
                assertEquals(text(i).toUpperCase(), Files.readString(f, StandardCharsets.UTF_8), f.toString());
            }
            try (Stream<Path> s = Files.list(out)) {
                assertEquals(100, s.count(), "no temporary .part file is left");
            }
            // fan-in: the printer heard each file once from the watcher and once from the writer
            List<Object> printed = dag.bodies("nanostream-printer");
            Set<String> events = new HashSet<>();
            Set<String> wrote = new HashSet<>();
            for (Object line : printed) {
                String s = line.toString();
                if (s.startsWith("event: ")) {
                    assertTrue(events.add(s.substring(7, 15)), "one event per file: " + s);
                } else {
                    assertTrue(s.startsWith("wrote: "), s);
                    assertTrue(wrote.add(Path.of(s.substring(7)).getFileName().toString()), s);
                }
            }
            assertEquals(100, events.size());
            assertEquals(100, wrote.size());
        }
    }

    @Test
    void withoutNanostreamSeenTheRecordIsKeptInTheOutDirectory() throws Exception {
        try (YamlRoutes dag = new YamlRoutes("nanostream-dag.yaml", Map.of("nanostream.in", in.toString(),
                "nanostream.out", out.toString()))) {
            drop("a.txt", "hello");
            await().atMost(WAIT).until(() -> Files.exists(out.resolve("a.txt")));
            await().atMost(WAIT).until(() -> Files.exists(out.resolve(SeenFiles.DEFAULT_NAME))
                                             && Files.readString(out.resolve(SeenFiles.DEFAULT_NAME)).contains("a.txt-"));
            assertEquals(1, outFiles(), "the record is hidden, not taken for output");
        }
    }

    @Test
    void aModifiedFileIsTakenAgain() throws Exception {
        try (YamlRoutes dag = start()) {
            drop("run.txt", "first");
            await().atMost(WAIT).until(() -> Files.exists(out.resolve("run.txt"))
                                             && "FIRST".equals(Files.readString(out.resolve("run.txt"))));
            Path f = in.resolve("run.txt");
            Files.writeString(f, "second");
            Files.setLastModifiedTime(f, FileTime.fromMillis(Files.getLastModifiedTime(f).toMillis() + 5000));
            await().atMost(WAIT).until(() -> "SECOND".equals(Files.readString(out.resolve("run.txt"))));
            assertEquals(2, dag.completed("nanostream-writer"));
        }
    }

    @Test
    void aRestartRemembersTheFilesAlreadyTaken() throws Exception {
        try (YamlRoutes first = start()) {
            for (int i = 0; i < 5; i++) {
                drop(String.format("r%03d.txt", i), text(i));
            }
            await().atMost(WAIT).until(() -> first.completed("nanostream-writer") == 5);
        }
        assertTrue(Files.readString(state.resolve("seen.txt")).contains("r004.txt-"), "the keys are on disk");

        try (YamlRoutes second = start()) {
            drop("r005.txt", text(5));
            await().atMost(WAIT).until(() -> second.completed("nanostream-writer") == 1);
            // several polls of the watcher later, still only the new file: the five old ones were not taken again
            await().during(Duration.ofMillis(1000)).atMost(WAIT)
                    .until(() -> second.completed("nanostream-writer") == 1);
            assertEquals(List.of("event: r005.txt"),
                    second.bodies("nanostream-printer").stream().map(Object::toString)
                            .filter(s -> s.startsWith("event: ")).map(s -> s.substring(0, 15)).toList());
        }
        assertEquals(6, outFiles());
    }

    @Test
    void aStopDrainsTheQueuesSoEveryFileTakenIsWritten() throws Exception {
        YamlRoutes dag = start();
        for (int i = 0; i < 100; i++) {
            drop(String.format("s%03d.txt", i), text(i));
        }
        await().atMost(WAIT).until(() -> dag.completed("nanostream-writer") >= 1);
        dag.context.stop();

        // the watcher's unfinished poll is abandoned (those files stay for the next start); what it handed on drains
        long taken = dag.completed("nanostream-reader");
        assertTrue(taken >= 1, "taken " + taken);
        assertEquals(taken, dag.completed("nanostream-writer"), "every file read was written");
        assertEquals(taken, outFiles());
        assertEquals(2 * taken, dag.completed("nanostream-printer"), "and printed twice: taken, written");
        for (String id : List.of("nanostream-watcher", "nanostream-reader", "nanostream-writer")) {
            assertEquals(ServiceStatus.Stopped, dag.context.getRouteController().getRouteStatus(id), id);
        }
        dag.close();
    }
}
