package org.arroyo.camel.routes;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** arroyopy's file-watcher notice, written as Python's json.dumps writes it. */
class FileNoticeTest {

    @TempDir
    Path dir;

    @Test
    void theNoticeIsWhatJsonDumpsWrites() {
        // json.dumps({"file_path": "/data/a \"b\"\\c\u00e9.tif", "is_directory": False})
        assertEquals("{\"file_path\": \"/data/a \\\"b\\\"\\\\c\\u00e9.tif\", \"is_directory\": false}",
                FileNotice.json("/data/a \"b\"\\c\u00e9.tif", false));
        assertEquals("{\"file_path\": \"/data/run\\n1\", \"is_directory\": true}", FileNotice.json("/data/run\n1", true));
    }

    @Test
    void filesPathsAndDirectoriesBecomeNotices() throws Exception {
        Path file = Files.writeString(dir.resolve("frame.tif"), "x");
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            Exchange e = new DefaultExchange(context);
            e.getMessage().setBody(file.toFile());
            new FileNotice().process(e);
            assertEquals(FileNotice.json(file.toAbsolutePath().toString(), false), e.getMessage().getBody());

            e.getMessage().setBody(dir);
            new FileNotice().process(e);
            assertTrue(e.getMessage().getBody(String.class).endsWith("\"is_directory\": true}"));

            e.getMessage().setBody(null);
            IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> new FileNotice().process(e));
            assertEquals("a file notice needs a File, Path, GenericFile or path, got null", x.getMessage());
        }
    }

}
