package io.kstretch.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Where a node keeps its data: a PersistentVolumeClaim per node, or an emptyDir. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Storage {
    public static final String PERSISTENT_CLAIM = "persistent-claim";
    public static final String EPHEMERAL = "ephemeral";

    @JsonPropertyDescription("persistent-claim or ephemeral (default).")
    public String type;

    @JsonPropertyDescription("Volume size, e.g. 100Gi (required for persistent-claim).")
    public String size;

    @JsonProperty("class")
    @JsonPropertyDescription("StorageClass of the claims.")
    public String storageClass;

    @JsonPropertyDescription("Delete the claims when the pool is scaled down or the Kafka is deleted; default false.")
    public Boolean deleteClaim;

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isPersistent() {
        return PERSISTENT_CLAIM.equals(type);
    }

    public boolean deletesClaims() {
        return Boolean.TRUE.equals(deleteClaim);
    }
}
