package io.kstretch.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The node start script (design §6), shipped as a resource and rendered into every pool's ConfigMap. */
public final class StartScript {
    public static final String FILE = "run.sh";
    /** Where the pool's ConfigMap is mounted in the pod. */
    public static final String CONFIG_DIR = "/opt/kstretch/config";
    public static final String DATA_DIR = "/var/lib/kafka/data";
    public static final String CERTS_DIR = "/opt/kstretch/certs";
    public static final String TMP_DIR = "/tmp";

    private static final String TEXT = load();

    private StartScript() {
    }

    public static String text() {
        return TEXT;
    }

    private static String load() {
        try (InputStream in = StartScript.class.getResourceAsStream("/io/kstretch/render/run.sh")) {
            if (in == null) {
                throw new IllegalStateException("io/kstretch/render/run.sh missing from the application");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
