package io.kstretch.nativeimage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.AnyType;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsOrBool;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsOrBoolSerDe;
import io.fabric8.kubernetes.internal.KubernetesDeserializer;

/** What the native executable registers of the fabric8 model, and that no model jar is left in Quarkus' index. */
class KubernetesModelReflectionTest {

    @Test
    void modelClassesOfAJarLeaveOutBuildersAndFluents() throws Exception {
        List<String> names = KubernetesModelReflection.modelClassNames(jarOf(PodSpec.class));

        assertThat(names).contains(PodSpec.class.getName(), "io.fabric8.kubernetes.api.model.Quantity$Serializer")
                .doesNotContain(PodSpecBuilder.class.getName(), "io.fabric8.kubernetes.api.model.PodSpecFluent",
                        "io.fabric8.kubernetes.api.model.PodSpecFluent$ContainersNested")
                .allSatisfy(n -> assertThat(n).doesNotContain("Builder").doesNotContain("Fluent"));
    }

    @Test
    void everythingJacksonUsesIsInvocableButNotTheWayToTheBuilder() throws Exception {
        List<Executable> members = KubernetesModelReflection.invocable(PodSpec.class);

        assertThat(members).contains(PodSpec.class.getDeclaredConstructor(),
                PodSpec.class.getMethod("getContainers"), PodSpec.class.getMethod("setContainers", List.class),
                PodSpec.class.getMethod("getAdditionalProperties"),
                PodSpec.class.getMethod("setAdditionalProperty", String.class, Object.class),
                PodSpec.class.getMethod("equals", Object.class));
        assertThat(members).doesNotContain(PodSpec.class.getMethod("edit"), PodSpec.class.getMethod("toBuilder"));
        assertThat(members).filteredOn(m -> m instanceof Method)
                .extracting(m -> ((Method) m).getReturnType().getSimpleName())
                .noneMatch(t -> t.contains("Builder") || t.contains("Fluent"));
    }

    @Test
    void theSerializersAndDeserializersTheAnnotationsNameAreRegisteredWithTheirOwner() {
        assertThat(KubernetesModelReflection.jacksonHelpers(AnyType.class)).contains(AnyType.Serializer.class);
        assertThat(KubernetesModelReflection.jacksonHelpers(Quantity.class))
                .contains(Quantity.Serializer.class, Quantity.Deserializer.class);
        assertThat(KubernetesModelReflection.jacksonHelpers(JSONSchemaPropsOrBool.class))
                .contains(JSONSchemaPropsOrBoolSerDe.Deserializer.class, JSONSchemaPropsOrBoolSerDe.Serializer.class);
        // on a field and its setter (WatchEvent.object), with the "none" defaults of the other attributes
        assertThat(KubernetesModelReflection.jacksonHelpers(WatchEvent.class))
                .containsExactly(KubernetesDeserializer.class);
        // the annotations' "none" defaults are not classes to register
        assertThat(KubernetesModelReflection.jacksonHelpers(IntOrString.class))
                .allSatisfy(c -> assertThat(c.getName()).startsWith("io.fabric8."));
    }

    /**
     * Quarkus registers every class of an indexed model jar with all its methods (builders included): a model jar
     * on the class path that application.properties neither removes nor keeps out of the index (a new one after a
     * fabric8 upgrade) would bring that back unnoticed.
     */
    @Test
    void noModelJarOnTheClassPathIsInQuarkusIndex() throws Exception {
        Properties config = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            config.load(in);
        }
        List<String> removedArtifacts = Arrays.asList(
                config.getProperty("quarkus.class-loading.removed-artifacts").split("\\s*,\\s*"));
        List<Path> modelJars = Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(Path::of).filter(p -> p.getFileName().toString().startsWith("kubernetes-model-")).toList();
        assertThat(modelJars).hasSizeGreaterThan(5);

        for (Path jar : modelJars) {
            String artifact = "io.fabric8:" + jar.getFileName().toString().replaceFirst("-\\d.*$", "");
            if (removedArtifacts.contains(artifact) || !indexesModelClasses(jar)) {
                continue;
            }
            String removed = config.getProperty("quarkus.class-loading.removed-resources.\"" + artifact + "\"", "");
            assertThat(Arrays.asList(removed.split(",")))
                    .as("quarkus.class-loading.removed-resources.\"%s\" in application.properties", artifact)
                    .contains("META-INF/jandex.idx");
        }
    }

    /** An index and model classes: kubernetes-model-common has an index but only sundrio's and Jackson's helpers. */
    private static boolean indexesModelClasses(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getEntry("META-INF/jandex.idx") != null && file.stream()
                    .anyMatch(e -> e.getName().startsWith("io/fabric8/kubernetes/api/model/"));
        }
    }

    private static Path jarOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
