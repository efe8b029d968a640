package io.kstretch.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ISCSIVolumeSource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.KubernetesListBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.kstretch.api.Conditions;
import io.kstretch.api.Kafka;
import io.kstretch.api.KafkaStatus;
import io.kstretch.api.Quorum;
import io.kstretch.topology.PoolLayout;
import io.kstretch.topology.Topology;

class LazyPropertyDeserializersTest {

    /** The bean types a mapper has built deserializers for, in the order it built them. */
    private static final class Learnt extends SimpleModule {
        private static final long serialVersionUID = 1L;
        final List<Class<?>> types = Collections.synchronizedList(new ArrayList<>());

        Learnt() {
            super("learnt");
            setDeserializerModifier(new BeanDeserializerModifier() {
                private static final long serialVersionUID = 1L;

                @Override
                public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription bean,
                        JsonDeserializer<?> deserializer) {
                    types.add(bean.getBeanClass());
                    return deserializer;
                }
            });
        }
    }

    private static KubernetesSerialization plain(Learnt learnt) {
        return new KubernetesSerialization(new ObjectMapper().registerModule(learnt), true);
    }

    private static KubernetesSerialization lazy(Learnt learnt) {
        return new KubernetesSerialization(
                new ObjectMapper().registerModules(new LazyPropertyDeserializers(), learnt), true);
    }

    private static StatefulSet statefulSet() {
        Topology topology = RenderFixtures.mixed(Quorum.DYNAMIC, Map.of());
        PoolLayout layout = topology.pools().get(0);
        return PoolStatefulSet.render(topology, layout, Map.of(layout.firstId(), "h0"));
    }

    private static Pod podWithStatusAndRareVolumes() {
        return new PodBuilder().withNewMetadata().withName("p").withLabels(Map.of("a", "b")).endMetadata()
                .withNewSpec()
                .addNewContainer().withName("c").withImage("i")
                .withNewResources().addToRequests("memory", new Quantity("1Gi")).endResources()
                .withNewReadinessProbe().withNewTcpSocket().withPort(new IntOrString(9092)).endTcpSocket()
                .endReadinessProbe()
                .addNewEnv().withName("E").withNewValueFrom().withNewFieldRef("v1", "metadata.name").endValueFrom()
                .endEnv()
                .endContainer()
                .addNewVolume().withName("iscsi").withNewIscsi().withIqn("iqn").withLun(0).withPortals("p")
                .withTargetPortal("t").endIscsi().endVolume()
                .addNewVolume().withName("rbd").withNewRbd().withImage("img").withMonitors("m").endRbd().endVolume()
                .endSpec()
                .withNewStatus().withPhase("Running")
                .addNewCondition().withType("Ready").withStatus("True").endCondition()
                .addNewContainerStatus().withName("c").withReady(true).withRestartCount(2)
                .withNewState().withNewRunning().withStartedAt("2026-01-01T00:00:00Z").endRunning().endState()
                .withNewLastState().withNewTerminated().withExitCode(137).withReason("OOMKilled").endTerminated()
                .endLastState()
                .endContainerStatus()
                .endStatus()
                .build();
    }

    private static CustomResourceDefinition crd() {
        JSONSchemaProps spec = new JSONSchemaPropsBuilder().withType("object")
                .addToProperties("replicas", new JSONSchemaPropsBuilder().withType("integer").withMinimum(0.0).build())
                .addToProperties("port", new JSONSchemaPropsBuilder().withXKubernetesIntOrString(true).build())
                .withNewAdditionalProperties().withAllows(true).endAdditionalProperties()
                .build();
        return new CustomResourceDefinitionBuilder().withNewMetadata().withName("kafkas.kstretch.io").endMetadata()
                .withNewSpec().withGroup("kstretch.io").withNewNames().withKind("Kafka").withPlural("kafkas")
                .endNames()
                .addNewVersion().withName("v1alpha1").withServed(true).withStorage(true)
                .withNewSchema().withNewOpenAPIV3Schema().withType("object").addToProperties("spec", spec)
                .endOpenAPIV3Schema().endSchema()
                .endVersion()
                .endSpec().build();
    }

    private static Kafka kafkaWithStatus() {
        Kafka kafka = RenderFixtures.kafka(Quorum.DYNAMIC, Map.of("min.insync.replicas", "2"));
        kafka.setStatus(new KafkaStatus());
        kafka.getStatus().clusterId = "abc";
        kafka.getStatus().conditions = new ArrayList<>(List.of(Conditions.of(Conditions.READY, true, "Ready",
                "all nodes are ready")));
        return kafka;
    }

    @Test
    void readsWhatJacksonReadsWithoutIt() {
        KubernetesSerialization writer = plain(new Learnt());
        Service service = new ServiceBuilder().withNewMetadata().withName("s").endMetadata().withNewSpec()
                .addNewPort().withName("p").withPort(9092).withTargetPort(new IntOrString("kafka")).endPort()
                .withPublishNotReadyAddresses(true).endSpec().build();
        KubernetesList list = new KubernetesListBuilder().addToItems(service, podWithStatusAndRareVolumes()).build();
        GenericKubernetesResource generic = writer.unmarshal(
                "{\"apiVersion\":\"multicluster.x-k8s.io/v1alpha1\",\"kind\":\"ServiceExport\","
                        + "\"metadata\":{\"name\":\"e\"},\"spec\":{\"x\":[1,{\"y\":null}]}}",
                GenericKubernetesResource.class);
        List<Object> objects = List.of(statefulSet(), podWithStatusAndRareVolumes(), service, list, crd(),
                kafkaWithStatus(), generic);
        for (Object object : objects) {
            String json = writer.asJson(object);
            Object expected = plain(new Learnt()).unmarshal(json, object.getClass());
            Object read = lazy(new Learnt()).unmarshal(json, object.getClass());
            // field by field (KubernetesList has no equals of its own)
            assertThat(read).as(object.getClass().getSimpleName() + " read with and without")
                    .usingRecursiveComparison().isEqualTo(expected);
            assertThat(read).as(object.getClass().getSimpleName() + " written and read")
                    .usingRecursiveComparison().isEqualTo(object);
        }
    }

    @Test
    void unusualInputIsReadOrRefusedAsWithout() {
        List<String> documents = List.of(
                // explicit nulls, unknown fields, a number as a string, an empty list
                "{\"metadata\":{\"name\":\"p\",\"labels\":null,\"unknownField\":{\"a\":1}},\"spec\":{\"containers\":"
                        + "[{\"name\":\"c\",\"ports\":[{\"containerPort\":\"9092\"}],\"livenessProbe\":null}],"
                        + "\"volumes\":[]}}",
                // an object where a list is expected, and a string where an object is
                "{\"spec\":{\"containers\":{\"name\":\"c\"}}}",
                "{\"spec\":{\"affinity\":\"\"}}",
                "{\"spec\":{\"securityContext\":5}}");
        for (String json : documents) {
            Object expected = read(plain(new Learnt()), json);
            Object read = read(lazy(new Learnt()), json);
            assertThat(read).as(json).isEqualTo(expected);
        }
    }

    @com.fasterxml.jackson.annotation.JsonTypeInfo(use = com.fasterxml.jackson.annotation.JsonTypeInfo.Id.NAME,
            property = "shape")
    @com.fasterxml.jackson.annotation.JsonSubTypes({
        @com.fasterxml.jackson.annotation.JsonSubTypes.Type(value = Circle.class, name = "circle"),
        @com.fasterxml.jackson.annotation.JsonSubTypes.Type(value = Square.class, name = "square") })
    public abstract static class Shape {
    }

    public static class Circle extends Shape {
        public int radius;
    }

    public static class Square extends Shape {
        public int side;
    }

    public static class Drawing {
        public Shape main;
        public List<Shape> others;
    }

    @Test
    void polymorphicPropertiesAreReadByTheirTypeIds() throws Exception {
        String json = "{\"main\":{\"shape\":\"square\",\"side\":2},"
                + "\"others\":[{\"shape\":\"circle\",\"radius\":1},{\"shape\":\"square\",\"side\":3}]}";
        Drawing read = new ObjectMapper().registerModule(new LazyPropertyDeserializers()).readValue(json,
                Drawing.class);
        assertThat(read).usingRecursiveComparison().isEqualTo(new ObjectMapper().readValue(json, Drawing.class));
        assertThat(read.main).isInstanceOf(Square.class);
        assertThat(read.others).hasExactlyElementsOfTypes(Circle.class, Square.class);
    }

    /** The Pod read, or the class of the exception that refused it. */
    private static Object read(KubernetesSerialization serialization, String json) {
        Throwable refused = catchThrowable(() -> serialization.unmarshal(json, Pod.class));
        return refused != null ? refused.getClass() : serialization.unmarshal(json, Pod.class);
    }

    @Test
    void learnsOnlyTheTypesItReads() {
        String statefulSet = plain(new Learnt()).asJson(statefulSet());
        Set<Class<?>> rare = Set.of(ISCSIVolumeSource.class,
                io.fabric8.kubernetes.api.model.EphemeralContainer.class);

        Learnt eager = new Learnt();
        plain(eager).unmarshal(statefulSet, StatefulSet.class);
        assertThat(eager.types).as("without the module").containsAll(rare);

        Learnt learnt = new Learnt();
        KubernetesSerialization lazy = lazy(learnt);
        lazy.unmarshal(statefulSet, StatefulSet.class);
        assertThat(learnt.types).contains(StatefulSet.class, io.fabric8.kubernetes.api.model.PodSpec.class)
                .doesNotContainAnyElementsOf(rare);
        assertThat(learnt.types.size()).isLessThan(eager.types.size() / 2);

        // a type is learnt when a value of it is first read
        Pod pod = lazy.unmarshal(plain(new Learnt()).asJson(podWithStatusAndRareVolumes()), Pod.class);
        assertThat(pod.getSpec().getVolumes().get(0).getIscsi().getIqn()).isEqualTo("iqn");
        assertThat(learnt.types).contains(ISCSIVolumeSource.class)
                .doesNotContain(io.fabric8.kubernetes.api.model.EphemeralContainer.class);
    }
}
