package io.kstretch.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kstretch.members.KubeconfigException;
import io.kstretch.members.KubeconfigPolicy;
import io.kstretch.validation.KafkaValidator;
import io.kstretch.validation.Problem;

/**
 * Every document under {@code k8s/examples/} is something a user can apply as it is: it has a namespace, each
 * kstretch resource reads into the model without losing a field and fits the CRD schema shipped in
 * {@code k8s/crds/}, the Kafka passes {@link KafkaValidator} with the MemberClusters and pools of the same files,
 * and every kubeconfig Secret a MemberCluster names is there, in a shape {@link KubeconfigPolicy} accepts.
 */
class ExamplesTest {
    private static final Path PROJECT = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    private static final Path EXAMPLES = PROJECT.resolve("k8s/examples");
    private static final Path CRDS = PROJECT.resolve("k8s/crds");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "Kafka", Kafka.class, "KafkaNodePool", KafkaNodePool.class, "MemberCluster", MemberCluster.class);

    record Document(String where, JsonNode node) {
        String kind() {
            return node.path("kind").asText();
        }

        String namespace() {
            return node.path("metadata").path("namespace").asText(null);
        }

        boolean isKstretch() {
            return node.path("apiVersion").asText().startsWith(KStretch.GROUP + "/");
        }
    }

    static List<Document> documents;

    @BeforeAll
    static void load() throws IOException {
        documents = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(EXAMPLES)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted(Comparator.comparing(Path::toString)).toList();
        }
        YAMLMapper yaml = new YAMLMapper();
        for (Path file : files) {
            try (MappingIterator<JsonNode> docs = yaml.readerFor(JsonNode.class).readValues(file.toFile())) {
                int index = 0;
                while (docs.hasNext()) {
                    JsonNode node = docs.next();
                    index++;
                    if (node == null || node.isNull() || node.isMissingNode()
                            || node.isObject() && node.isEmpty()) {
                        continue; // a document of comments only
                    }
                    documents.add(new Document(PROJECT.relativize(file) + " #" + index, node));
                }
            }
        }
        assertFalse(documents.isEmpty(), "no YAML documents under " + EXAMPLES);
    }

    @Test
    void everyDocumentHasANamespace() {
        for (Document doc : documents) {
            assertTrue(doc.node().path("kind").isTextual(), doc.where() + ": no kind");
            assertTrue(doc.node().path("metadata").path("name").isTextual(), doc.where() + ": no metadata.name");
            String namespace = doc.namespace();
            assertTrue(namespace != null && !namespace.isBlank(), doc.where() + " (" + doc.kind()
                    + "): metadata.namespace is missing; every example names its namespace");
        }
    }

    @Test
    void kstretchResourcesReadIntoTheModelAndFitTheCrdSchema() throws IOException {
        int seen = 0;
        for (Document doc : documents) {
            if (!doc.isKstretch()) {
                continue;
            }
            seen++;
            Class<? extends HasMetadata> type = KINDS.get(doc.kind());
            assertNotNull(type, doc.where() + ": unknown kstretch kind " + doc.kind());
            assertEquals(HasMetadata.getApiVersion(type), doc.node().path("apiVersion").asText(),
                    doc.where() + ": apiVersion");
            HasMetadata resource = read(doc, type);
            assertNotNull(resource.getMetadata(), doc.where() + ": metadata");

            // nothing is lost on the way into the model (a field the model does not know would be dropped)
            JsonNode written = JSON.readTree(Serialization.asJson(resource));
            List<String> lost = new ArrayList<>();
            CrdDriftIT.diff("", withoutStatus(doc.node()), withoutStatus(written), lost);
            assertTrue(lost.isEmpty(), doc.where() + ": the example and the " + type.getSimpleName()
                    + " read from it differ (example -> model): " + lost);

            // and the API server would take it: every field is in the CRD's schema, with the right type
            JSONSchemaProps schema = schema(type);
            List<String> problems = new ArrayList<>();
            JSONSchemaProps specSchema = schema.getProperties().get("spec");
            check(doc.node().path("spec"), specSchema, ".spec", problems);
            assertFalse(doc.node().has("status"), doc.where() + ": examples do not carry a status");
            assertTrue(problems.isEmpty(), doc.where() + ": does not fit " + HasMetadata.getFullResourceName(type)
                    + " in k8s/crds/: " + problems);
        }
        assertTrue(seen > 0, "no kstretch resources under " + EXAMPLES);
    }

    @Test
    void everyKafkaIsValidWithTheMembersAndPoolsOfTheExamples() {
        List<Kafka> kafkas = resources(Kafka.class);
        assertFalse(kafkas.isEmpty(), "no Kafka under " + EXAMPLES);
        for (Kafka kafka : kafkas) {
            String namespace = kafka.getMetadata().getNamespace();
            String name = kafka.getMetadata().getName();
            Map<String, MemberCluster> members = new TreeMap<>();
            resources(MemberCluster.class).stream().filter(m -> namespace.equals(m.getMetadata().getNamespace()))
                    .forEach(m -> members.put(m.getMetadata().getName(), m));
            List<KafkaNodePool> pools = resources(KafkaNodePool.class).stream()
                    .filter(p -> namespace.equals(p.getMetadata().getNamespace()))
                    .filter(p -> p.getMetadata().getLabels() != null
                            && name.equals(p.getMetadata().getLabels().get(KStretch.CLUSTER_LABEL)))
                    .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
                    .toList();
            assertFalse(pools.isEmpty(), "Kafka " + namespace + "/" + name + ": no pool labelled for it");
            List<Problem> problems = KafkaValidator.validate(kafka, pools, members, builtInProviders());
            assertEquals(List.of(), problems, "Kafka " + namespace + "/" + name + " is not valid");

            // and its provider takes its networking config, in members that have the provider's prerequisites
            var ids = io.kstretch.topology.NodeIdBlocks.assign(pools, null);
            var topology = io.kstretch.topology.Topology.of(kafka, pools, ids.firstIds(),
                    io.kstretch.reconcile.KafkaReconciler.spiMembers(members, namespace));
            var simulated = new io.kstretch.spi.contract.SimulatedMembers();
            int index = 0;
            for (String member : members.keySet()) {
                simulated.nodes(member, io.kstretch.testing.TestNodes.standard(member, index++));
                PREREQUISITES.forEach(api -> simulated.serve(member, api.substring(0, api.lastIndexOf('/')),
                        api.substring(api.lastIndexOf('/') + 1)));
            }
            var ctx = new io.kstretch.spi.contract.TestProviderContext(topology,
                    kafka.getSpec().networking.config == null ? Map.of() : kafka.getSpec().networking.config,
                    simulated);
            assertEquals(List.of(), PROVIDERS.get(kafka.getSpec().networking.provider).validate(ctx),
                    "Kafka " + namespace + "/" + name + ": spec.networking is not valid for its provider");
        }
    }

    /** The built-in providers by name. */
    private static final Map<String, io.kstretch.spi.NetworkingProvider> PROVIDERS = Map.of(
            "mcs", new io.kstretch.plugins.mcs.McsNetworkingProvider(),
            "nodeport", new io.kstretch.plugins.nodeport.NodePortNetworkingProvider(),
            "loadbalancer", new io.kstretch.plugins.loadbalancer.LoadBalancerNetworkingProvider(),
            "cilium", new io.kstretch.plugins.cilium.CiliumNetworkingProvider(),
            "istio", new io.kstretch.plugins.istio.IstioNetworkingProvider());
    /** What the built-in providers look for in members: apiVersion/kind. */
    private static final List<String> PREREQUISITES = List.of("multicluster.x-k8s.io/v1alpha1/ServiceExport",
            "cilium.io/v2/CiliumNode", "networking.istio.io/v1/DestinationRule");

    /** The built-in providers: one per directory under plugins/ (each named after its @Identifier). */
    static Set<String> builtInProviders() {
        try (Stream<Path> dirs = Files.list(PROJECT.resolve("plugins"))) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void thereIsAnExampleKafkaForEveryBuiltInProvider() {
        Set<String> used = new java.util.TreeSet<>();
        resources(Kafka.class).forEach(k -> used.add(k.getSpec().networking.provider));
        assertEquals(builtInProviders(), used, "providers of the example Kafkas under " + EXAMPLES);
        assertEquals(builtInProviders(), new java.util.TreeSet<>(PROVIDERS.keySet()), "ExamplesTest.PROVIDERS");
    }

    @Test
    void everyKubeconfigSecretIsThereAndAcceptable() {
        List<MemberCluster> remote = resources(MemberCluster.class).stream().filter(m -> !m.isCentral()).toList();
        assertFalse(remote.isEmpty(), "the examples have no remote MemberCluster");
        for (MemberCluster member : remote) {
            SecretKeyReference ref = member.getSpec().kubeconfigSecret;
            String where = "MemberCluster " + member.getMetadata().getName() + " spec.kubeconfigSecret";
            Secret secret = resources(Secret.class).stream()
                    .filter(s -> s.getMetadata().getNamespace().equals(member.getMetadata().getNamespace())
                            && s.getMetadata().getName().equals(ref.name))
                    .findFirst().orElse(null);
            assertNotNull(secret, where + ": no Secret " + ref.name + " in the examples");
            String kubeconfig = secret.getStringData() != null && secret.getStringData().get(ref.keyOrDefault()) != null
                    ? secret.getStringData().get(ref.keyOrDefault())
                    : secret.getData() == null || secret.getData().get(ref.keyOrDefault()) == null ? null
                            : new String(Base64.getDecoder().decode(secret.getData().get(ref.keyOrDefault())),
                                    StandardCharsets.UTF_8);
            assertNotNull(kubeconfig, where + ": Secret " + ref.name + " has no key " + ref.keyOrDefault());
            try {
                KubeconfigPolicy.check(kubeconfig);
            } catch (KubeconfigException e) {
                fail(where + ": the template's kubeconfig would be refused: " + e.reason() + ": " + e.getMessage());
            }
            assertTrue(kubeconfig.contains("FAKE") && kubeconfig.contains(".invalid"),
                    where + ": the template must hold obviously fake data only");
        }
    }

    private <T extends HasMetadata> List<T> resources(Class<T> type) {
        List<T> found = new ArrayList<>();
        for (Document doc : documents) {
            if (doc.kind().equals(HasMetadata.getKind(type))
                    && doc.node().path("apiVersion").asText().equals(HasMetadata.getApiVersion(type))) {
                found.add(read(doc, type));
            }
        }
        return found;
    }

    private static <T extends HasMetadata> T read(Document doc, Class<T> type) {
        try {
            T resource = Serialization.unmarshal(JSON.writeValueAsString(doc.node()), type);
            assertNotNull(resource, doc.where() + ": read as null");
            return resource;
        } catch (IOException | RuntimeException e) {
            throw new AssertionError(doc.where() + ": does not read as " + type.getSimpleName() + ": "
                    + e.getMessage(), e);
        }
    }

    private static JsonNode withoutStatus(JsonNode node) {
        ObjectNode copy = node.deepCopy();
        copy.remove("status");
        return copy;
    }

    private static JSONSchemaProps schema(Class<? extends HasMetadata> type) throws IOException {
        Path file = CRDS.resolve(HasMetadata.getFullResourceName(type) + CrdDriftIT.SUFFIX);
        try (InputStream in = Files.newInputStream(file)) {
            CustomResourceDefinition crd = Serialization.unmarshal(in, CustomResourceDefinition.class);
            return crd.getSpec().getVersions().stream()
                    .filter(v -> v.getName().equals(HasMetadata.getVersion(type))).findFirst()
                    .orElseThrow(() -> new AssertionError(file + " has no version " + HasMetadata.getVersion(type)))
                    .getSchema().getOpenAPIV3Schema();
        }
    }

    /**
     * A structural-schema check of {@code value}: known fields only (what the API server would prune or, with
     * kubectl's default strict field validation, reject), types, enums, minimums and required fields.
     */
    static void check(JsonNode value, JSONSchemaProps schema, String path, List<String> problems) {
        if (schema == null || Boolean.TRUE.equals(schema.getXKubernetesPreserveUnknownFields())) {
            return;
        }
        if (Boolean.TRUE.equals(schema.getXKubernetesIntOrString())) {
            if (!value.isIntegralNumber() && !value.isTextual()) {
                problems.add(path + ": must be an integer or a string");
            }
            return;
        }
        String type = schema.getType() == null ? "" : schema.getType();
        switch (type) {
            case "object" -> {
                if (!value.isObject()) {
                    problems.add(path + ": must be an object");
                    return;
                }
                if (schema.getRequired() != null) {
                    schema.getRequired().stream().filter(r -> !value.has(r))
                            .forEach(r -> problems.add(path + "." + r + ": required"));
                }
                value.fields().forEachRemaining(field -> {
                    String at = path + "." + field.getKey();
                    JSONSchemaProps property = schema.getProperties() == null ? null
                            : schema.getProperties().get(field.getKey());
                    var additional = schema.getAdditionalProperties();
                    if (property != null) {
                        check(field.getValue(), property, at, problems);
                    } else if (additional != null && additional.getSchema() != null) {
                        check(field.getValue(), additional.getSchema(), at, problems);
                    } else if (additional == null || !Boolean.TRUE.equals(additional.getAllows())) {
                        problems.add(at + ": not in the schema (unknown field)");
                    }
                });
            }
            case "array" -> {
                if (!value.isArray()) {
                    problems.add(path + ": must be an array");
                    return;
                }
                for (int i = 0; i < value.size(); i++) {
                    check(value.get(i), schema.getItems() == null ? null : schema.getItems().getSchema(),
                            path + "[" + i + "]", problems);
                }
            }
            case "string" -> {
                if (!value.isTextual()) {
                    problems.add(path + ": must be a string (quote it)");
                }
            }
            case "integer" -> {
                if (!value.isIntegralNumber()) {
                    problems.add(path + ": must be an integer");
                } else if (schema.getMinimum() != null && value.asDouble() < schema.getMinimum()) {
                    problems.add(path + ": must be at least " + schema.getMinimum());
                }
            }
            case "number" -> {
                if (!value.isNumber()) {
                    problems.add(path + ": must be a number");
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    problems.add(path + ": must be true or false");
                }
            }
            default -> {
                // no type: anything goes
            }
        }
        if (schema.getEnum() != null && !schema.getEnum().isEmpty() && !schema.getEnum().contains(value)) {
            problems.add(path + ": " + value + " is not one of " + schema.getEnum());
        }
    }
}
