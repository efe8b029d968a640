package io.kstretch.render;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.kstretch.api.KStretch;

/**
 * The GC anchor of a Kafka in a remote member: a ConfigMap that owns every object kstretch writes there, so that
 * deleting it (and only it) removes the Kafka's data plane in that member through Kubernetes garbage collection.
 */
public final class Anchor {
    private Anchor() {
    }

    public static ConfigMap render(String kafka, String namespace, String kafkaUid, String member, String name) {
        Map<String, String> labels = new TreeMap<>(Labels.managed(kafka, member));
        labels.put(KStretch.ANCHOR_LABEL, "true");
        labels.put(KStretch.KAFKA_NAMESPACE_LABEL, namespace);
        labels.put(KStretch.KAFKA_UID_LABEL, kafkaUid);
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .withLabels(labels)
                .withFinalizers(List.of(KStretch.ANCHOR_FINALIZER))
                .addToAnnotations("kstretch.io/description", "Owns the objects of Kafka " + namespace + "/" + kafka
                        + " in this cluster. kstretch deletes it when the Kafka is deleted; deleting it by hand makes"
                        + " kstretch replace it.")
                .endMetadata()
                .withData(Map.of("kafka", namespace + "/" + kafka, "uid", kafkaUid))
                .build();
    }
}
