package io.kstretch.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.kstretch.kafka.AdminTarget;
import io.kstretch.kafka.KafkaAdmin;
import io.kstretch.kafka.KafkaAdmins;
import io.kstretch.kafka.PartitionState;
import io.kstretch.kafka.QuorumState;

/**
 * A stand-in for a Kafka cluster's Admin API in operator tests (there is no Kafka behind the mock API servers): a
 * quorum of voters and observers, all caught up, that {@code addVoter}/{@code removeVoter} change as Kafka would;
 * partitions and registered brokers a test sets. Every change is recorded in {@link #calls}. Install it for one test
 * with {@code QuarkusMock.installMockForType(fake.admins(), KafkaAdmins.class)}.
 */
public final class FakeKafkaAdmin implements KafkaAdmin {
    /** "add 101", "remove 102", "unregister 103", in order. */
    public final List<String> calls = new CopyOnWriteArrayList<>();
    private final Map<Integer, String> voters = new TreeMap<>();
    private final Map<Integer, String> observers = new TreeMap<>();
    private final Map<Integer, Boolean> brokers = new TreeMap<>();
    private volatile List<PartitionState> partitions = List.of();
    private volatile boolean closed;

    public synchronized FakeKafkaAdmin voters(Iterable<Integer> ids) {
        ids.forEach(id -> voters.put(id, "voter-dir-" + id));
        return this;
    }

    /** Nodes that replicate the metadata log without voting (brokers, controllers not added yet). */
    public synchronized FakeKafkaAdmin observers(Integer... ids) {
        for (int id : ids) {
            if (!voters.containsKey(id)) {
                observers.put(id, "observer-dir-" + id);
            }
        }
        return this;
    }

    public synchronized FakeKafkaAdmin registered(int id, boolean fenced) {
        brokers.put(id, fenced);
        return this;
    }

    public FakeKafkaAdmin partitions(List<PartitionState> partitions) {
        this.partitions = List.copyOf(partitions);
        return this;
    }

    public synchronized List<Integer> voterIds() {
        return new ArrayList<>(voters.keySet());
    }

    /** A KafkaAdmins that hands out this fake for every Kafka. */
    public KafkaAdmins admins() {
        FakeKafkaAdmin fake = this;
        return new KafkaAdmins() {
            @Override
            public KafkaAdmin get(ResourceID kafka, AdminTarget target) {
                return fake;
            }

            @Override
            public void close(ResourceID kafka) {
            }
        };
    }

    @Override
    public synchronized QuorumState quorum() {
        int leader = voters.keySet().stream().findFirst().orElse(-1);
        return new QuorumState(leader, replicas(voters), replicas(observers));
    }

    private static List<QuorumState.Replica> replicas(Map<Integer, String> byId) {
        List<QuorumState.Replica> replicas = new ArrayList<>();
        byId.forEach((id, dir) -> replicas.add(new QuorumState.Replica(id, dir, 100, OptionalLong.of(1000))));
        return replicas;
    }

    @Override
    public synchronized Map<Integer, Boolean> brokers() {
        return new TreeMap<>(brokers);
    }

    @Override
    public List<PartitionState> partitions() {
        return partitions;
    }

    @Override
    public synchronized void addVoter(int id, String directoryId, String listener, String host, int port) {
        if (!directoryId.equals(observers.remove(id))) {
            throw new IllegalStateException("controller " + id + " with directory " + directoryId
                    + " is not an observer");
        }
        voters.put(id, directoryId);
        calls.add("add " + id);
    }

    @Override
    public synchronized void removeVoter(int id, String directoryId) {
        if (!directoryId.equals(voters.remove(id))) {
            throw new IllegalStateException("controller " + id + " with directory " + directoryId + " is no voter");
        }
        observers.put(id, directoryId);
        calls.add("remove " + id);
    }

    @Override
    public synchronized void unregisterBroker(int id) {
        brokers.remove(id);
        calls.add("unregister " + id);
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }
}
