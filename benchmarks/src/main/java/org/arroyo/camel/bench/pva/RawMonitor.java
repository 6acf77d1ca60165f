package org.arroyo.camel.bench.pva;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.arroyo.camel.test.FreePorts;
import org.epics.pva.PVASettings;
import org.epics.pva.client.PVAChannel;
import org.epics.pva.client.PVAClient;
import org.epics.pva.data.PVAInt;
import org.epics.pva.data.PVAShortArray;
import org.epics.pva.data.PVAUnion;

/** The baseline: core-pva's own client, a monitor whose callback reads a pixel of each frame. */
final class RawMonitor extends MonitorVariant {

    private final PVAClient client;
    private final PVAChannel channel;
    private AutoCloseable subscription;

    RawMonitor(String pv, int searchPort) throws Exception {
        synchronized (PVASettings.class) {
            String list = PVASettings.EPICS_PVA_ADDR_LIST;
            boolean auto = PVASettings.EPICS_PVA_AUTO_ADDR_LIST;
            int beacon = PVASettings.EPICS_PVA_BROADCAST_PORT;
            PVASettings.EPICS_PVA_ADDR_LIST = "127.0.0.1:" + searchPort;
            PVASettings.EPICS_PVA_AUTO_ADDR_LIST = false;
            PVASettings.EPICS_PVA_BROADCAST_PORT = FreePorts.nextUdp();
            try {
                client = new PVAClient();
            } finally {
                PVASettings.EPICS_PVA_ADDR_LIST = list;
                PVASettings.EPICS_PVA_AUTO_ADDR_LIST = auto;
                PVASettings.EPICS_PVA_BROADCAST_PORT = beacon;
            }
        }
        channel = client.getChannel(pv, (c, s) -> { });
        channel.connect().get(30, TimeUnit.SECONDS);
    }

    @Override
    void subscribe() throws Exception {
        CountDownLatch answered = new CountDownLatch(1);
        subscription = channel.subscribe("", (c, changes, overruns, data) -> {
            answered.countDown();
            if (data != null && ((PVAUnion) data.get("value")).get() instanceof PVAShortArray a && a.get().length > 0) {
                frame(((PVAInt) data.get("uniqueId")).get(), a.get()[a.get().length / 2] & 0xFFFF);
            }
        });
        if (!answered.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("core-pva's monitor got no first value");
        }
    }

    @Override
    void unsubscribe() throws Exception {
        subscription.close();
        subscription = null;
    }

    @Override
    public String toString() {
        return "core-pva client monitor";
    }

    @Override
    public void close() throws Exception {
        if (subscription != null) {
            subscription.close();
        }
        client.close();
    }
}
