package io.kstretch.dev;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kstretch.api.Conditions;
import io.kstretch.api.KStretch;
import io.kstretch.api.Kafka;
import io.kstretch.api.KafkaNodePool;
import io.kstretch.api.MemberCluster;
import io.kstretch.testing.CentralApiServer;
import io.kstretch.testing.OperatorProcess;
import io.kstretch.testing.StretchEnvironment;
import io.kstretch.testing.TestFiles;
import io.kstretch.testing.kubelet.HostsFile;
import io.kstretch.testing.kubelet.KafkaClients;
import io.kstretch.testing.kubelet.LocalKubelet;
import io.kstretch.testing.kubelet.PodNetwork;

/**
 * The README's "run" command: kstretch on an embedded default, no real cluster needed. Starts three embedded API
 * servers (the central cluster and members east and west), runs the packaged operator against the central one,
 * applies the stretched example from k8s/examples/ (with kubeconfig Secrets that reach the embedded members), and a
 * local kubelet per member runs what the operator wrote as real Kafka nodes (each member on its own loopback
 * block; names resolve through target/demo/hosts). It prints the topology — member, pools, nodes, quorum leader,
 * bootstrap servers — and stays up until Ctrl-C, then stops every process and removes everything it made.
 * Test stand-ins (garbage collection, the kubelet) are test code, not product features.
 */
public final class Demo {
    private static final String NAMESPACE = "kafka";

    public static void main(String[] args) throws Exception {
        Path work = Path.of("target", "demo").toAbsolutePath();
        deleteTree(work.resolve("nodes"));
        // first: every lookup of this JVM goes to this file (-Djdk.net.hosts.file), so it must exist
        HostsFile hosts = new HostsFile(work.resolve("hosts"));
        PodNetwork network = new PodNetwork();
        network.member("central", 10);
        network.member("east", 11);
        network.member("west", 12);
        CentralApiServer central = new CentralApiServer();
        StretchEnvironment env = new StretchEnvironment(central.client(),
                (member, client) -> new LocalKubelet(member, client, network, hosts, work.resolve("nodes")),
                "east", "west");
        OperatorProcess operator = OperatorProcess.start(central.writeKubeconfig(work.resolve("kubeconfig")),
                "demo", work, Map.of());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nkstretch demo: stopping the operator and the embedded API servers");
            operator.close();
            env.close();
            central.close();
            deleteTree(work);
            stopped.countDown();
        }));

        System.out.printf("kstretch demo: central API server %s, members east and west (HTTPS, own CAs)%n",
                central.url());
        System.out.printf("kstretch demo: operator ready in %d ms (log: %s)%n",
                operator.awaitReady(Duration.ofSeconds(60)).toMillis(), operator.log());
        apply(central.client(), env);
        Instant start = Instant.now();
        System.out.println("kstretch demo: starting real Kafka nodes (Kafka jars from Maven Central on first use)");
        String ready = awaitReady(central.client(), Duration.ofMinutes(5));
        System.out.printf("kstretch demo: Kafka my-cluster %s after %d ms%n%n", ready,
                Duration.between(start, Instant.now()).toMillis());
        System.out.println(Topology.describe(central.client(), env, network, NAMESPACE));
        Kafka kafka = central.client().resources(Kafka.class).inNamespace(NAMESPACE).withName("my-cluster").get();
        String bootstrap = kafka.getStatus().listeners.get(0).bootstrapServers;
        try (KafkaClients clients = new KafkaClients(bootstrap)) {
            var quorum = clients.quorum();
            System.out.printf("KRaft quorum: leader %d, voters %s, brokers %d%n", quorum.leaderId(),
                    quorum.voters().stream().map(v -> v.replicaId()).toList(), clients.brokers());
        } catch (Exception e) {
            System.out.println("KRaft quorum: not answering yet (" + e.getMessage() + ")");
        }
        System.out.printf("Clients: bootstrap servers %s; the names resolve through %s, e.g.%n"
                + "  KAFKA_OPTS=-Djdk.net.hosts.file=%s kafka-console-producer.sh --bootstrap-server %s --topic t%n",
                bootstrap, hosts.path(), hosts.path(), bootstrap.split(",")[0]);
        System.out.printf("Node logs: %s/<member>/pods/%s/<pod>/container.log%n", work.resolve("nodes"), NAMESPACE);
        System.out.printf("Operator: health %s, members %s, metrics %s%n", operator.url("/q/health"),
                operator.url("/q/health/group/members"), operator.url("/q/metrics"));
        System.out.printf("Central API server: KUBECONFIG=%s kubectl get kafka,knp,kmc -n %s%n",
                work.resolve("kubeconfig"), NAMESPACE);
        System.out.println("Press Ctrl-C to stop.");
        stopped.await();
    }

    /** Applies k8s/examples/ (except the kubeconfig Secret template) and real Secrets for the embedded members. */
    static void apply(KubernetesClient central, StretchEnvironment env) throws IOException {
        for (KubernetesClient client : List.of(central, env.client("east"), env.client("west"))) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata()
                    .build()).createOr(r -> r.update());
        }
        env.remotes().forEach((name, server) -> central.resource(new SecretBuilder().withNewMetadata()
                .withName(name + "-kubeconfig").withNamespace(NAMESPACE).endMetadata()
                .addToStringData("kubeconfig", server.kubeconfig()).build()).createOr(r -> r.update()));
        List<Path> files;
        try (var list = Files.list(Path.of("k8s", "examples"))) {
            files = list.filter(f -> f.toString().endsWith(".yaml") && !f.getFileName().toString()
                    .startsWith("kubeconfig")).sorted().toList();
        }
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                for (HasMetadata object : central.load(in).items()) {
                    if (object instanceof KafkaNodePool pool && pool.getSpec().jvmOptions != null) {
                        // the example sizes nodes for a real cluster; three of them share this machine here
                        pool.getSpec().jvmOptions.xmx = "320m";
                        pool.getSpec().jvmOptions.xms = "128m";
                    }
                    if (!"Secret".equals(object.getKind())) {
                        central.resource(object).createOr(r -> r.update());
                        System.out.printf("kstretch demo: applied %s %s/%s (%s)%n", object.getKind(),
                                object.getMetadata().getNamespace(), object.getMetadata().getName(),
                                file.getFileName());
                    }
                }
            }
        }
    }

    private static void deleteTree(Path dir) {
        try {
            TestFiles.deleteTree(dir);
        } catch (UncheckedIOException e) {
            System.out.println("kstretch demo: could not remove " + dir + ": " + e.getMessage());
        }
    }

    private static String awaitReady(KubernetesClient central, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        String state = "not reconciled";
        while (Instant.now().isBefore(deadline)) {
            Kafka kafka = central.resources(Kafka.class).inNamespace(NAMESPACE).withName("my-cluster").get();
            if (kafka != null && kafka.getStatus() != null) {
                var ready = Conditions.find(kafka.getStatus().conditions, Conditions.READY);
                if (ready.isPresent()) {
                    state = "Ready=" + ready.get().getStatus() + " (" + ready.get().getReason() + ")";
                    if ("True".equals(ready.get().getStatus())) {
                        return state;
                    }
                }
            }
            Thread.sleep(250);
        }
        return state;
    }

    /** What landed where: per member, kstretch's objects; then the Kafka's status. */
    static final class Topology {
        static String describe(KubernetesClient central, StretchEnvironment env, PodNetwork network, String ns) {
            StringBuilder out = new StringBuilder();
            Kafka kafka = central.resources(Kafka.class).inNamespace(ns).withName("my-cluster").get();
            out.append("Kafka ").append(ns).append("/my-cluster (provider ")
                    .append(kafka.getSpec().networking.provider).append(", cluster id ")
                    .append(kafka.getStatus().clusterId).append(")\n");
            for (String member : List.of("central", "east", "west")) {
                MemberCluster mc = central.resources(MemberCluster.class).inNamespace(ns).withName(member).get();
                String reachable = mc == null || mc.getStatus() == null ? "?"
                        : Conditions.find(mc.getStatus().conditions, "Reachable").map(c -> c.getStatus()).orElse("?");
                out.append("  member ").append(member).append(" (reachable ").append(reachable).append(")\n");
                for (KafkaNodePool pool : central.resources(KafkaNodePool.class).inNamespace(ns).list().getItems()) {
                    if (member.equals(pool.getSpec().memberCluster) && pool.getStatus() != null) {
                        out.append("    pool ").append(pool.getMetadata().getName()).append(" roles ")
                                .append(pool.getSpec().roles.stream().map(r -> r.value()).toList()).append(" ready ").append(pool.getStatus().readyReplicas)
                                .append('/').append(pool.getStatus().replicas).append('\n');
                        for (int id : pool.getStatus().nodeIds) {
                            String pod = "my-cluster-" + pool.getMetadata().getName() + "-" + id;
                            out.append("      node ").append(id).append(": pod ").append(pod).append(" at ")
                                    .append(network.podAddress(member, ns, pod)).append('\n');
                        }
                    }
                }
                Map<String, List<String>> byKind = new TreeMap<>();
                for (HasMetadata o : objects(env.client(member), ns)) {
                    var owners = o.getMetadata().getOwnerReferences();
                    byKind.computeIfAbsent(o.getKind(), k -> new ArrayList<>()).add(o.getMetadata().getName()
                            + (owners == null || owners.isEmpty() ? ""
                                    : "  (owner " + owners.get(0).getKind() + " " + owners.get(0).getName() + ")"));
                }
                byKind.forEach((kind, names) -> names.forEach(n -> out.append("      ").append(kind).append(' ')
                        .append(n).append('\n')));
                out.append('\n');
            }
            out.append("  controllers:");
            kafka.getStatus().controllers.forEach(c -> out.append(' ').append(c.id).append('@').append(c.member));
            out.append('\n');
            kafka.getStatus().listeners.forEach(l -> out.append("  listener ").append(l.name)
                    .append(" bootstrap servers: ").append(l.bootstrapServers).append('\n'));
            return out.toString();
        }

        private static List<HasMetadata> objects(KubernetesClient client, String ns) {
            String selector = KStretch.CLUSTER_LABEL + "=my-cluster";
            List<HasMetadata> all = new ArrayList<>();
            all.addAll(client.configMaps().inNamespace(ns).withLabelSelector(selector).list().getItems());
            all.addAll(client.services().inNamespace(ns).withLabelSelector(selector).list().getItems());
            all.addAll(client.serviceAccounts().inNamespace(ns).withLabelSelector(selector).list().getItems());
            all.addAll(client.apps().statefulSets().inNamespace(ns).withLabelSelector(selector).list().getItems());
            all.addAll(client.policy().v1().podDisruptionBudget().inNamespace(ns).withLabelSelector(selector).list()
                    .getItems());
            all.addAll(client.pods().inNamespace(ns).withLabelSelector(selector).list().getItems());
            return all;
        }
    }
}
