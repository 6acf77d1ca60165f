package org.arroyo.camel.pva;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.camel.util.json.Jsoner;
import org.epics.pva.data.PVAData;
import org.epics.pva.data.PVAInt;
import org.epics.pva.data.PVAString;
import org.epics.pva.data.PVAStructure;
import org.epics.pva.server.PVAServer;
import org.epics.pva.server.ServerPV;

/**
 * The producer's companion PV for run boundaries, an NTScalar like areaDetector's Acquire: value 1 from a Start, 0
 * from a Stop; descriptor the marker's data as JSON (run_name, run_id, num_frames ...); timeStamp when it came.
 */
final class RunPv implements AutoCloseable {

    static final String NTSCALAR = "epics:nt/NTScalar:1.0";

    private final ServerPV pv;

    RunPv(PVAServer server, String name) {
        pv = server.createPV(name, value(0, "{}"));
    }

    void update(boolean running, Map<String, Object> data) throws Exception {
        pv.update(value(running ? 1 : 0, Jsoner.serialize(data)));
    }

    private static WholeUpdates value(int value, String descriptor) {
        List<PVAData> fields = List.of(new PVAInt("value", value), new PVAString("descriptor", descriptor),
                new PVAStructure("alarm", "alarm_t", new PVAInt("severity", 0), new PVAInt("status", 0),
                        new PVAString("message", "")),
                NtNdArrayWriter.time("timeStamp", Instant.now()));
        return new WholeUpdates("", NTSCALAR, fields);
    }

    @Override
    public void close() {
        pv.close();
    }
}
