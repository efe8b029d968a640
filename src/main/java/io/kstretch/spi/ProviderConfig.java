package io.kstretch.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Helpers for checking a provider's {@code spec.networking.config}, so that every provider words its problems the
 * same way.
 */
public final class ProviderConfig {
    private ProviderConfig() {
    }

    /**
     * One problem per key of {@code config} that is not a setting of the provider, naming the valid ones.
     *
     * @param provider the provider's name, for the message
     * @param config the config to check
     * @param settings the valid keys; one ending in {@code *} stands for every key with that prefix and at least one
     *        character more (e.g. {@code annotation.*})
     */
    public static List<String> unknownKeys(String provider, Map<String, String> config, List<String> settings) {
        List<String> problems = new ArrayList<>();
        String valid = settings.isEmpty() ? "it has none" : "settings: " + String.join(", ", settings);
        for (String key : new TreeSet<>(config.keySet())) {
            boolean known = settings.stream().anyMatch(s -> s.endsWith("*")
                    ? key.length() >= s.length() && key.startsWith(s.substring(0, s.length() - 1))
                    : key.equals(s));
            if (!known) {
                problems.add("config." + key + " is not a setting of the " + provider + " provider (" + valid + ")");
            }
        }
        return problems;
    }

    /**
     * The value of a boolean setting: {@code "true"} or {@code "false"}, or {@code defaultValue} when unset. Any
     * other value adds a problem to {@code problems} and counts as the default.
     */
    public static boolean booleanValue(Map<String, String> config, String key, boolean defaultValue,
            List<String> problems) {
        String value = config.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (!value.equals("true") && !value.equals("false")) {
            problems.add("config." + key + " '" + value + "' must be \"true\" or \"false\"");
            return defaultValue;
        }
        return Boolean.parseBoolean(value);
    }
}
