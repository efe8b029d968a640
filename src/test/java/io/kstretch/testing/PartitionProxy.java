package io.kstretch.testing;

/**
 * Test stand-in for the network between the operator and a member: a loopback {@link TcpForwarder} in front of the
 * member's API server that can be cut ({@link #partition()}) and healed. The API server behind it keeps its state,
 * as a real member cluster does when only the network fails.
 */
public final class PartitionProxy implements AutoCloseable {
    private final TcpForwarder forwarder;

    public PartitionProxy(int targetPort) {
        this.forwarder = new TcpForwarder("127.0.0.1", 0, "127.0.0.1", targetPort);
    }

    public int port() {
        return forwarder.port();
    }

    public void partition() {
        forwarder.partition();
    }

    public void heal() {
        forwarder.heal();
    }

    @Override
    public void close() {
        forwarder.close();
    }
}
