package io.kstretch.reconcile;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.Secret;

/** A Secret's values as text: its base64 {@code data}, and {@code stringData} (which the test API server keeps). */
final class SecretText {
    private SecretText() {
    }

    /** Key → value; a key in both takes its {@code stringData} value, as an API server merges them on write. */
    static Map<String, String> of(Secret secret) {
        Map<String, String> text = new TreeMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> text.put(k, new String(Base64.getDecoder().decode(v),
                    StandardCharsets.UTF_8)));
        }
        if (secret.getStringData() != null) {
            text.putAll(secret.getStringData());
        }
        return text;
    }
}
