package org.arroyo.camel.pva;

import org.apache.camel.spi.Metadata;
import org.arroyo.camel.message.ArroyoConstants;

/** Exchange headers of the {@code arroyo-pva} component. */
public final class ArroyoPvaConstants {

    @Metadata(label = "consumer", description = "The kind of Arroyo message in the body: start, event or stop "
                                                + "(the header YAML routes filter and choose on).",
              javaType = "String", important = true)
    public static final String MESSAGE_TYPE = ArroyoConstants.MESSAGE_TYPE;

    @Metadata(label = "consumer", description = "On an exchange whose update could not become an Arroyo message: "
                                                + "ntndarray (what read it).",
              javaType = "String")
    public static final String CODEC = ArroyoConstants.CODEC;

    @Metadata(label = "consumer", description = "On an exchange whose update could not become an Arroyo message: the "
                                                + "update as text (core-pva's rendering of the structure, arrays cut "
                                                + "short), for a dead letter channel to keep.",
              javaType = "java.util.List<byte[]>", important = true)
    public static final String RAW_FRAMES = ArroyoConstants.RAW_FRAMES;

    @Metadata(label = "consumer", description = "The PV the update came from.", javaType = "String")
    public static final String PV_NAME = "CamelArroyoPvaName";

    @Metadata(label = "consumer", description = "The update's uniqueId (areaDetector's frame counter), also the "
                                                + "Event's frame_number.",
              javaType = "Integer", important = true)
    public static final String UNIQUE_ID = "CamelArroyoPvaUniqueId";

    @Metadata(label = "consumer", description = "Frames the server skipped just before this one (a gap in "
                                                + "uniqueId: the route or the network was slower than the IOC); "
                                                + "set only when not 0. All of them are counted in "
                                                + "arroyo_dropped_total.",
              javaType = "Long", important = true)
    public static final String MISSED_FRAMES = "CamelArroyoPvaMissedFrames";

    private ArroyoPvaConstants() {
    }
}
