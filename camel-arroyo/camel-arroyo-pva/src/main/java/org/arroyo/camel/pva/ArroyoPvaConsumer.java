package org.arroyo.camel.pva;

import java.util.BitSet;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.arroyo.camel.codec.CodecException;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.support.ArroyoConsumer;
import org.epics.pva.client.ClientChannelState;
import org.epics.pva.client.PVAChannel;
import org.epics.pva.client.RecordOptions;
import org.epics.pva.data.PVAStructure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Monitors one PV. core-pva calls back on the connection's receive thread with a structure it reuses (but new arrays in
 * it), so each update is read out there ({@link PvaUpdateReader}, keeping the arrays) and queued; this consumer's own thread turns updates into exchanges,
 * in order, with the Start and Stop of runs ({@link RunTracker}). At most queueSize updates wait: then the receive
 * thread waits too, TCP stops the server, and the server skips frames for this client (counted from uniqueId gaps
 * in {@code arroyo_dropped_total}). A bad update goes to the exception handler and the monitor goes on; a frame whose
 * dimension[] does not fit its array first gets one new subscription, since a server may have merged the dimension
 * change away ({@link ShapeMismatchException}), and counts as bad only if the whole value does not fit either. A
 * subscription whose first update lacks the whole structure is replaced by a new one ({@link #startsWhole}).
 */
final class ArroyoPvaConsumer extends ArroyoConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(ArroyoPvaConsumer.class);
    private static final long POLL_MILLIS = 100;
    // new subscriptions in a row whose first update came without the whole structure, before going on with one
    static final int MAX_INCOMPLETE_SUBSCRIPTIONS = 10;
    static final String READER = "ntndarray";

    private enum Marker {
        CONNECTED,
        DISCONNECTED
    }

    private final ArroyoPvaEndpoint endpoint;
    private final ArroyoPvaConfiguration config;
    private final String pvName;
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Semaphore room;
    private volatile boolean running;
    private volatile PVAChannel channel;
    // the channel whose connection this consumer has subscribed on: one subscription per connection
    private final AtomicReference<PVAChannel> monitoring = new AtomicReference<>();
    private volatile AutoCloseable subscription;
    // the server has answered the subscription with the PV's current value: from now on no update is missed
    private volatile boolean subscribed;
    // which subscription is current: updates still arriving for one this consumer replaced are ignored
    private volatile int generation;
    // subscribed again for a frame whose dimension[] did not fit its array, and no good frame since
    private boolean resubscribedForShape;
    private final AtomicLong resubscriptions = new AtomicLong();
    // subscriptions in a row that started incomplete (core-pva's receive thread only), and all of them so far
    private int incompleteInARow;
    private final AtomicLong incompleteSubscriptions = new AtomicLong();
    private ExecutorService executor;

    ArroyoPvaConsumer(ArroyoPvaEndpoint endpoint, Processor processor) {
        super(endpoint, processor, READER);
        this.endpoint = endpoint;
        this.config = endpoint.getConfiguration();
        this.pvName = endpoint.getPvName();
        this.room = new Semaphore(config.getQueueSize());
        setLastError("not connected yet");
    }

    @Override
    public String describe() {
        return endpoint.describe();
    }

    @Override
    protected String notReadyReason() {
        PVAChannel c = channel;
        ClientChannelState state = c == null ? ClientChannelState.INIT : c.getState();
        if (state != ClientChannelState.CONNECTED) {
            return "PV " + pvName + " is not connected (" + state + "): " + lastError();
        }
        return subscribed ? null : "PV " + pvName + " is connected, waiting for the monitor's first update";
    }

    /** The channel, the subscription and the queue as they are now, for diagnosing a monitor that went quiet. */
    String describeState() {
        PVAChannel c = channel;
        return "channel " + (c == null ? "none" : c.getState()) + ", " + (subscription == null ? "no " : "")
               + "subscription, " + (subscribed ? "" : "no ") + "update since subscribing, " + resubscriptions.get()
               + " subscribed again for a frame's shape, " + incompleteSubscriptions.get()
               + " subscriptions started without the whole structure, " + queue.size()
               + " queued, room for " + room.availablePermits();
    }

    /** How often a frame's shape made this consumer subscribe again. */
    long shapeResubscriptions() {
        return resubscriptions.get();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        running = true;
        executor = endpoint.getCamelContext().getExecutorServiceManager()
                .newSingleThreadExecutor(this, "ArroyoPvaConsumer[" + pvName + "]");
        executor.execute(this::run);
        PVAChannel c = endpoint.getComponent().client(config).getChannel(pvName, this::stateChanged);
        channel = c;
        if (c.getState() == ClientChannelState.CONNECTED) {
            // connected before the assignment above (a client already connected to the server finds a PV fast):
            // stateChanged ignored that, as the channel was not yet this consumer's
            stateChanged(c, ClientChannelState.CONNECTED);
        }
        LOG.debug("{} searching ({})", describe(), config.network().describe());
    }

    @Override
    protected void doStop() throws Exception {
        running = false;
        closeSubscription();
        PVAChannel c = channel;
        channel = null;
        monitoring.set(null);
        if (c != null) {
            c.close();
        }
        if (executor != null) {
            endpoint.getCamelContext().getExecutorServiceManager().shutdownGraceful(executor, 5000);
            executor = null;
        }
        queue.clear();
        room.drainPermits();
        room.release(config.getQueueSize());
        super.doStop();
    }

    /** core-pva's thread: subscribe once connected (a reconnect drops subscriptions), tell the run tracker. */
    private void stateChanged(PVAChannel c, ClientChannelState state) {
        if (!running || c != channel) {
            return;
        }
        if (state == ClientChannelState.CONNECTED) {
            if (!monitoring.compareAndSet(null, c)) {
                return;
            }
            // queued before subscribing, so that it comes before the subscription's first update (which may be the
            // frame routed last, sent again: the run tracker drops it only as the first update after a connect)
            queue.add(Marker.CONNECTED);
            if (subscribe(c)) {
                setLastError(null);
                LOG.info("{} connected to {}, monitoring", describe(), c.getRemoteAddress());
            } else {
                monitoring.set(null);
            }
        } else if (state == ClientChannelState.INIT || state == ClientChannelState.SEARCHING) {
            monitoring.set(null);
            subscribed = false;
            if (subscription != null) {
                subscription = null;
                setLastError("disconnected");
                LOG.info("{} disconnected", describe());
                queue.add(Marker.DISCONNECTED);
            }
        }
    }

    /** A new subscription (the server answers it with the PV's whole current value); false when that failed. */
    private boolean subscribe(PVAChannel c) {
        closeSubscription();
        int current = ++generation;
        subscribed = false;
        try {
            subscription = c.subscribe(config.getRequest() == null ? "" : config.getRequest(),
                    RecordOptions.builder().pipeline(config.getPipeline()).build(),
                    (ch, changes, overruns, data) -> {
                        if (current == generation) {
                            updated(ch, changes, data);
                        }
                    });
            return true;
        } catch (Exception e) {
            setLastError("cannot subscribe: " + e.getMessage());
            getExceptionHandler().handleException(describe() + ": cannot subscribe", e);
            return false;
        }
    }

    /** core-pva's receive thread: read the update out of the reused structure, then wait for room in the queue. */
    private void updated(PVAChannel c, BitSet changes, PVAStructure data) {
        if (data == null) {
            // the server ended the subscription (the PV went away)
            subscribed = false;
            if (subscription != null) {
                subscription = null;
                setLastError("the server ended the subscription");
                queue.add(Marker.DISCONNECTED);
            }
            return;
        }
        boolean first = !subscribed;
        subscribed = true;
        if (first && !startsWhole(c, changes, data)) {
            return;
        }
        PvaUpdate update = PvaUpdateReader.read(data, describe(), config.getArrayName());
        if (update == null) {
            return;
        }
        if (update.error() instanceof ShapeMismatchException && !first && !resubscribedForShape) {
            // maybe a dimension[] change the server merged away (ShapeMismatchException): a new subscription
            // starts with the whole value; only if that does not fit either is the frame itself wrong
            resubscribedForShape = true;
            resubscriptions.incrementAndGet();
            LOG.info("{}: {}; subscribing again for the whole structure", describe(), update.error().getMessage());
            subscribe(c);
            return;
        }
        if (update.error() == null) {
            resubscribedForShape = false;
        }
        try {
            while (running) {
                if (room.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    queue.add(update);
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Whether a subscription's first update holds the whole structure ({@link ChangeSets#coversAll}). core-pva's
     * server keeps only the newest change set of an update it has not sent yet, and so replaces the whole-structure
     * set of a new subscription when the PV updates before that first update goes out: the fields that did not change
     * in that update (dimension[], codec, attributes) then never reach this subscription's copy. Such a subscription
     * is replaced by a new one, up to MAX_INCOMPLETE_SUBSCRIPTIONS in a row; after that it is kept (frames whose
     * shape does not fit are refused).
     */
    private boolean startsWhole(PVAChannel c, BitSet changes, PVAStructure data) {
        if (ChangeSets.coversAll(changes, data)) {
            incompleteInARow = 0;
            return true;
        }
        incompleteSubscriptions.incrementAndGet();
        if (++incompleteInARow > MAX_INCOMPLETE_SUBSCRIPTIONS) {
            LOG.warn("{}: {} subscriptions in a row started without the whole structure (the PV updates faster "
                     + "than the server sends this client its first update); going on with this one", describe(),
                    incompleteInARow - 1);
            incompleteInARow = 0;
            return true;
        }
        LOG.info("{}: the first update of a new subscription lacks the whole structure; subscribing again",
                describe());
        subscribe(c);
        return false;
    }

    private void closeSubscription() {
        AutoCloseable s = subscription;
        subscription = null;
        if (s != null) {
            try {
                s.close();
            } catch (Exception e) {
                LOG.debug("{}: closing the subscription: {}", describe(), e.toString());
            }
        }
    }

    /** This consumer's thread: every exchange, in order; idle timeouts. */
    private void run() {
        RunTracker runs = new RunTracker(config.getRunStart(), config.isStopOnDisconnect(), pvName);
        long idleNanos = TimeUnit.MILLISECONDS.toNanos(config.getIdleTimeout());
        long lastUpdate = System.nanoTime();
        while (running) {
            Object item;
            try {
                item = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                if (item == null) {
                    if (idleNanos > 0 && runs.isOpen() && System.nanoTime() - lastUpdate >= idleNanos) {
                        route(runs.idle());
                    }
                } else if (item == Marker.CONNECTED) {
                    runs.connected();
                } else if (item == Marker.DISCONNECTED) {
                    route(runs.disconnected());
                } else {
                    room.release();
                    lastUpdate = System.nanoTime();
                    process((PvaUpdate) item, runs);
                }
            } catch (RuntimeException e) {
                // never let one update end the monitor
                getExceptionHandler().handleException(describe() + ": failed to route an update", e);
            }
        }
    }

    private void process(PvaUpdate update, RunTracker runs) {
        getArroyoStats().countMessage(update.bytes());
        if (update.error() != null) {
            rejectDescribed(newExchange(), update.text(), update.error());
            return;
        }
        if (runs.isRepeat(update)) {
            return;
        }
        Event event;
        try {
            event = update.toEvent(describe());
        } catch (CodecException e) {
            rejectDescribed(newExchange(), e.getMessage(), e);
            return;
        }
        long missed = runs.missedBefore(update);
        if (missed > 0) {
            getArroyoStats().countDropped(missed);
        }
        List<ArroyoMessage> markers = runs.before(update);
        runs.routed(update, missed);
        for (ArroyoMessage marker : markers) {
            route(marker);
        }
        Exchange exchange = newExchange();
        setBody(exchange, event);
        defer(exchange, ArroyoPvaConstants.PV_NAME, pvName);
        if (update.uniqueId() != null) {
            defer(exchange, ArroyoPvaConstants.UNIQUE_ID, update.uniqueId());
        }
        if (missed > 0) {
            defer(exchange, ArroyoPvaConstants.MISSED_FRAMES, missed);
        }
        dispatchAndWait(exchange);
    }

    private void route(ArroyoMessage marker) {
        if (marker == null) {
            return;
        }
        Exchange exchange = newExchange();
        setBody(exchange, marker);
        defer(exchange, ArroyoPvaConstants.PV_NAME, pvName);
        dispatchAndWait(exchange);
    }
}
