package org.arroyo.camel.view;

import java.util.concurrent.TimeUnit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;

/**
 * The Vert.x the view's servers run on: one the application gave, else one of its own with a single event loop
 * (the view moves a few messages a second per page), made on first use and closed when the component stops. It
 * never writes a file cache into the working directory.
 */
final class VertxRuntime {

    static final long TIMEOUT_SECONDS = 10;

    private final Vertx given;
    private Vertx own;

    VertxRuntime(Vertx given) {
        this.given = given;
    }

    synchronized Vertx get() {
        if (given != null) {
            return given;
        }
        if (own == null) {
            own = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                    .setInternalBlockingPoolSize(1)
                    .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false)
                            .setClassPathResolvingEnabled(false)));
        }
        return own;
    }

    /** Closes the Vert.x this made, if any; a given one is left running. */
    synchronized void close() throws Exception {
        if (own != null) {
            Vertx closing = own;
            own = null;
            await(closing.close());
        }
    }

    /** Waits for a Vert.x future, bounded, so a stop never hangs. */
    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
