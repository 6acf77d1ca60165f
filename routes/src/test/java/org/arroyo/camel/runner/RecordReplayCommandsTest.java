package org.arroyo.camel.runner;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What record and replay make of their arguments, and how they refuse bad ones (exit 2, saying why). */
class RecordReplayCommandsTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int cli(String... args) {
        return ArroyoCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void addressesBecomeEndpointsThatKeepEveryFrame() {
        assertEquals("arroyo-zmq:tcp://127.0.0.1:5000?socketType=SUB&codec=frames",
                StreamAddress.of("tcp://127.0.0.1:5000", null, "SUB").uri());
        assertEquals("arroyo-zmq:tcp://0.0.0.0:5000?socketType=PULL&codec=frames",
                StreamAddress.of("tcp://0.0.0.0:5000", "pull", "SUB").uri());
        assertEquals("arroyo-zmq:tcp://h:5000?socketType=SUB&topics=sas&codec=frames",
                StreamAddress.of("arroyo-zmq:tcp://h:5000?socketType=SUB&topics=sas&codec=msgpack", null, "PUB").uri());
        assertEquals("arroyo-redis:frames-key?mode=stream&host=redis.local&port=6380&codec=frames",
                StreamAddress.of("redis://redis.local:6380/frames-key", null, "PUB").uri());
        assertEquals("arroyo-redis:k?mode=stream&host=h&port=6379&ssl=true&codec=frames",
                StreamAddress.of("rediss://h/k", null, "PUB").uri());
        assertEquals("arroyo-redis:k?group=g&mode=stream&codec=frames",
                StreamAddress.of("arroyo-redis:k?group=g", null, "SUB").uri());
        assertTrue(StreamAddress.of("arroyo-zmq:ipc:///tmp/x", null, "PUB").arroyo());
        assertEquals("arroyo-redis:k?mode=stream&host=h&port=6379&codec=frames&group=arroyo-recorder",
                RecordCommand.recorderGroup(StreamAddress.of("redis://h:6379/k", null, "SUB")).uri(),
                "a recorder takes no entries from the workers' group");
        assertEquals("arroyo-redis:k?group=mine&mode=stream&codec=frames",
                RecordCommand.recorderGroup(StreamAddress.of("arroyo-redis:k?group=mine", null, "SUB")).uri());
        StreamAddress kafka = StreamAddress.of("kafka:frames?brokers=127.0.0.1:9092", null, "SUB");
        assertEquals("kafka:frames?brokers=127.0.0.1:9092", kafka.uri());
        assertFalse(kafka.arroyo());
    }

    @Test
    void badArgumentsAreRefusedSayingWhy() throws Exception {
        assertEquals(2, cli("record", "tcp://127.0.0.1:5000"));
        assertTrue(err().contains("record needs ADDRESS and FILE"), err());
        err.reset();
        assertEquals(2, cli("record", "nowhere", dir.resolve("x.arec").toString()));
        assertTrue(err().contains("address 'nowhere': expected tcp://host:port"), err());
        err.reset();
        assertEquals(2, cli("record", "tcp://127.0.0.1:5000", dir.resolve("no/such/dir/x.arec").toString()));
        assertTrue(err().contains("no such directory for FILE"), err());
        err.reset();
        assertEquals(2, cli("record", "tcp://127.0.0.1:5000", dir.resolve("x.arec").toString(), "--count", "many"));
        assertTrue(err().contains("--count expects a whole number, got 'many'"), err());
        err.reset();
        assertEquals(2, cli("record", "tcp://127.0.0.1:5000", dir.resolve("x.arec").toString(), "--speed", "1"));
        assertTrue(err().contains("unknown option --speed"), err());
        err.reset();

        Path notRecording = Files.writeString(dir.resolve("notes.arec"), "hello");
        assertEquals(2, cli("replay", notRecording.toString(), "tcp://127.0.0.1:5000"));
        assertTrue(err().contains("is not an arroyo recording"), err());
        err.reset();
        assertEquals(2, cli("replay", dir.resolve("missing.arec").toString(), "tcp://127.0.0.1:5000"));
        assertTrue(err().contains("no such file"), err());
        err.reset();
        assertEquals(2, cli("replay", notRecording.toString(), "tcp://127.0.0.1:5000", "--rate", "5",
                "--as-recorded"));
        assertTrue(err().contains("--rate and --as-recorded exclude each other"), err());
    }

    @Test
    void helpListsRecordAndReplay() {
        assertEquals(0, cli("--help"));
        String help = out.toString(StandardCharsets.UTF_8);
        assertTrue(help.contains("record ADDRESS FILE") && help.contains("replay FILE ADDRESS")
                   && help.contains("--as-recorded"), help);
    }
}
