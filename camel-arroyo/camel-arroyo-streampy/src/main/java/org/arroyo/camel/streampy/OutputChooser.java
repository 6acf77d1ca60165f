package org.arroyo.camel.streampy;

import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Picks which of a worker's outputs gets the next message: in turn (round-robin) or at random from a seed, so a
 * random graph replays the same way for the same seed and input order.
 */
public interface OutputChooser {

    /** The index of the next output, 0 to {@code outputs - 1}. */
    int next(int outputs);

    static OutputChooser roundRobin() {
        AtomicLong counter = new AtomicLong();
        return outputs -> (int) (counter.getAndIncrement() % outputs);
    }

    static OutputChooser random(long seed) {
        Random random = new Random(seed);
        return outputs -> {
            synchronized (random) {
                return random.nextInt(outputs);
            }
        };
    }
}
