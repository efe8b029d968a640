package io.kstretch.render;

/** Names of the objects kstretch writes for a Kafka. */
public final class Names {
    private Names() {
    }

    public static String statefulSet(String kafka, String pool) {
        return kafka + "-" + pool;
    }

    public static String pod(String kafka, String pool, int nodeId) {
        return statefulSet(kafka, pool) + "-" + nodeId;
    }

    public static String configMap(String kafka, String pool) {
        return statefulSet(kafka, pool) + "-config";
    }

    public static String certsSecret(String kafka, String pool) {
        return statefulSet(kafka, pool) + "-certs";
    }

    public static String podDisruptionBudget(String kafka, String pool) {
        return statefulSet(kafka, pool);
    }

    /** The headless Service of a Kafka's nodes in a member. */
    public static String headlessService(String kafka) {
        return kafka + "-nodes";
    }

    public static String serviceAccount(String kafka) {
        return kafka + "-kafka";
    }

    /** Name of the n-th GC anchor of a Kafka in a member (n = 1 for the first; replacements count up). */
    public static String anchor(String kafka, int n) {
        return n <= 1 ? kafka + "-kstretch-anchor" : kafka + "-kstretch-anchor-" + n;
    }
}
