package io.kstretch.spi;

/**
 * A port a Kafka node serves: {@code controller}, {@code replication}, or a client listener's name.
 *
 * @param name port name (lower case, at most 11 characters; usable as a Service port name suffix)
 * @param port container port
 */
public record KafkaPort(String name, int port) {
    public static final String CONTROLLER = "controller";
    public static final String REPLICATION = "replication";
}
