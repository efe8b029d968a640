package io.kstretch.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Helpers for checking a provider's {@code spec.networking.config}, so that every provider words its problems the
 * same way.
 */
public final class ProviderConfig {
    /** A DNS name as Kubernetes and certificates accept it: lower-case labels of at most 63, 253 in all. */
    private static final Pattern DNS_NAME = Pattern
            .compile("(?=.{1,253}$)[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*");

    private ProviderConfig() {
    }

    /**
     * The value of a setting that must be a DNS name (e.g. a cluster domain), or {@code defaultValue} when unset; a
     * value that is not adds a problem to {@code problems}.
     */
    public static String dnsName(Map<String, String> config, String key, String defaultValue, List<String> problems) {
        String value = config.getOrDefault(key, defaultValue);
        if (!DNS_NAME.matcher(value).matches()) {
            problems.add("config." + key + " '" + value + "' is not a DNS name");
        }
        return value;
    }

    /** One problem per node whose DNS name ({@code host}) is longer than a DNS name may be (253 characters). */
    public static List<String> longHostNames(ProviderContext ctx, Function<KafkaNode, String> host) {
        List<String> problems = new ArrayList<>();
        for (KafkaNode node : ctx.nodes()) {
            String name = host.apply(node);
            if (name.length() > 253) {
                problems.add("node " + node.id() + ": DNS name " + name + " is longer than 253 characters");
            }
        }
        return problems;
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
