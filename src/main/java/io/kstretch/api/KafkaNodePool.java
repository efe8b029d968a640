package io.kstretch.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A group of Kafka nodes with the same roles and resources, placed in one member cluster. It belongs to the Kafka
 * named by its {@code kstretch.io/cluster} label.
 */
@Group(KStretch.GROUP)
@Version(KStretch.VERSION)
@ShortNames("knp")
@AdditionalPrinterColumn(name = "Cluster", jsonPath = ".metadata.labels.kstretch\\.io/cluster", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Member", jsonPath = ".spec.memberCluster", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Roles", jsonPath = ".spec.roles", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Replicas", jsonPath = ".spec.replicas", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.readyReplicas", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "NodeIds", jsonPath = ".status.nodeIds", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class KafkaNodePool extends CustomResource<KafkaNodePoolSpec, KafkaNodePoolStatus> implements Namespaced {
}
