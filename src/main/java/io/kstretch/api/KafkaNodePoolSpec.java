package io.kstretch.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.model.annotation.SpecReplicas;

/** Desired state of a node pool. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KafkaNodePoolSpec {
    @Required
    @ValidationRule(value = "self == oldSelf", message = "memberCluster is immutable: create a new pool in the other member instead")
    @JsonPropertyDescription("The MemberCluster (same namespace) the nodes run in. Immutable.")
    public String memberCluster;

    @Required
    @Min(0)
    @SpecReplicas
    @JsonPropertyDescription("Number of nodes.")
    public Integer replicas;

    @Required
    @JsonPropertyDescription("Non-empty subset of controller, broker.")
    public List<ProcessRole> roles;

    @JsonPropertyDescription("First node id of this pool; default: the next free block of 100 ids. Immutable once assigned.")
    public Integer nodeIdStart;

    @JsonPropertyDescription("Storage of each node; default ephemeral.")
    public Storage storage;

    @JsonPropertyDescription("Container resources of each node.")
    public ResourceRequirements resources;

    @JsonPropertyDescription("JVM heap of each node.")
    public JvmOptions jvmOptions;

    public boolean hasRole(ProcessRole role) {
        return roles != null && roles.contains(role);
    }
}
