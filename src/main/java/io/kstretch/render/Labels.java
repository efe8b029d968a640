package io.kstretch.render;

import java.util.Map;
import java.util.TreeMap;

import io.kstretch.api.KStretch;

/** The labels on what kstretch writes, and the selectors that find it again. */
public final class Labels {
    private Labels() {
    }

    /** Labels on every object kstretch writes for a Kafka in a member. */
    public static Map<String, String> managed(String kafka, String member) {
        Map<String, String> labels = new TreeMap<>();
        labels.put(KStretch.MANAGED_BY_LABEL, KStretch.MANAGED_BY);
        labels.put(KStretch.CLUSTER_LABEL, kafka);
        labels.put(KStretch.MEMBER_LABEL, member);
        return labels;
    }

    /** Labels selecting every Kafka node pod of a Kafka (pod template labels include these). */
    public static Map<String, String> nodeSelector(String kafka) {
        Map<String, String> labels = new TreeMap<>();
        labels.put(KStretch.CLUSTER_LABEL, kafka);
        labels.put(KStretch.NAME_LABEL, "kafka");
        return labels;
    }

    /** Labels selecting the pods of one pool. */
    public static Map<String, String> poolSelector(String kafka, String pool) {
        Map<String, String> labels = nodeSelector(kafka);
        labels.put(KStretch.POOL_LABEL, pool);
        return labels;
    }

    /** Labels selecting exactly one node's pod (the StatefulSet controller labels each pod with its name). */
    public static Map<String, String> podSelector(String kafka, String podName) {
        Map<String, String> labels = nodeSelector(kafka);
        labels.put("statefulset.kubernetes.io/pod-name", podName);
        return labels;
    }
}
