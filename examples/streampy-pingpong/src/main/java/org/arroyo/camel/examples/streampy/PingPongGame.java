package org.arroyo.camel.examples.streampy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.arroyo.camel.streampy.WorkerFunction;

/**
 * stream-py's pong function with a scoreboard: counts the pings and pongs it sees and ends the game after a number
 * of rounds by dropping the ball (returning null, so nothing is put downstream). Shared by all workers of a game.
 */
public final class PingPongGame implements WorkerFunction {

    private final int rounds;
    private final AtomicInteger played = new AtomicInteger();
    private final LongAdder pings = new LongAdder();
    private final LongAdder pongs = new LongAdder();
    private final CountDownLatch over = new CountDownLatch(1);

    public PingPongGame(int rounds) {
        this.rounds = rounds;
    }

    @Override
    public String apply(String message) {
        int round = played.incrementAndGet();
        if (round > rounds) {
            return null; // a stray ball after the end: not counted
        }
        ("ping".equals(message) ? pings : pongs).increment();
        if (round == rounds) {
            over.countDown();
            return null;
        }
        return WorkerFunction.pong().apply(message);
    }

    /** Waits for the last round; false on timeout. */
    public boolean awaitEnd(long timeout, TimeUnit unit) throws InterruptedException {
        return over.await(timeout, unit);
    }

    public int played() {
        return Math.min(played.get(), rounds);
    }

    public long pings() {
        return pings.sum();
    }

    public long pongs() {
        return pongs.sum();
    }
}
