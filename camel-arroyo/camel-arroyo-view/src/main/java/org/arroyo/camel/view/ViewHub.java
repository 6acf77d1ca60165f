package org.arroyo.camel.view;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every view of one component and every page connected to them. Its {@link #tick()} runs on the component's own
 * thread at the update rate: it sends each page that is ready the state of every view and, for each view with an
 * event newer than the page has, that event rendered once at the largest size the waiting pages asked for (latest
 * wins: events that came and went between two ticks are never rendered). With no page connected a tick renders
 * nothing.
 */
final class ViewHub {

    private static final Logger LOG = LoggerFactory.getLogger(ViewHub.class);
    private static final long RATE_WINDOW_NANOS = 1_000_000_000L;

    private final Map<String, LiveView> views = new ConcurrentHashMap<>();
    private final List<ViewClient> clients = new CopyOnWriteArrayList<>();
    private final Map<String, RateMeter> meters = new HashMap<>();
    private final Map<String, ViewClient.Frame> rendered = new HashMap<>();
    private final AtomicLong renders = new AtomicLong();
    private volatile int updateRate;

    ViewHub(int updateRate) {
        this.updateRate = updateRate;
    }

    void setUpdateRate(int updateRate) {
        this.updateRate = updateRate;
    }

    int updateRate() {
        return updateRate;
    }

    /** The view of that name, made on first use; it lives as long as the component. */
    LiveView view(String name, int maxImageSize, int curveHistory) {
        LiveView view = views.computeIfAbsent(name, n -> new LiveView(n, maxImageSize, curveHistory));
        view.configure(maxImageSize, curveHistory);
        return view;
    }

    List<String> viewNames() {
        return views.keySet().stream().sorted().toList();
    }

    List<ViewState> states() {
        return viewNames().stream().map(n -> views.get(n).state()).toList();
    }

    void add(ViewClient client) {
        clients.add(client);
        client.sendText(ViewMessages.hello(viewNames(), updateRate));
    }

    void remove(ViewClient client) {
        client.markClosed();
        clients.remove(client);
    }

    int clientCount() {
        return clients.size();
    }

    List<ViewClient> clients() {
        return List.copyOf(clients);
    }

    /** Frames rendered so far (none while no page is connected). */
    long renders() {
        return renders.get();
    }

    /** One round: state and latest frames to every page that is ready. Never throws. */
    void tick() {
        try {
            long now = System.nanoTime();
            List<ViewState> states = states();
            Map<String, ViewMessages.Rates> rates = new HashMap<>();
            Map<String, Integer> history = new HashMap<>();
            for (ViewState s : states) {
                rates.put(s.name(), meters.computeIfAbsent(s.name(), n -> new RateMeter()).update(now, s));
                history.put(s.name(), views.get(s.name()).curveHistory());
            }
            if (clients.isEmpty()) {
                rendered.clear();
                return;
            }
            String state = ViewMessages.state(states, rates, history);
            List<ViewClient> ready = new ArrayList<>();
            for (ViewClient c : clients) {
                if (c.isClosed()) {
                    clients.remove(c);
                } else if (c.busy()) {
                    c.countSkipped();
                } else {
                    ready.add(c);
                }
            }
            for (ViewClient c : ready) {
                List<ViewClient.Frame> frames = new ArrayList<>();
                for (ViewState s : states) {
                    if (s.latestSeq() > c.sentSeq(s.name())) {
                        ViewClient.Frame f = frame(s.name(), ready);
                        if (f != null && f.seq() > c.sentSeq(s.name())) {
                            frames.add(f);
                        }
                    }
                }
                String news = c.stateChanged(state) ? state : null;
                if (news != null || !frames.isEmpty()) {
                    c.send(news, frames);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("arroyo-view: a view update failed: {}", e.toString(), e);
        }
    }

    /** The view's latest event rendered for the ready pages, once per event and size. */
    private ViewClient.Frame frame(String name, List<ViewClient> ready) {
        LiveView view = views.get(name);
        LiveView.Latest latest = view.latest();
        if (latest.event() == null) {
            return null;
        }
        int size = 16;
        for (ViewClient c : ready) {
            size = Math.max(size, c.maxSize());
        }
        size = Math.min(size, view.maxImageSize());
        ViewClient.Frame cached = rendered.get(name);
        if (cached != null && cached.seq() == latest.seq() && cached.maxSize() == size) {
            return cached;
        }
        FrameRenderer.Rendered r = FrameRenderer.render(latest.event(), size);
        renders.incrementAndGet();
        ViewClient.Frame f = new ViewClient.Frame(name, latest.seq(), size,
                ViewMessages.frame(name, latest.seq(), latest.event().getMetadata(), r));
        rendered.put(name, f);
        return f;
    }

    /** Frames and bytes per second of one view over the last second or so (tick thread only). */
    private static final class RateMeter {
        private long at;
        private long frames;
        private long bytes;
        private ViewMessages.Rates rates = ViewMessages.Rates.NONE;

        ViewMessages.Rates update(long now, ViewState s) {
            if (at == 0) {
                at = now;
                frames = s.framesTotal();
                bytes = s.bytesTotal();
            } else if (now - at >= RATE_WINDOW_NANOS) {
                double seconds = (now - at) / 1e9;
                rates = new ViewMessages.Rates((s.framesTotal() - frames) / seconds, (s.bytesTotal() - bytes) / seconds);
                at = now;
                frames = s.framesTotal();
                bytes = s.bytesTotal();
            }
            return rates;
        }
    }
}
