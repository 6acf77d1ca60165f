package org.arroyo.camel.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Route;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.support.service.ServiceSupport;
import org.arroyo.camel.metrics.ArroyoStats;
import org.arroyo.camel.metrics.ArroyoStatsSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs, at a steady interval, what each Arroyo listener received since the last line: messages, rate, MB/s, codec
 * errors and drops, plus the exchanges in flight, so a long unattended run shows it is alive (or that it is not).
 */
final class ProgressReporter extends ServiceSupport {

    static final String INTERVAL_PROPERTY = "arroyo.progress.interval";
    private static final Logger LOG = LoggerFactory.getLogger("arroyo.progress");

    private final CamelContext context;
    private final long intervalMillis;
    private final List<long[]> last = new ArrayList<>();
    private ScheduledExecutorService timer;
    private long lastAt;

    ProgressReporter(CamelContext context, long intervalMillis) {
        this.context = context;
        this.intervalMillis = intervalMillis;
    }

    /** Adds the reporter once camel-main has configured the context (the interval comes from its properties). */
    static final class Installer extends MainListenerSupport {
        @Override
        public void afterConfigure(BaseMainSupport main) {
            CamelContext context = main.getCamelContext();
            long interval = Long.parseLong(context.resolvePropertyPlaceholders("{{" + INTERVAL_PROPERTY + ":10000}}"));
            if (interval > 0) {
                try {
                    context.addService(new ProgressReporter(context, interval), true, true);
                } catch (Exception e) {
                    throw new IllegalStateException("cannot start the progress log", e);
                }
            }
        }
    }

    @Override
    protected void doStart() {
        lastAt = System.nanoTime();
        timer = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "ArroyoProgress");
        timer.scheduleAtFixedRate(this::report, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        if (timer != null) {
            context.getExecutorServiceManager().shutdownNow(timer);
            timer = null;
        }
    }

    void report() {
        try {
            long now = System.nanoTime();
            double seconds = Math.max(1e-9, (now - lastAt) / 1e9);
            lastAt = now;
            List<Route> routes = context.getRoutes();
            int i = 0;
            for (Route route : routes) {
                Consumer consumer = route.getConsumer();
                if (!(consumer instanceof ArroyoStatsSource source)) {
                    continue;
                }
                ArroyoStats s = source.getArroyoStats();
                long[] before = i < last.size() ? last.get(i) : new long[3];
                long messages = s.messages() - before[0];
                long bytes = s.bytes() - before[1];
                LOG.info(String.format(Locale.ROOT,
                        "%s: %d messages (%.1f/s, %.1f MB/s), total %d, codec errors %d, dropped %d, in flight %d",
                        route.getRouteId(), messages, messages / seconds, bytes / 1e6 / seconds, s.messages(),
                        s.errors(), s.dropped(), context.getInflightRepository().size(route.getRouteId())));
                long[] now3 = { s.messages(), s.bytes(), 0 };
                if (i < last.size()) {
                    last.set(i, now3);
                } else {
                    last.add(now3);
                }
                i++;
            }
        } catch (RuntimeException e) {
            LOG.debug("progress report failed: {}", e.getMessage());
        }
    }
}
