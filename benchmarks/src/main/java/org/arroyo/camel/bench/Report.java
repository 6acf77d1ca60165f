package org.arroyo.camel.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Collects rows, prints them as a table and writes them as JSON. Thread-safe: the watchdog may print a partial run. */
public final class Report {

    private final List<Row> rows = new ArrayList<>();

    synchronized void add(Row row) {
        rows.add(row);
        System.out.println("  " + line(row));
    }

    public synchronized List<Row> rows() {
        return List.copyOf(rows);
    }

    synchronized void printTable(PrintStream out) {
        out.println();
        out.println(String.format(Locale.ROOT, "| %-34s | %-8s | %-34s | %12s | %12s | %6s |", "scenario", "size",
                "metric", "ours", "raw", "ratio"));
        out.println("|" + "-".repeat(36) + "|" + "-".repeat(10) + "|" + "-".repeat(36) + "|" + "-".repeat(14) + "|"
                    + "-".repeat(14) + "|" + "-".repeat(8) + "|");
        for (Row r : rows) {
            out.println(String.format(Locale.ROOT, "| %-34s | %-8s | %-34s | %12s | %12s | %6s |", r.scenario(),
                    r.size(), r.metric(), num(r.ours()), num(r.raw()), ratio(r.ratio())));
        }
    }

    private static String line(Row r) {
        return String.format(Locale.ROOT, "%s %s %s: ours %s raw %s ratio %s", r.scenario(), r.size(), r.metric(),
                num(r.ours()), num(r.raw()), ratio(r.ratio()));
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        double a = Math.abs(v);
        if (a >= 1e9) {
            return String.format(Locale.ROOT, "%.2fG", v / 1e9);
        }
        if (a >= 1e6) {
            return String.format(Locale.ROOT, "%.2fM", v / 1e6);
        }
        if (a >= 1e4) {
            return String.format(Locale.ROOT, "%.1fk", v / 1e3);
        }
        return String.format(Locale.ROOT, a >= 100 ? "%.0f" : "%.2f", v);
    }

    private static String ratio(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }

    synchronized void writeJson(Path file) throws IOException {
        StringBuilder sb = new StringBuilder("[\n");
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            sb.append("  {\"scenario\": ").append(str(r.scenario())).append(", \"size\": ").append(str(r.size()))
                    .append(", \"metric\": ").append(str(r.metric())).append(", \"ours\": ").append(json(r.ours()))
                    .append(", \"raw\": ").append(json(r.raw())).append(", \"ratio\": ").append(json(r.ratio()))
                    .append(i < rows.size() - 1 ? "},\n" : "}\n");
        }
        sb.append("]\n");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    private static String json(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "null" : String.format(Locale.ROOT, "%.6g", v);
    }

    private static String str(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ") + "\"";
    }
}
