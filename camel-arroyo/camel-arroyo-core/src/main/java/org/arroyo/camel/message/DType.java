package org.arroyo.camel.message;

import java.util.Locale;

/**
 * Element types of an {@link NDArray}, named as numpy names them (without a byte-order mark).
 */
public enum DType {
    BOOL("bool", 1, Kind.BOOL),
    INT8("int8", 1, Kind.SIGNED),
    UINT8("uint8", 1, Kind.UNSIGNED),
    INT16("int16", 2, Kind.SIGNED),
    UINT16("uint16", 2, Kind.UNSIGNED),
    INT32("int32", 4, Kind.SIGNED),
    UINT32("uint32", 4, Kind.UNSIGNED),
    INT64("int64", 8, Kind.SIGNED),
    UINT64("uint64", 8, Kind.UNSIGNED),
    FLOAT16("float16", 2, Kind.FLOAT),
    FLOAT32("float32", 4, Kind.FLOAT),
    FLOAT64("float64", 8, Kind.FLOAT);

    /** How the bytes of one element are read. */
    public enum Kind {
        BOOL,
        SIGNED,
        UNSIGNED,
        FLOAT
    }

    private final String numpyName;
    private final int itemSize;
    private final Kind kind;

    DType(String numpyName, int itemSize, Kind kind) {
        this.numpyName = numpyName;
        this.itemSize = itemSize;
        this.kind = kind;
    }

    /** The numpy name, e.g. {@code "uint32"}. */
    public String numpyName() {
        return numpyName;
    }

    /** Bytes per element. */
    public int itemSize() {
        return itemSize;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * The dtype for a numpy name. Accepts the plain names ({@code "uint16"}), numpy's aliases ({@code "float"},
     * {@code "double"}, {@code "single"}, {@code "half"}) and array-protocol strings with a byte-order mark
     * ({@code "<u2"}, {@code ">f4"}, {@code "|u1"}); the mark itself is ignored here.
     *
     * @throws IllegalArgumentException naming the unknown dtype and the accepted names
     */
    public static DType fromName(String name) {
        if (name == null) {
            throw new IllegalArgumentException("dtype is missing; accepted: " + acceptedNames());
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (DType t : values()) {
            if (t.numpyName.equals(n)) {
                return t;
            }
        }
        DType alias = switch (n) {
            case "bool_", "?" -> BOOL;
            case "byte" -> INT8;
            case "ubyte" -> UINT8;
            case "short" -> INT16;
            case "ushort" -> UINT16;
            case "intc" -> INT32;
            case "uintc" -> UINT32;
            case "int", "long", "longlong", "int_" -> INT64;
            case "uint", "ulong", "ulonglong" -> UINT64;
            case "half" -> FLOAT16;
            case "single" -> FLOAT32;
            case "float", "double", "float_" -> FLOAT64;
            default -> fromTypeString(n);
        };
        if (alias == null) {
            throw new IllegalArgumentException("unknown dtype '" + name + "'; accepted: " + acceptedNames());
        }
        return alias;
    }

    // array-protocol type strings such as "<u4", ">f8", "|b1"
    private static DType fromTypeString(String n) {
        if (n.length() < 2) {
            return null;
        }
        String s = (n.charAt(0) == '<' || n.charAt(0) == '>' || n.charAt(0) == '|' || n.charAt(0) == '=')
                ? n.substring(1) : n;
        if (s.length() < 2) {
            return null;
        }
        int size;
        try {
            size = Integer.parseInt(s.substring(1));
        } catch (NumberFormatException e) {
            return null;
        }
        Kind kind = switch (s.charAt(0)) {
            case 'b' -> Kind.BOOL;
            case 'i' -> Kind.SIGNED;
            case 'u' -> Kind.UNSIGNED;
            case 'f' -> Kind.FLOAT;
            default -> null;
        };
        for (DType t : values()) {
            if (t.kind == kind && t.itemSize == size) {
                return t;
            }
        }
        return null;
    }

    /** The accepted plain names, comma separated, for error messages. */
    public static String acceptedNames() {
        StringBuilder sb = new StringBuilder();
        for (DType t : values()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(t.numpyName);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return numpyName;
    }
}
