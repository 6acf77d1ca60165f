package org.arroyo.camel.routes;

import java.io.File;
import java.nio.file.Path;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Turns a file event into arroyopy's file-watcher notice, the JSON text {@code {"file_path": str, "is_directory":
 * bool}}, written exactly as Python's {@code json.dumps} writes it (same separators, non-ASCII as {@code \\uXXXX}),
 * so listeners that compare or parse it see what arroyopy sends. The body may be a {@link File}, a {@link Path},
 * camel-file's {@code GenericFile} or a path string.
 */
public class FileNotice implements Processor {

    @Override
    public void process(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        // File and path strings as they are; camel-file's GenericFile through its type converter
        File file = body instanceof Path p ? p.toFile() : exchange.getMessage().getBody(File.class);
        if (file == null) {
            throw new IllegalArgumentException("a file notice needs a File, Path, GenericFile or path, got "
                                               + (body == null ? "null" : body.getClass().getName()));
        }
        exchange.getMessage().setBody(json(file.getAbsolutePath(), file.isDirectory()));
    }

    /** The notice for a path. */
    public static String json(String path, boolean directory) {
        return "{\"file_path\": " + quote(path) + ", \"is_directory\": " + directory + "}";
    }

    // JSON string as Python's json.dumps(ensure_ascii=True) writes it
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7E) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
