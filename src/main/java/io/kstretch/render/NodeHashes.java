package io.kstretch.render;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The per-node configuration hashes a pool's pod template carries ({@code kstretch.io/config-hashes: "id=hash,..."}).
 * A pod keeps the annotation of the template it was made from, so comparing it with what was rendered tells whether
 * the node runs its current configuration or needs a restart.
 */
public final class NodeHashes {
    private NodeHashes() {
    }

    public static String format(Map<Integer, String> hashes) {
        return new TreeMap<>(hashes).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }

    /**
     * Each node's configuration hash combined with a hash of the pod template it runs in (before this annotation is
     * added to it), so that a template change restarts the nodes too.
     */
    public static Map<Integer, String> withTemplate(Map<Integer, String> configHashes,
            io.fabric8.kubernetes.api.model.PodTemplateSpec template) {
        String templateHash = Hashing.of(template);
        Map<Integer, String> combined = new TreeMap<>();
        configHashes.forEach((id, hash) -> combined.put(id, Hashing.sha256(hash + "\0" + templateHash)));
        return combined;
    }

    /** The hashes in {@code annotation}; empty for null or malformed text. */
    public static Map<Integer, String> parse(String annotation) {
        Map<Integer, String> hashes = new TreeMap<>();
        if (annotation == null || annotation.isBlank()) {
            return hashes;
        }
        for (String entry : annotation.split(",")) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                try {
                    hashes.put(Integer.parseInt(entry.substring(0, eq).trim()), entry.substring(eq + 1).trim());
                } catch (NumberFormatException e) {
                    // not ours
                }
            }
        }
        return hashes;
    }
}
