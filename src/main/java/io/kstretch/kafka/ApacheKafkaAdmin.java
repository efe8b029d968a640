package io.kstretch.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.admin.RaftVoterEndpoint;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;

/** {@link KafkaAdmin} over the Apache Kafka Admin client: one client for the brokers, one for the controllers. */
final class ApacheKafkaAdmin implements KafkaAdmin {
    private static final long TIMEOUT_SECONDS = 15;
    private final Admin brokers;
    private final Admin controllers;

    ApacheKafkaAdmin(AdminTarget target) {
        this.brokers = Admin.create(target.properties(false));
        Admin c;
        try {
            c = Admin.create(target.properties(true));
        } catch (RuntimeException e) {
            brokers.close();
            throw e;
        }
        this.controllers = c;
    }

    @Override
    public QuorumState quorum() {
        QuorumInfo info = get("describe the metadata quorum", controllers.describeMetadataQuorum().quorumInfo());
        return new QuorumState(info.leaderId(), replicas(info.voters()), replicas(info.observers()));
    }

    private static List<QuorumState.Replica> replicas(List<QuorumInfo.ReplicaState> states) {
        return states.stream().map(s -> new QuorumState.Replica(s.replicaId(),
                s.replicaDirectoryId() == null || Uuid.ZERO_UUID.equals(s.replicaDirectoryId()) ? null
                        : s.replicaDirectoryId().toString(),
                s.logEndOffset(), s.lastCaughtUpTimestamp())).toList();
    }

    @Override
    public Map<Integer, Boolean> brokers() {
        Collection<Node> nodes = get("describe the cluster",
                brokers.describeCluster(new DescribeClusterOptions().includeFencedBrokers(true)).nodes());
        Map<Integer, Boolean> byId = new TreeMap<>();
        nodes.forEach(n -> byId.put(n.id(), n.isFenced()));
        return byId;
    }

    @Override
    public List<PartitionState> partitions() {
        Set<String> names = get("list topics", brokers.listTopics(new ListTopicsOptions().listInternal(true)).names());
        if (names.isEmpty()) {
            return List.of();
        }
        Map<String, TopicDescription> topics = get("describe topics", brokers.describeTopics(names).allTopicNames());
        List<ConfigResource> resources = names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n))
                .toList();
        Map<ConfigResource, Config> configs = get("describe topic configs", brokers.describeConfigs(resources).all());
        List<PartitionState> partitions = new ArrayList<>();
        for (TopicDescription topic : new TreeMap<>(topics).values()) {
            Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()));
            var entry = config == null ? null : config.get("min.insync.replicas");
            int minIsr = entry == null || entry.value() == null ? 1 : Integer.parseInt(entry.value());
            for (TopicPartitionInfo p : topic.partitions()) {
                partitions.add(new PartitionState(topic.name(), p.partition(), ids(p.replicas()), ids(p.isr()),
                        minIsr));
            }
        }
        return partitions;
    }

    private static List<Integer> ids(List<Node> nodes) {
        return nodes.stream().map(Node::id).toList();
    }

    @Override
    public void addVoter(int id, String directoryId, String listener, String host, int port) {
        get("add controller " + id + " to the quorum", controllers.addRaftVoter(id, Uuid.fromString(directoryId),
                Set.of(new RaftVoterEndpoint(listener, host, port))).all());
    }

    @Override
    public void removeVoter(int id, String directoryId) {
        get("remove controller " + id + " from the quorum",
                controllers.removeRaftVoter(id, Uuid.fromString(directoryId)).all());
    }

    @Override
    public void unregisterBroker(int id) {
        get("unregister broker " + id, brokers.unregisterBroker(id).all());
    }

    private static <T> T get(String what, KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaAdminException("interrupted while trying to " + what, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new KafkaAdminException("cannot " + what + ": " + cause.getClass().getSimpleName() + ": "
                    + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new KafkaAdminException("cannot " + what + ": no answer within " + TIMEOUT_SECONDS + " s", e);
        }
    }

    @Override
    public void close() {
        brokers.close(java.time.Duration.ofSeconds(2));
        controllers.close(java.time.Duration.ofSeconds(2));
    }
}
