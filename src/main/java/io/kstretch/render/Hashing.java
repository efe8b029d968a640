package io.kstretch.render;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;


/** Stable short hashes of text and of objects (canonical JSON: object keys sorted). */
public final class Hashing {
    private Hashing() {
    }

    public static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Hash of an object's JSON form with object keys sorted, so that map order never matters. */
    public static String of(Object value) {
        JsonNode tree = KubernetesJson.SERIALIZATION.convertValue(value, JsonNode.class);
        StringBuilder canonical = new StringBuilder();
        canonical(tree, canonical);
        return sha256(canonical.toString());
    }

    /** Hash of a string map, independent of its order. */
    public static String ofMap(Map<String, String> map) {
        return of(map == null ? Map.of() : new java.util.TreeMap<>(map));
    }

    private static void canonical(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            Iterator<String> it = node.fieldNames();
            it.forEachRemaining(names::add);
            Collections.sort(names);
            out.append('{');
            for (String name : names) {
                out.append(KubernetesJson.SERIALIZATION.asJson(name)).append(':');
                canonical(node.get(name), out);
                out.append(',');
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (JsonNode element : node) {
                canonical(element, out);
                out.append(',');
            }
            out.append(']');
        } else {
            out.append(node.toString());
        }
    }
}
