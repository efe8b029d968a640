package io.kstretch.members;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** Told about what happens in members: their health changing, and objects kstretch wrote there changing. */
public interface MemberListener {

    default void healthChanged(MemberKey member, MemberHealth health) {
    }

    default void objectChanged(MemberKey member, HasMetadata object) {
    }

    default void removed(MemberKey member) {
    }
}
