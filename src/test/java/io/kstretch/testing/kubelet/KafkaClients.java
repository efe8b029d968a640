package io.kstretch.testing.kubelet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Real Kafka clients (Admin, producer with acks=all, consumer) against a stretched cluster, for tests and the demo.
 * Extra client properties (e.g. TLS: {@link #tls}) apply to all three.
 */
public final class KafkaClients implements AutoCloseable {
    private final String bootstrapServers;
    private final Map<String, String> extra;
    private final Admin admin;

    public KafkaClients(String bootstrapServers) {
        this(bootstrapServers, Map.of());
    }

    public KafkaClients(String bootstrapServers, Map<String, String> extra) {
        this.bootstrapServers = bootstrapServers;
        this.extra = Map.copyOf(extra);
        Properties props = properties();
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "20000");
        this.admin = Admin.create(props);
    }

    /**
     * Client properties for a TLS listener: trust {@code trustedCas} (PEM); present {@code certificateChain} with
     * {@code privateKey} (PEM, PKCS#8) when both are given, else no client certificate.
     */
    public static Map<String, String> tls(String trustedCas, String certificateChain, String privateKey) {
        Map<String, String> props = new HashMap<>();
        props.put("security.protocol", "SSL");
        props.put("ssl.truststore.type", "PEM");
        props.put("ssl.truststore.certificates", trustedCas);
        if (certificateChain != null && privateKey != null) {
            props.put("ssl.keystore.type", "PEM");
            props.put("ssl.keystore.certificate.chain", certificateChain);
            props.put("ssl.keystore.key", privateKey);
        }
        return props;
    }

    /** What every client of this cluster gets: the extra properties and the bootstrap servers. */
    private Properties properties() {
        Properties props = new Properties();
        props.putAll(extra);
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return props;
    }

    public Admin admin() {
        return admin;
    }

    public QuorumInfo quorum() throws Exception {
        return admin.describeMetadataQuorum().quorumInfo().get(20, TimeUnit.SECONDS);
    }

    public int brokers() throws Exception {
        return admin.describeCluster().nodes().get(20, TimeUnit.SECONDS).size();
    }

    /**
     * Creates the topic and returns once it can be described: the controller has committed it before the brokers'
     * metadata caches have it, and until then a broker answers "unknown topic" (for up to 30 s that is retried).
     */
    public void createTopic(String topic, int partitions, short replicationFactor, int minInsync) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, partitions, replicationFactor)
                .configs(Map.of("min.insync.replicas", String.valueOf(minInsync))))).all().get(30, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                describe(topic);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    public TopicDescription describe(String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get(20, TimeUnit.SECONDS).get(topic);
    }

    /** The smallest ISR over the topic's partitions. */
    public int minIsr(String topic) throws Exception {
        return describe(topic).partitions().stream().mapToInt(p -> p.isr().size()).min().orElse(0);
    }

    /** An idempotent producer with acks=all. */
    public KafkaProducer<String, String> producer(Duration deliveryTimeout) {
        Properties props = properties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(deliveryTimeout.toMillis()));
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        props.put(ProducerConfig.METADATA_MAX_AGE_CONFIG, "5000");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /** Every record value of {@code topic}, read from the beginning until {@code expected} are seen or the time is up. */
    public Set<String> consumeAll(String topic, int expected, Duration timeout) {
        Properties props = properties();
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Set<String> values = new TreeSet<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic, Duration.ofSeconds(20))
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }

    /** Per partition, its leader and ISR, for messages. */
    public Map<Integer, String> layout(String topic) throws Exception {
        Map<Integer, String> layout = new HashMap<>();
        describe(topic).partitions().forEach(p -> layout.put(p.partition(), "leader " + p.leader().id() + " isr "
                + p.isr().stream().map(n -> String.valueOf(n.id())).toList()));
        return layout;
    }

    public static String ids(Collection<Integer> ids) {
        return new TreeSet<>(ids).toString();
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
