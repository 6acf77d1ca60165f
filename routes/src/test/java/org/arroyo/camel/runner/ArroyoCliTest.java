package org.arroyo.camel.runner;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The arroyo command: validate, list, help and errors, on the ready pipelines and on broken files. */
class ArroyoCliTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int cli(String... args) {
        return ArroyoCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyReadyPipelineValidates() throws IOException {
        List<String> files;
        try (Stream<Path> s = Files.list(Path.of("."))) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).map(Path::toString).sorted().toList();
        }
        assertTrue(files.size() >= 3, "ready pipelines in routes/: " + files);
        int code = cli(Stream.concat(Stream.of("validate"), files.stream()).toArray(String[]::new));
        assertEquals(0, code, out() + err());
        for (String f : files) {
            assertTrue(out().contains("OK") && out().contains(Path.of(f).getFileName().toString()), out());
        }
    }

    @Test
    void validateReportsTheFileAndLineOfAYamlError() throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, """
                - route:
                    id: broken
                    from:
                      uri: "arroyo-zmq:tcp://127.0.0.1:5999"
                      stepz:
                        - log: "x"
                """);
        assertEquals(1, cli("validate", bad.toString()));
        assertTrue(err().contains("bad.yaml"), err());
        assertTrue(err().contains("line"), err());
        assertTrue(err().contains("stepz"), err());
    }

    @Test
    void validateReportsAWrongEndpointOptionWithItsName() throws IOException {
        Path bad = dir.resolve("bad-option.yaml");
        Files.writeString(bad, """
                - route:
                    id: wrong-option
                    from:
                      uri: "arroyo-zmq:tcp://127.0.0.1:5998?socketType=PULL&codec=protobuf"
                      steps:
                        - log: "x"
                """);
        assertEquals(1, cli("validate", bad.toString()));
        assertTrue(err().contains("bad-option.yaml:1 (route wrong-option)"), "file and line of the route: " + err());
        assertTrue(err().contains("Unknown codec 'protobuf'"), err());
        assertTrue(err().contains("msgpack"), "the accepted codecs are listed: " + err());
    }

    @Test
    void listPrintsEachRouteWithItsEndpoints() {
        assertEquals(0, cli("list", "sas-roi-cut.yaml", "--prop", "arroyo.input=tcp://127.0.0.1:7100"));
        String text = out();
        assertTrue(text.contains("sas-roi-cut"), text);
        assertTrue(text.contains("from: arroyo-zmq:tcp://127.0.0.1:7100"), text);
        assertTrue(text.contains("to:   arroyo-zmq:tcp://127.0.0.1:5001"), text);
    }

    @Test
    void helpAndUnknownCommands() {
        assertEquals(0, cli("--help"));
        assertTrue(out().contains("validate FILE..."));
        assertEquals(2, cli("frobnicate"));
        assertTrue(err().contains("unknown command 'frobnicate'"));
        assertEquals(2, cli("validate", "no-such-file.yaml"));
        assertTrue(err().contains("no such file: no-such-file.yaml"));
        assertFalse(err().isEmpty());
    }

    @Test
    void theDemoReducesEveryFrame() {
        assertEquals(0, cli("run", "--frames", "20"), out() + err());
        assertTrue(out().contains("20/20 frames reduced"), out());
        assertTrue(out().contains("frames_reduced=20"), out());
        assertTrue(out().contains("arroyo demo: OK"), out());
        assertTrue(out().matches("(?s).*\n  live view: http://127\\.0\\.0\\.1:\\d+/arroyo/view/.*"), out());
    }
}
