package io.kstretch.testing.kubelet;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test stand-in for the pod network: each member gets its own loopback block {@code 127.0.<block>.0/24} and each
 * pod a stable address in it (the first pod .10, then .11, ...), so every node can bind the same ports, and a
 * member's nodes are told apart by address. Linux routes all of 127/8 to the loopback interface: no set-up needed.
 * That is the default; {@link #inNamespaces} instead puts each member in its own network namespace
 * ({@link NetworkNamespaces}, opt-in, root only), with the same block and host numbering in its subnet, and pods'
 * processes started inside their member's namespace.
 */
public final class PodNetwork {
    private final Map<String, Integer> blocks = new ConcurrentHashMap<>();
    private final Map<String, String> addresses = new ConcurrentHashMap<>();
    private final Map<Integer, Integer> next = new ConcurrentHashMap<>();
    private final NetworkNamespaces namespaces;

    /** Loopback blocks. */
    public PodNetwork() {
        this(null);
    }

    private PodNetwork(NetworkNamespaces namespaces) {
        this.namespaces = namespaces;
    }

    /**
     * One network namespace per member, made by {@link #member} in {@code namespaces} (which the caller closes);
     * pod addresses are added to the member's interface as they are handed out.
     */
    public static PodNetwork inNamespaces(NetworkNamespaces namespaces) {
        return new PodNetwork(namespaces);
    }

    /** The command that runs a pod's process of {@code member}: inside its namespace, or as it is. */
    public java.util.List<String> command(String member, java.util.List<String> command) {
        return namespaces == null ? command : namespaces.exec(member, command);
    }

    /** Whether members are in network namespaces (then node addresses are not in this namespace). */
    public boolean namespaced() {
        return namespaces != null;
    }

    /** Gives {@code member} the block {@code 127.0.<block>.0/24}; blocks 1-9 are kept for other test servers. */
    public synchronized void member(String member, int block) {
        if (block < 10 || block > 250) {
            throw new IllegalArgumentException("block " + block + " outside 10-250");
        }
        blocks.put(member, block);
        if (namespaces != null) {
            namespaces.create(member, block);
        }
    }

    /** The member's node address (what a Node object in that member reports): 127.0.<block>.1, or the
     * namespace's address. */
    public String nodeAddress(String member) {
        if (namespaces != null) {
            return namespaces.nodeAddress(member);
        }
        return "127.0." + block(member) + ".1";
    }

    /** The stable address of {@code pod} in {@code member}. */
    public synchronized String podAddress(String member, String namespace, String pod) {
        return addresses.computeIfAbsent(member + "/" + namespace + "/" + pod, k -> {
            int b = block(member);
            int host = next.merge(b, 1, Integer::sum) + 9;
            if (host > 254) {
                throw new IllegalStateException("member " + member + " ran out of pod addresses");
            }
            if (namespaces != null) {
                String address = namespaces.address(member, host);
                namespaces.addAddress(member, address);
                return address;
            }
            return "127.0." + b + "." + host;
        });
    }

    private int block(String member) {
        Integer block = blocks.get(member);
        if (block == null) {
            throw new IllegalStateException("member " + member + " has no address block");
        }
        return block;
    }
}
