package org.arroyo.camel.codec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.FactoryFinder;
import org.apache.camel.support.EndpointHelper;

/**
 * The codecs by name, and the lookup endpoints use for their {@code codec} option: the built-in names, the names
 * codec modules add, and {@code #beanName}.
 * <p>
 * A module adds a named codec without the core knowing it, the way Camel finds components and data formats: a file
 * {@value #FACTORY_PATH}{@code <name>} on the classpath holding {@code class=<a MessageCodec with a public no-argument
 * constructor>}. Each resolution makes a new instance, so a codec that keeps state (an encoder's run) has one per
 * endpoint. Built-in names win over discovered ones.
 */
public final class Codecs {

    /** Where codec modules register their names: one file per name under this classpath folder. */
    public static final String FACTORY_PATH = "META-INF/services/org/arroyo/camel/codec/";

    /**
     * The built-in codec names, for a {@code codec} option's {@code enums} in the components' metadata (tooling
     * lists them; {@code #beanName} is accepted too).
     */
    public static final String BUILT_IN_NAMES = "raw,msgpack,msgpack-multipart,json-frames,forward";

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
     * The codec a {@code codec} option names: a built-in name, a name a codec module registers under
     * {@value #FACTORY_PATH}, or {@code #beanName} for a {@link MessageCodec} bean in the Camel registry.
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
        if (factory != null) {
            return factory.get();
        }
        return discovered(context, spec).orElseThrow(() -> new IllegalArgumentException(
                "Unknown codec '" + spec + "'; accepted: " + names() + ", a name a codec module on the classpath adds"
                                                              + " (e.g. bluesky-zmq-json from camel-arroyo-bluesky), or"
                                                              + " #beanName for your own MessageCodec"));
    }

    /** A codec a module registers under {@link #FACTORY_PATH}, a new instance; empty when no module names it. */
    private static Optional<MessageCodec> discovered(CamelContext context, String name) {
        if (context == null || name.contains("/") || name.contains("..")) {
            return Optional.empty();
        }
        FactoryFinder finder = context.getCamelContextExtension().getFactoryFinder(FACTORY_PATH);
        Optional<Class<?>> type = finder.findClass(name);
        if (type.isEmpty()) {
            return Optional.empty();
        }
        if (!MessageCodec.class.isAssignableFrom(type.get())) {
            throw new IllegalArgumentException("codec '" + name + "': " + FACTORY_PATH + name + " names "
                                               + type.get().getName() + ", which is not a MessageCodec");
        }
        try {
            return Optional.of((MessageCodec) type.get().getConstructor().newInstance());
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("codec '" + name + "': cannot create " + type.get().getName()
                                               + " (a MessageCodec registered by name needs a public no-argument"
                                               + " constructor): " + e, e);
        }
    }
}
