package io.kstretch.testing.kubelet;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test stand-in for the pod network: each member gets its own loopback block {@code 127.0.<block>.0/24} and each
 * pod a stable address in it (the first pod .10, then .11, ...), so every node can bind the same ports, and a
 * member's nodes are told apart by address. Linux routes all of 127/8 to the loopback interface: no set-up needed.
 */
public final class PodNetwork {
    private final Map<String, Integer> blocks = new ConcurrentHashMap<>();
    private final Map<String, String> addresses = new ConcurrentHashMap<>();
    private final Map<Integer, Integer> next = new ConcurrentHashMap<>();

    /** Gives {@code member} the block {@code 127.0.<block>.0/24}; blocks 1-9 are kept for other test servers. */
    public synchronized void member(String member, int block) {
        if (block < 10 || block > 250) {
            throw new IllegalArgumentException("block " + block + " outside 10-250");
        }
        blocks.put(member, block);
    }

    /** The member's node address (what a Node object in that member reports): 127.0.<block>.1. */
    public String nodeAddress(String member) {
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
