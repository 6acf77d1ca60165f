package org.arroyo.camel.routes;

import java.io.File;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;

/**
 * A record on disk of the files a watcher has taken, so a restarted watcher does not take them again. For YAML beans
 * ({@code type: org.arroyo.camel.routes.SeenFiles}, {@code factoryMethod: at}): Camel's own file-backed repository
 * takes a {@link File}, which a YAML property cannot be turned into.
 */
public final class SeenFiles {

    private SeenFiles() {
    }

    /**
     * @param path      the file the keys are kept in (created when missing); when blank, {@value #DEFAULT_NAME} in
     *                  {@code dir}
     * @param dir       the directory the state goes into by default: one the user chose for the pipeline's output
     * @param cacheSize how many keys are also kept in memory
     */
    public static IdempotentRepository at(String path, String dir, int cacheSize) {
        File file = path == null || path.isBlank() ? new File(dir, DEFAULT_NAME) : new File(path);
        return FileIdempotentRepository.fileIdempotentRepository(file, cacheSize);
    }

    /** The record's name in the output directory; hidden, so file consumers skip it. */
    public static final String DEFAULT_NAME = ".nanostream-seen";
}
