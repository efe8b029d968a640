package io.kstretch.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * The CRDs shipped under {@code k8s/crds/} are the ones the build generates from the Java model into
 * {@code target/kubernetes/}. Compared as parsed CustomResourceDefinitions, so formatting does not matter.
 * <p>
 * An integration test (failsafe, {@code mvn verify}) on purpose: Quarkus only writes the CRDs while it builds the
 * application ({@code quarkus:build}, package phase) or when a {@code @QuarkusTest} starts, so from a clean
 * {@code target/} they are not there yet when surefire runs plain tests. A missing file fails the test, it never
 * passes silently.
 */
class CrdDriftIT {
    static final String REFRESH = "./mvnw package -DskipTests && cp target/kubernetes/*.kstretch.io-v1.yml k8s/crds/";
    static final String SUFFIX = "-v1.yml";
    private static final ObjectMapper JSON = new ObjectMapper();
    static final List<Class<? extends HasMetadata>> KINDS = List.of(Kafka.class, KafkaNodePool.class,
            MemberCluster.class);

    static Path project() {
        return Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    }

    static Path generated() {
        return project().resolve("target/kubernetes");
    }

    static Path committed() {
        return project().resolve("k8s/crds");
    }

    /** File names of the CRDs of every kstretch kind, e.g. kafkas.kstretch.io-v1.yml. */
    static Set<String> expectedFiles() {
        Set<String> names = new TreeSet<>();
        KINDS.forEach(k -> names.add(HasMetadata.getFullResourceName(k) + SUFFIX));
        return names;
    }

    @Test
    void committedCrdsAreTheGeneratedOnes() throws IOException {
        Set<String> expected = expectedFiles();
        Set<String> generated = crdFiles(generated());
        if (!generated.containsAll(expected)) {
            fail("The generated CRDs are missing from " + generated() + " (found " + generated + ", expected "
                    + expected + "). Quarkus writes them while it builds the application (quarkus:build in the"
                    + " package phase), which is why this check runs under failsafe (mvn verify), after package."
                    + " Run it with: ./mvnw verify, or ./mvnw package -DskipTests before running it from an IDE.");
        }
        Set<String> shipped = crdFiles(committed());
        assertEquals(generated, shipped, "k8s/crds/ must hold exactly the generated CRDs (target/kubernetes/"
                + "*.kstretch.io" + SUFFIX + "). Refresh them with: " + REFRESH);

        List<String> drifted = new ArrayList<>();
        for (String file : generated) {
            CustomResourceDefinition fresh = load(generated().resolve(file));
            CustomResourceDefinition shippedCrd = load(committed().resolve(file));
            if (!fresh.equals(shippedCrd)) {
                List<String> differences = new ArrayList<>();
                diff("", JSON.valueToTree(shippedCrd), JSON.valueToTree(fresh), differences);
                drifted.add(file + ":\n    " + String.join("\n    ", differences.stream().limit(20).toList())
                        + (differences.size() > 20 ? "\n    ... " + (differences.size() - 20) + " more" : ""));
            }
        }
        if (!drifted.isEmpty()) {
            fail("k8s/crds/ is out of date with the Java model (io.kstretch.api); the CRDs a user installs would"
                    + " not match what the operator expects. Differences (committed -> generated):\n  "
                    + String.join("\n  ", drifted) + "\nRefresh them with: " + REFRESH);
        }
    }

    @Test
    void kustomizationInstallsEveryCrd() throws IOException {
        JsonNode kustomization = new YAMLMapper().readTree(project().resolve("k8s/kustomization.yaml").toFile());
        Set<String> resources = new TreeSet<>();
        kustomization.path("resources").forEach(r -> resources.add(r.asText()));
        for (String file : crdFiles(committed())) {
            assertTrue(resources.contains("crds/" + file), "k8s/kustomization.yaml must list crds/" + file
                    + " under resources (it lists " + resources + ")");
        }
    }

    private static Set<String> crdFiles(Path dir) throws IOException {
        Set<String> names = new TreeSet<>();
        if (!Files.isDirectory(dir)) {
            return names;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".kstretch.io" + SUFFIX))
                    .forEach(names::add);
        }
        return names;
    }

    private static CustomResourceDefinition load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            CustomResourceDefinition crd = Serialization.unmarshal(in, CustomResourceDefinition.class);
            if (crd == null || crd.getSpec() == null) {
                fail(file + " is not a CustomResourceDefinition");
            }
            return crd;
        }
    }

    /** Paths where {@code a} and {@code b} differ, with both values. */
    static void diff(String path, JsonNode a, JsonNode b, List<String> out) {
        if (a == null || a.isMissingNode() || a.isNull()) {
            if (!(b == null || b.isMissingNode() || b.isNull())) {
                out.add(path + ": absent -> " + shorten(b));
            }
            return;
        }
        if (b == null || b.isMissingNode() || b.isNull()) {
            out.add(path + ": " + shorten(a) + " -> absent");
            return;
        }
        if (a.isObject() && b.isObject()) {
            Set<String> keys = new TreeSet<>();
            a.fieldNames().forEachRemaining(keys::add);
            b.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                diff(path + "." + key, a.get(key), b.get(key), out);
            }
        } else if (a.isArray() && b.isArray()) {
            for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                diff(path + "[" + i + "]", a.get(i), b.get(i), out);
            }
        } else if (!a.equals(b)) {
            out.add(path + ": " + shorten(a) + " -> " + shorten(b));
        }
    }

    private static String shorten(JsonNode node) {
        String text = node.toString();
        return text.length() > 120 ? text.substring(0, 117) + "..." : text;
    }
}
