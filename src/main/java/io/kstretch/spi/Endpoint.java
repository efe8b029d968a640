package io.kstretch.spi;

import java.util.Objects;

/**
 * Where a node's port is reached from every member: host and port, or pending with the reason.
 *
 * @param host DNS name or IP address; null when pending
 * @param port TCP port; 0 when pending
 * @param pendingReason why the address is not known yet; null when known
 */
public record Endpoint(String host, int port, String pendingReason) {

    public static Endpoint of(String host, int port) {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        return new Endpoint(host, port, null);
    }

    public static Endpoint pending(String reason) {
        return new Endpoint(null, 0, Objects.requireNonNull(reason, "reason"));
    }

    public boolean isPending() {
        return pendingReason != null;
    }

    /** {@code host:port}, with IPv6 hosts in brackets. */
    public String hostPort() {
        if (isPending()) {
            throw new IllegalStateException("endpoint pending: " + pendingReason);
        }
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
