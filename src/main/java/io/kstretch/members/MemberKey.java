package io.kstretch.members;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Identifies a member: the MemberCluster's namespace and name. The namespace is also where the data plane lives in
 * that member (namespace sameness).
 */
public record MemberKey(String namespace, String name) {

    public static MemberKey of(HasMetadata memberCluster) {
        return new MemberKey(memberCluster.getMetadata().getNamespace(), memberCluster.getMetadata().getName());
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
