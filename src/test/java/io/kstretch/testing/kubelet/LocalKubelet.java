package io.kstretch.testing.kubelet;

import static io.kstretch.testing.StatefulSetPods.POD_NAME_LABEL;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.readiness.Readiness;
import io.kstretch.testing.StatefulSetPods;
import io.kstretch.testing.TestFiles;

/**
 * Test stand-in for a member cluster's StatefulSet controller and kubelet (not a product feature): it reads the
 * StatefulSets the operator wrote into one member's API server and, for each pod, creates the Pod object and runs
 * the pod's container as a local process — the real start script from the operator's ConfigMap, with the Kafka
 * version of the image, jars from Maven Central ({@link KafkaDistribution}). Volumes become directories (ConfigMap
 * and Secret contents written as files; a claim's directory survives the pod, an emptyDir does not), the container's
 * paths are rewritten to them, and the pod gets its own loopback address ({@link PodNetwork}); the host names each
 * node advertises go into the shared {@link HostsFile}. A pod is reported Ready when its readiness port accepts
 * connections. Deleting a Pod object stops its process (SIGTERM); the StatefulSet then makes it again and the
 * script runs again on the same data directory. It also stands in for kube-proxy on the member's node address:
 * every nodePort of a NodePort or LoadBalancer Service that selects one pod is forwarded to that pod (with loopback
 * blocks only: in network namespaces the member's node address is not in this process's namespace).
 */
public final class LocalKubelet implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LocalKubelet.class);
    /** The nodes' JVM options by default: quick to start, small (tests, the demo). */
    public static final String LEAN_JVM = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k "
            + "-XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true";
    /** Kafka's own JVM options (kafka-run-class.sh's default KAFKA_JVM_PERFORMANCE_OPTS), for benchmarks. */
    public static final String KAFKA_JVM = "-server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 "
            + "-XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -XX:MaxInlineLevel=15 "
            + "-XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true";

    private final String member;
    private final KubernetesClient client;
    private final PodNetwork network;
    private final HostsFile hosts;
    private final Path workDir;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    /** nodePort → forwarder to the pod behind it (kube-proxy stand-in). */
    private final Map<Integer, io.kstretch.testing.TcpForwarder> nodePorts = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sync;
    private final ExecutorService stopper = Executors.newCachedThreadPool(daemon("local-kubelet-stop"));
    private final boolean kubeProxy;
    private volatile boolean down;
    private volatile String jvmPerformanceOptions = LEAN_JVM;
    private volatile Consumer<String> onPodStarted = p -> {
    };

    private record Running(String podUid, NodeProcess process, String address, int readinessPort) {
    }

    public LocalKubelet(String member, KubernetesClient client, PodNetwork network, HostsFile hosts, Path workDir) {
        this(member, client, network, hosts, workDir, true);
    }

    /**
     * @param kubeProxy whether to forward nodePorts from the member's node address ({@link PodNetwork#nodeAddress})
     */
    public LocalKubelet(String member, KubernetesClient client, PodNetwork network, HostsFile hosts, Path workDir,
            boolean kubeProxy) {
        this.member = member;
        this.client = client;
        this.network = network;
        this.hosts = hosts;
        this.workDir = workDir.toAbsolutePath().resolve(member);
        this.kubeProxy = kubeProxy;
        this.sync = Executors.newSingleThreadScheduledExecutor(daemon("local-kubelet-" + member));
        sync.scheduleWithFixedDelay(this::syncQuietly, 200, 250, TimeUnit.MILLISECONDS);
    }

    public String member() {
        return member;
    }

    /** The JVM options of pods started from now on ({@link #LEAN_JVM} unless set). */
    public LocalKubelet jvmPerformanceOptions(String options) {
        this.jvmPerformanceOptions = options;
        return this;
    }

    /** Called with the pod name whenever a pod's process starts. */
    public LocalKubelet onPodStarted(Consumer<String> listener) {
        this.onPodStarted = listener;
        return this;
    }

    /** Kills every process of this member at once (SIGKILL) and keeps them down, as when the member is lost. */
    public void killAll() {
        down = true;
        running.values().forEach(r -> r.process().kill());
        nodePorts.values().forEach(io.kstretch.testing.TcpForwarder::close);
        nodePorts.clear();
    }

    /** Lets this member's pods run again (after {@link #killAll()}). */
    public void resume() {
        down = false;
    }

    /** Number of node processes alive. */
    public int alive() {
        return (int) running.values().stream().filter(r -> r.process().isAlive()).count();
    }

    /** Log file of a pod's container. */
    public Path log(String namespace, String pod) {
        return podDir(namespace, pod).resolve("container.log");
    }

    private void syncQuietly() {
        try {
            sync();
        } catch (RuntimeException e) {
            LOG.debugf("kubelet %s: sync failed: %s", member, e.getMessage());
        }
    }

    private void sync() {
        Set<String> wanted = ConcurrentHashMap.newKeySet();
        StatefulSetPods.sync(client, (sts, pod) -> {
            if (pod.getMetadata().getDeletionTimestamp() == null) {
                wanted.add(key(pod.getMetadata().getNamespace(), pod.getMetadata().getName()));
                run(sts, pod);
            }
        });
        if (kubeProxy && !network.namespaced()) {
            forwardNodePorts();
        }
        // processes whose pod is gone (deleted by the operator, a test, or garbage collection) are stopped
        for (String key : List.copyOf(running.keySet())) {
            if (!wanted.contains(key)) {
                Running r = running.remove(key);
                stopper.submit(() -> r.process().stop(20));
            }
        }
    }

    private void run(StatefulSet sts, Pod pod) {
        String ns = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        String key = key(ns, name);
        Running current = running.get(key);
        if (current != null && !current.podUid().equals(pod.getMetadata().getUid())) {
            // the pod was deleted and made again: its container restarts
            running.remove(key);
            current.process().stop(20);
            current = null;
        }
        if (down) {
            if (current != null && current.process().isAlive()) {
                current.process().kill();
            }
            report(pod, false);
            return;
        }
        if (current == null || !current.process().isAlive() && restartDue(current)) {
            current = start(sts, pod, current == null);
            running.put(key, current);
            onPodStarted.accept(name);
        }
        report(pod, current.process().isAlive() && accepts(current.address(), current.readinessPort()));
    }

    /** Forwards each nodePort of a Service selecting one pod from the member's node address to that pod. */
    private void forwardNodePorts() {
        Map<Integer, String> wanted = new HashMap<>();
        if (!down) {
            for (var service : client.services().inAnyNamespace().list().getItems()) {
                var spec = service.getSpec();
                String pod = spec.getSelector() == null ? null : spec.getSelector().get(POD_NAME_LABEL);
                if (pod == null || spec.getPorts() == null
                        || !("NodePort".equals(spec.getType()) || "LoadBalancer".equals(spec.getType()))) {
                    continue;
                }
                String address = network.podAddress(member, service.getMetadata().getNamespace(), pod);
                for (var port : spec.getPorts()) {
                    if (port.getNodePort() != null) {
                        int target = port.getTargetPort() != null && port.getTargetPort().getIntVal() != null
                                ? port.getTargetPort().getIntVal()
                                : port.getPort();
                        wanted.put(port.getNodePort(), address + ":" + target);
                    }
                }
            }
        }
        for (var e : List.copyOf(nodePorts.entrySet())) {
            if (!e.getValue().target().equals(wanted.get(e.getKey()))) {
                nodePorts.remove(e.getKey()).close();
            }
        }
        wanted.forEach((nodePort, target) -> nodePorts.computeIfAbsent(nodePort, p -> {
            String host = target.substring(0, target.lastIndexOf(':'));
            int port = Integer.parseInt(target.substring(target.lastIndexOf(':') + 1));
            LOG.infof("kubelet %s: forwarding %s:%d to %s", member, network.nodeAddress(member), p, target);
            return new io.kstretch.testing.TcpForwarder(network.nodeAddress(member), p, host, port);
        }));
    }

    /** A container that exited is restarted after a pause, as a kubelet's restart back-off would. */
    private static boolean restartDue(Running r) {
        return r.process().started().plusSeconds(5).isBefore(java.time.Instant.now());
    }

    private Running start(StatefulSet sts, Pod pod, boolean newPod) {
        String ns = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        Container container = pod.getSpec().getContainers().get(0);
        Path podDir = podDir(ns, name);
        String address = network.podAddress(member, ns, name);
        Map<String, Path> mounts = mountVolumes(sts, pod, container, podDir, newPod);

        List<String> command = new ArrayList<>();
        if (container.getCommand() != null) {
            container.getCommand().forEach(c -> command.add(rewrite(c, mounts)));
        }
        if (container.getArgs() != null) {
            container.getArgs().forEach(a -> command.add(rewrite(a, mounts)));
        }
        String version = version(container.getImage());
        Map<String, String> containerEnv = new LinkedHashMap<>();
        for (EnvVar var : container.getEnv() == null ? List.<EnvVar> of() : container.getEnv()) {
            if (var.getValue() != null) {
                containerEnv.put(var.getName(), rewrite(var.getValue(), mounts));
            }
        }
        containerEnv.put("HOSTNAME", name);
        Map<String, String> env = processEnvironment(version, address, hosts, containerEnv);
        env.put("KAFKA_JVM_PERFORMANCE_OPTS", jvmPerformanceOptions);

        advertise(pod, mounts, address);
        int readinessPort = container.getReadinessProbe() != null && container.getReadinessProbe().getTcpSocket() != null
                ? container.getReadinessProbe().getTcpSocket().getPort().getIntVal()
                : -1;
        LOG.infof("kubelet %s: starting pod %s/%s at %s (Kafka %s)", member, ns, name, address, version);
        NodeProcess process = NodeProcess.start(network.command(member, command), env, podDir, podDir.resolve("container.log"));
        return new Running(pod.getMetadata().getUid(), process, address, readinessPort);
    }

    /**
     * The environment a node process runs with here: the container's, plus the local Kafka distribution and JVM,
     * the address to bind, a fixed small heap (no container memory limit to take a share of), this machine's hosts
     * file and short DNS caching, and a lean JVM.
     */
    static Map<String, String> processEnvironment(String version, String address, HostsFile hosts,
            Map<String, String> containerEnv) {
        Map<String, String> env = new LinkedHashMap<>(containerEnv);
        env.put("KAFKA_HOME", KafkaDistribution.home(version).toString());
        env.put("JAVA_HOME", KafkaDistribution.javaHome().toString());
        env.put("KSTRETCH_BIND_ADDRESS", address);
        String heap = env.getOrDefault("KAFKA_HEAP_OPTS", "");
        if (heap.isBlank() || heap.contains("MaxRAMPercentage")) {
            env.put("KAFKA_HEAP_OPTS", "-Xmx512m -Xms128m");
        }
        env.put("KAFKA_OPTS", (env.getOrDefault("KAFKA_OPTS", "") + " -Djdk.net.hosts.file=" + hosts.path()
                + " -Dsun.net.inetaddr.ttl=1 -Dsun.net.inetaddr.negative.ttl=0").trim());
        env.put("KAFKA_JVM_PERFORMANCE_OPTS", LEAN_JVM);
        env.put("KSTRETCH_TOOLS_HEAP_OPTS", "-Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
        return env;
    }

    /** Writes the pod's volumes as directories; returns mount path → directory. */
    private Map<String, Path> mountVolumes(StatefulSet sts, Pod pod, Container container, Path podDir,
            boolean newPod) {
        String ns = pod.getMetadata().getNamespace();
        Map<String, Path> byVolume = new HashMap<>();
        try {
            for (Volume volume : pod.getSpec().getVolumes() == null ? List.<Volume> of() : pod.getSpec().getVolumes()) {
                Path dir = podDir.resolve("volumes").resolve(volume.getName());
                if (volume.getConfigMap() != null) {
                    ConfigMap cm = client.configMaps().inNamespace(ns).withName(volume.getConfigMap().getName()).get();
                    recreate(dir);
                    if (cm != null && cm.getData() != null) {
                        for (var e : cm.getData().entrySet()) {
                            Files.writeString(dir.resolve(e.getKey()), e.getValue());
                        }
                    }
                } else if (volume.getSecret() != null) {
                    Secret secret = client.secrets().inNamespace(ns).withName(volume.getSecret().getSecretName()).get();
                    recreate(dir);
                    if (secret != null && secret.getData() != null) {
                        for (var e : secret.getData().entrySet()) {
                            Files.write(dir.resolve(e.getKey()), Base64.getDecoder().decode(e.getValue()));
                        }
                    }
                } else if (volume.getEmptyDir() != null) {
                    if (newPod) {
                        recreate(dir);
                    } else {
                        Files.createDirectories(dir);
                    }
                }
                byVolume.put(volume.getName(), dir);
            }
            if (sts.getSpec().getVolumeClaimTemplates() != null) {
                for (var claim : sts.getSpec().getVolumeClaimTemplates()) {
                    // a claim belongs to the pod name, not to one pod: it survives the pod being made again
                    Path dir = workDir.resolve("claims").resolve(ns).resolve(claim.getMetadata().getName() + "-"
                            + pod.getMetadata().getName());
                    Files.createDirectories(dir);
                    byVolume.put(claim.getMetadata().getName(), dir);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Path> mounts = new LinkedHashMap<>();
        for (VolumeMount mount : container.getVolumeMounts()) {
            Path dir = byVolume.get(mount.getName());
            if (dir == null) {
                throw new IllegalStateException("pod " + pod.getMetadata().getName() + " mounts unknown volume "
                        + mount.getName());
            }
            mounts.put(mount.getMountPath(), dir);
        }
        return mounts;
    }

    /** Maps the host names the node advertises to its address, read from its properties file. */
    private void advertise(Pod pod, Map<String, Path> mounts, String address) {
        String id = pod.getMetadata().getName().substring(pod.getMetadata().getName().lastIndexOf('-') + 1);
        for (Path dir : mounts.values()) {
            Path props = dir.resolve("node-" + id + ".properties");
            if (Files.exists(props)) {
                try {
                    for (String line : Files.readAllLines(props, StandardCharsets.ISO_8859_1)) {
                        if (line.startsWith("advertised.listeners=")) {
                            for (String listener : line.substring(line.indexOf('=') + 1).split(",")) {
                                String hostPort = listener.substring(listener.indexOf("://") + 3);
                                String host = hostPort.substring(0, hostPort.lastIndexOf(':'));
                                if (!host.matches("[0-9.]+") && !host.startsWith("[")) {
                                    hosts.put(host, address);
                                }
                            }
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private void report(Pod pod, boolean ready) {
        if (ready == Readiness.isPodReady(pod) && pod.getStatus() != null && pod.getStatus().getPodIP() != null) {
            return;
        }
        Pod updated = new PodBuilder(pod).editOrNewStatus().withPhase("Running")
                .withPodIP(network.podAddress(member, pod.getMetadata().getNamespace(), pod.getMetadata().getName()))
                .withConditions(new PodConditionBuilder().withType("Ready").withStatus(ready ? "True" : "False")
                        .build())
                .endStatus().build();
        client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(updated).updateStatus();
    }

    private static boolean accepts(String address, int port) {
        if (port < 0) {
            return true;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String rewrite(String value, Map<String, Path> mounts) {
        String best = null;
        for (String mountPath : mounts.keySet()) {
            if ((value.equals(mountPath) || value.startsWith(mountPath + "/"))
                    && (best == null || mountPath.length() > best.length())) {
                best = mountPath;
            }
        }
        return best == null ? value : mounts.get(best) + value.substring(best.length());
    }

    /** The Kafka version of an image: its tag (apache/kafka:4.4.0 → 4.4.0). */
    static String version(String image) {
        int colon = image.lastIndexOf(':');
        if (colon < 0 || image.indexOf('/', colon) >= 0) {
            throw new IllegalArgumentException("image " + image + " has no version tag");
        }
        return image.substring(colon + 1);
    }

    private Path podDir(String namespace, String pod) {
        return workDir.resolve("pods").resolve(namespace).resolve(pod);
    }

    private static void recreate(Path dir) throws IOException {
        TestFiles.deleteTree(dir);
        Files.createDirectories(dir);
    }

    private static String key(String namespace, String pod) {
        return namespace + "/" + pod;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        sync.shutdownNow();
        nodePorts.values().forEach(io.kstretch.testing.TcpForwarder::close);
        nodePorts.clear();
        List<Running> all = List.copyOf(running.values());
        running.clear();
        all.parallelStream().forEach(r -> r.process().stop(15));
        stopper.shutdownNow();
    }
}
