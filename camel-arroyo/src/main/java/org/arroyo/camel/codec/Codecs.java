package org.arroyo.camel.codec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.camel.CamelContext;
import org.apache.camel.support.EndpointHelper;

/** The built-in codecs by name, and the lookup endpoints use for their {@code codec} option. */
public final class Codecs {

    private static final Map<String, Supplier<MessageCodec>> BUILT_IN = new LinkedHashMap<>();

    static {
        BUILT_IN.put(RawCodec.NAME, RawCodec::new);
        BUILT_IN.put(MsgpackCodec.NAME, MsgpackCodec::new);
        BUILT_IN.put(MsgpackMultipartCodec.NAME, MsgpackMultipartCodec::new);
        BUILT_IN.put(JsonFramesCodec.NAME, JsonFramesCodec::new);
        BUILT_IN.put(ForwardCodec.NAME, ForwardCodec::new);
    }

    private Codecs() {
    }

    /** The names of the built-in codecs, comma separated. */
    public static String names() {
        return String.join(", ", BUILT_IN.keySet());
    }

    /**
     * The codec a {@code codec} option names: a built-in name, or {@code #beanName} for a {@link MessageCodec} bean
     * in the Camel registry.
     *
     * @throws IllegalArgumentException naming the unknown codec and the accepted names
     */
    public static MessageCodec resolve(CamelContext context, String spec) {
        if (spec == null || spec.isBlank()) {
            return new RawCodec();
        }
        if (spec.startsWith("#")) {
            MessageCodec bean = EndpointHelper.resolveReferenceParameter(context, spec, MessageCodec.class, false);
            if (bean == null) {
                throw new IllegalArgumentException(
                        "codec " + spec + ": no MessageCodec bean of that name in the registry");
            }
            return bean;
        }
        Supplier<MessageCodec> factory = BUILT_IN.get(spec);
        if (factory == null) {
            throw new IllegalArgumentException(
                    "Unknown codec '" + spec + "'; accepted: " + names() + ", or #beanName for your own MessageCodec");
        }
        return factory.get();
    }
}
