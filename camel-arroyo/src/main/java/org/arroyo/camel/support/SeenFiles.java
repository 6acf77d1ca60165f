package org.arroyo.camel.support;

import java.io.File;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;

/**
 * A record on disk of the files a watcher has taken, so a restarted watcher does not take them again. For YAML beans
 * ({@code type: org.arroyo.camel.support.SeenFiles}, {@code factoryMethod: at}): Camel's own file-backed repository
 * takes a {@link File}, which a YAML property cannot be turned into.
 */
public final class SeenFiles {

    private SeenFiles() {
    }

    /**
     * @param path      the file the keys are kept in (created when missing)
     * @param cacheSize how many keys are also kept in memory
     */
    public static IdempotentRepository at(String path, int cacheSize) {
        return FileIdempotentRepository.fileIdempotentRepository(new File(path), cacheSize);
    }
}
