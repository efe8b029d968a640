package io.kstretch.api;

/** Names shared by the API, the operator and the objects it writes: group, labels, annotations, finalizers. */
public final class KStretch {
    public static final String GROUP = "kstretch.io";
    public static final String VERSION = "v1alpha1";

    /** Label on every object kstretch writes, and on the node pools that belong to a Kafka. */
    public static final String CLUSTER_LABEL = GROUP + "/cluster";
    public static final String MEMBER_LABEL = GROUP + "/member";
    public static final String POOL_LABEL = GROUP + "/pool";
    public static final String ANCHOR_LABEL = GROUP + "/anchor";
    public static final String KAFKA_NAMESPACE_LABEL = GROUP + "/kafka-namespace";
    public static final String KAFKA_UID_LABEL = GROUP + "/kafka-uid";
    /** On a Kafka's CA Secrets in the central cluster: cluster or clients. */
    public static final String CA_LABEL = GROUP + "/ca";
    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY = "kstretch";
    public static final String NAME_LABEL = "app.kubernetes.io/name";
    public static final String INSTANCE_LABEL = "app.kubernetes.io/instance";
    public static final String COMPONENT_LABEL = "app.kubernetes.io/component";

    /** Hash of what kstretch rendered for an object; an object whose hash matches is not written again. */
    public static final String RENDERED_HASH_ANNOTATION = GROUP + "/rendered-hash";
    /** Per-node configuration hashes on a pool's pod template ({@code id=hash,...}), read by the roll step. */
    public static final String CONFIG_HASHES_ANNOTATION = GROUP + "/config-hashes";
    /** Set to "true" on a Kafka being deleted to let go of members that cannot be reached. */
    public static final String ABANDON_UNREACHABLE_ANNOTATION = GROUP + "/abandon-unreachable";

    /** Set to "true" on a Kafka to pause its reconciliation: nothing is written until it is removed. */
    public static final String PAUSE_ANNOTATION = GROUP + "/pause-reconciliation";
    /**
     * Set to "true" on a node pool (every node of it) or on a node's pod to ask for a restart; kstretch restarts them
     * one at a time when safe, like any other roll, and removes the annotation.
     */
    public static final String MANUAL_ROLL_ANNOTATION = GROUP + "/manual-roll";

    /** On the Kafka: its objects in every member are deleted before the Kafka goes. */
    public static final String KAFKA_FINALIZER = GROUP + "/remote-cleanup";
    /** On each remote GC anchor: it is only deleted by kstretch, after its dependents are re-parented or meant to go. */
    public static final String ANCHOR_FINALIZER = GROUP + "/anchor-protection";
    /** On a MemberCluster: it is not deleted while a node pool or a Kafka's data plane still uses it. */
    public static final String MEMBER_FINALIZER = GROUP + "/member-in-use";

    private KStretch() {
    }
}
