package io.kstretch.dev;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Condition;
import io.kstretch.api.Conditions;

/** What the benchmarks share: settings from the environment, medians and ranges for the tables, how main ends. */
final class Bench {
    /** A benchmark's work, run by {@link #runAndExit}. */
    @FunctionalInterface
    interface Body {
        void run() throws Exception;
    }

    private Bench() {
    }

    /**
     * Runs {@code body} and exits the JVM: 0 when it finished, 1 (after the stack trace) when it failed. The
     * embedded API servers leave non-daemon threads behind, which would otherwise keep the JVM alive.
     */
    static void runAndExit(Body body) {
        try {
            body.run();
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    /** Environment variable {@code name}, or {@code fallback} when unset or blank. */
    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** Whether condition {@code type} is there with status True. */
    static boolean isTrue(List<Condition> conditions, String type) {
        return Conditions.find(conditions, type).map(c -> Conditions.TRUE.equals(c.getStatus())).orElse(false);
    }

    /** The value of {@code key} in each result (NaN where missing). */
    static List<Double> values(List<Map<String, Double>> results, String key) {
        return results.stream().map(r -> r.getOrDefault(key, Double.NaN)).toList();
    }

    /** The median of the values that are not NaN; NaN when there are none. */
    static double median(List<Double> values) {
        List<Double> sorted = values.stream().filter(v -> !v.isNaN()).sorted().toList();
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** "median (min–max)" of the values that are not NaN, each in {@code format}; "n/a" when there are none. */
    static String range(List<Double> values, String format) {
        List<Double> sorted = values.stream().filter(v -> !v.isNaN()).sorted().toList();
        if (sorted.isEmpty()) {
            return "n/a";
        }
        return String.format(format, median(sorted)) + " (" + String.format(format, sorted.get(0)) + "–"
                + String.format(format, sorted.get(sorted.size() - 1)) + ")";
    }
}
