package org.arroyo.camel.runner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The arguments of a command that takes positional arguments and options of its own ({@code record}, {@code replay},
 * {@code streampy node} ...): {@code --name value}, {@code --name=value}, flags, and the runner's
 * {@code --prop key=value} / {@code -Dkey=value}.
 */
final class CommandOptions {

    private final List<String> positional = new ArrayList<>();
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> props = new LinkedHashMap<>();

    private CommandOptions() {
    }

    /**
     * @param command the command's name, for error messages
     * @param valued  the options that take a value
     * @param flags   the options that take none
     * @throws IllegalArgumentException for an unknown option, or one without its value
     */
    static CommandOptions parse(String command, List<String> args, Set<String> valued, Set<String> flags) {
        CommandOptions o = new CommandOptions();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            int eq = a.indexOf('=');
            boolean inline = a.startsWith("--") && eq > 0;
            String name = inline ? a.substring(0, eq) : a;
            if (name.equals("--prop") || name.equals("-p")) {
                putProperty(o.props, inline ? a.substring(eq + 1) : value(args, ++i, a));
            } else if (a.startsWith("-D")) {
                putProperty(o.props, a.substring(2));
            } else if (valued.contains(name)) {
                o.values.put(name, inline ? a.substring(eq + 1) : value(args, ++i, a));
            } else if (flags.contains(a)) {
                o.values.put(a, "true");
            } else if (a.startsWith("-") && a.length() > 1) {
                throw new IllegalArgumentException(command + ": unknown option " + a + " (see --help)");
            } else {
                o.positional.add(a);
            }
        }
        return o;
    }

    /** The positional arguments, in order. */
    List<String> positional() {
        return positional;
    }

    /** The positional arguments, which must be {@code count}; {@code expected} names them for the error. */
    List<String> positional(int count, String expected) {
        if (positional.size() != count) {
            throw new IllegalArgumentException("expected " + expected + ", got " + positional);
        }
        return positional;
    }

    /** The {@code --prop} / {@code -D} properties, in order. */
    Map<String, String> props() {
        return props;
    }

    boolean has(String option) {
        return values.containsKey(option);
    }

    String value(String option, String otherwise) {
        return values.getOrDefault(option, otherwise);
    }

    int intValue(String option, int otherwise) {
        return Math.toIntExact(longValue(option, otherwise));
    }

    long longValue(String option, long otherwise) {
        String v = values.get(option);
        try {
            return v == null ? otherwise : Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " expects a whole number, got '" + v + "'");
        }
    }

    double doubleValue(String option, double otherwise) {
        String v = values.get(option);
        try {
            return v == null ? otherwise : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " expects a number, got '" + v + "'");
        }
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    private static void putProperty(Map<String, String> props, String keyValue) {
        int eq = keyValue.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("expected key=value, got '" + keyValue + "'");
        }
        props.put(keyValue.substring(0, eq), keyValue.substring(eq + 1));
    }
}
