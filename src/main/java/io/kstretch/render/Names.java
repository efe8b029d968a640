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

    /** The cluster CA (key and certificate), in the central cluster only. */
    public static String clusterCa(String kafka) {
        return kafka + "-cluster-ca";
    }

    /** The clients CA (key and certificate) users sign client certificates with, in the central cluster only. */
    public static String clientsCa(String kafka) {
        return kafka + "-clients-ca";
    }

    /** The cluster CA certificates for clients, in every member. */
    public static String clusterCaCert(String kafka) {
        return kafka + "-cluster-ca-cert";
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
