package io.kstretch.dev;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.kstretch.api.Conditions;
import io.kstretch.api.JvmOptions;
import io.kstretch.api.Kafka;
import io.kstretch.api.KafkaNodePool;
import io.kstretch.api.ProcessRole;
import io.kstretch.api.Storage;
import io.kstretch.render.NodeConfig;
import io.kstretch.testing.CentralApiServer;
import io.kstretch.testing.Fixtures;
import io.kstretch.testing.OperatorProcess;
import io.kstretch.testing.StretchEnvironment;
import io.kstretch.testing.TestFiles;
import io.kstretch.testing.kubelet.HostsFile;
import io.kstretch.testing.kubelet.LocalKubelet;
import io.kstretch.testing.kubelet.NetworkNamespaces;
import io.kstretch.testing.kubelet.PodNetwork;

/**
 * What the data-plane benchmarks run on ({@link LatencyBench}, {@link FailoverBench}): members central, east and
 * west, each in its own network namespace ({@link NetworkNamespaces}; made here, removed on close and on the next
 * start), embedded API servers, the packaged operator, and a local kubelet per member that runs what the operator
 * renders as real Kafka nodes inside the member's namespace, with Kafka's own JVM options. Each Kafka has one
 * controller+broker pool per member (1+1+1, provider mcs).
 */
final class BenchCluster implements AutoCloseable {
    static final List<String> MEMBERS = List.of("central", "east", "west");

    /**
     * Kafka 4.4's own default of every key kstretch renders for latency ({@link NodeConfig#LATENCY_DEFAULTS}): set
     * through spec.config, they undo kstretch's tuning. The keys must be exactly the operator's (checked when the
     * class loads), so a key kstretch starts to tune cannot be left out here. {@link #checkKafkaDefaults} compares
     * the values with what a broker reports as its defaults.
     */
    static final Map<String, String> KAFKA_DEFAULTS = Map.ofEntries(
            Map.entry("controller.quorum.election.timeout.ms", "1000"),
            Map.entry("controller.quorum.fetch.timeout.ms", "2000"),
            Map.entry("controller.quorum.election.backoff.max.ms", "1000"),
            Map.entry("controller.quorum.request.timeout.ms", "2000"),
            Map.entry("broker.session.timeout.ms", "9000"),
            Map.entry("broker.heartbeat.interval.ms", "2000"),
            Map.entry("num.replica.fetchers", "1"),
            Map.entry("replica.socket.receive.buffer.bytes", "65536"),
            Map.entry("socket.send.buffer.bytes", "102400"),
            Map.entry("socket.receive.buffer.bytes", "102400"));

    static {
        if (!KAFKA_DEFAULTS.keySet().equals(NodeConfig.LATENCY_DEFAULTS.keySet())) {
            throw new IllegalStateException("BenchCluster.KAFKA_DEFAULTS must have Kafka's default of exactly the keys"
                    + " of NodeConfig.LATENCY_DEFAULTS: " + new TreeSet<>(NodeConfig.LATENCY_DEFAULTS.keySet()));
        }
    }

    final Path work;
    final HostsFile hosts;
    final NetworkNamespaces namespaces = new NetworkNamespaces();
    final PodNetwork network = PodNetwork.inNamespaces(namespaces);
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private CentralApiServer central;
    private StretchEnvironment env;
    private final List<String> kafkas = new ArrayList<>();
    private boolean closed;

    BenchCluster(Path work) {
        this.work = work;
        // every lookup of this JVM goes to this file (the demo profile's -Djdk.net.hosts.file)
        this.hosts = new HostsFile(Path.of("target", "demo", "hosts").toAbsolutePath());
    }

    /** Removes what a crashed run left, then makes the namespaces, API servers and operator. */
    BenchCluster start() throws Exception {
        NetworkNamespaces.removeAll(NetworkNamespaces.PREFIX);
        Runtime.getRuntime().addShutdownHook(new Thread(this::close));
        TestFiles.deleteTree(work.resolve("nodes"));
        Files.createDirectories(work);
        int block = 10;
        for (String member : MEMBERS) {
            network.member(member, block++);
        }
        central = new CentralApiServer();
        closeables.add(central);
        env = new StretchEnvironment(central.client(), (member, client) -> new LocalKubelet(member, client, network,
                hosts, work.resolve("nodes"), false).jvmPerformanceOptions(LocalKubelet.KAFKA_JVM), "east", "west");
        closeables.add(env);
        OperatorProcess operator = OperatorProcess.start(central.writeKubeconfig(work.resolve("kubeconfig")), "bench",
                work, Map.of());
        closeables.add(operator);
        operator.awaitReady(Duration.ofSeconds(120));
        return this;
    }

    /** The namespaces with a Kafka. */
    List<String> namespacesWithKafka() {
        return List.copyOf(kafkas);
    }

    /** Creates Kafka my-cluster in {@code ns} with {@code config} added to spec.config, without waiting. */
    void createKafka(String ns, Map<String, String> config, String heap) {
        kafkas.add(ns);
        env.register(ns);
        Kafka kafka = Fixtures.kafka(ns, "my-cluster", "mcs");
        Map<String, String> c = new LinkedHashMap<>(kafka.getSpec().config);
        c.putAll(config);
        kafka.getSpec().config = c;
        central.client().resource(kafka).create();
        for (String member : MEMBERS) {
            KafkaNodePool pool = Fixtures.pool(ns, member + "-pool", "my-cluster", member, 1, ProcessRole.CONTROLLER,
                    ProcessRole.BROKER);
            pool.getSpec().storage = new Storage();
            pool.getSpec().storage.type = Storage.PERSISTENT_CLAIM;
            pool.getSpec().storage.size = "10Gi";
            pool.getSpec().jvmOptions = new JvmOptions();
            pool.getSpec().jvmOptions.xmx = heap;
            pool.getSpec().jvmOptions.xms = heap;
            central.client().resource(pool).create();
        }
    }

    /** Waits until Kafka my-cluster in {@code ns} is Ready; returns its plain listener's bootstrap servers. */
    String awaitReady(String ns, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Kafka k = central.client().resources(Kafka.class).inNamespace(ns).withName("my-cluster").get();
            if (k != null && k.getStatus() != null && Bench.isTrue(k.getStatus().conditions, Conditions.READY)) {
                return k.getStatus().listeners.stream().filter(l -> l.name.equals("plain")).findFirst()
                        .orElseThrow().bootstrapServers;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Kafka " + ns + "/my-cluster not Ready after " + timeout);
    }

    /** The member that runs node {@code id} of the Kafka in {@code ns}. */
    String memberOf(String ns, int id) {
        for (KafkaNodePool pool : central.client().resources(KafkaNodePool.class).inNamespace(ns).list().getItems()) {
            if (pool.getStatus() != null && pool.getStatus().nodeIds.contains(id)) {
                return pool.getSpec().memberCluster;
            }
        }
        throw new IllegalStateException("no pool of " + ns + " has node " + id);
    }

    LocalKubelet kubelet(String member) {
        return env.kubelet(member);
    }

    /**
     * Sets the added round-trip time between members and prints it as measured with {@code ping -U}, from central's
     * namespace to east's and west's node addresses, and within central (to itself: no delay expected).
     */
    Map<String, Double> delay(Duration rtt) {
        namespaces.delay(rtt);
        Map<String, Double> measured = new LinkedHashMap<>();
        measured.put("central-east", namespaces.rttMillis("central", namespaces.nodeAddress("east"), 10));
        measured.put("east-west", namespaces.rttMillis("east", namespaces.nodeAddress("west"), 10));
        measured.put("central-central", namespaces.rttMillis("central", namespaces.nodeAddress("central"), 5));
        System.out.printf("[bench] added RTT %d ms: ping -U avg %s ms%n", rtt.toMillis(), measured);
        return measured;
    }

    /**
     * Prints where {@link #KAFKA_DEFAULTS} differs from the defaults a broker of the Kafka in {@code ns} reports
     * (the DEFAULT_CONFIG synonym of each key).
     */
    void checkKafkaDefaults(org.apache.kafka.clients.admin.Admin admin) throws Exception {
        var resource = new org.apache.kafka.common.config.ConfigResource(
                org.apache.kafka.common.config.ConfigResource.Type.BROKER,
                String.valueOf(admin.describeCluster().nodes().get().iterator().next().id()));
        var config = admin.describeConfigs(List.of(resource),
                new org.apache.kafka.clients.admin.DescribeConfigsOptions().includeSynonyms(true)).all().get()
                .get(resource);
        for (var e : KAFKA_DEFAULTS.entrySet()) {
            var entry = config.get(e.getKey());
            String kafkaDefault = entry == null ? null : entry.synonyms().stream()
                    .filter(s -> s.source() == org.apache.kafka.clients.admin.ConfigEntry.ConfigSource.DEFAULT_CONFIG)
                    .map(s -> s.value()).findFirst().orElse(null);
            if (kafkaDefault != null && !kafkaDefault.equals(e.getValue())) {
                System.out.printf("[bench] WARNING: Kafka's default of %s is %s, the benchmark used %s%n", e.getKey(),
                        kafkaDefault, e.getValue());
            }
        }
    }

    /** Stops every process (nodes first), the delay daemons, and removes the namespaces. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                System.out.println("[bench] closing: " + e.getMessage());
            }
        }
        namespaces.close();
    }
}
