package io.kstretch.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A Kubernetes cluster that may host Kafka nodes: the central cluster itself, or one reached through a kubeconfig. */
@Group(KStretch.GROUP)
@Version(KStretch.VERSION)
@ShortNames("kmc")
@AdditionalPrinterColumn(name = "Reachable", jsonPath = ".status.conditions[?(@.type==\"Reachable\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Reason", jsonPath = ".status.conditions[?(@.type==\"Reachable\")].reason", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Version", jsonPath = ".status.kubernetesVersion", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class MemberCluster extends CustomResource<MemberClusterSpec, MemberClusterStatus> implements Namespaced {

    /** broker.rack of nodes placed here. */
    public String rack() {
        var spec = getSpec();
        return spec != null && spec.rack != null && !spec.rack.isBlank() ? spec.rack : getMetadata().getName();
    }

    /** MCS cluster id (ClusterProperty cluster.clusterset.k8s.io). */
    public String mcsClusterId() {
        var spec = getSpec();
        return spec != null && spec.mcsClusterId != null && !spec.mcsClusterId.isBlank() ? spec.mcsClusterId
                : getMetadata().getName();
    }

    /** True when this member is the cluster the operator runs in. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isCentral() {
        return getSpec() == null || getSpec().kubeconfigSecret == null;
    }
}
