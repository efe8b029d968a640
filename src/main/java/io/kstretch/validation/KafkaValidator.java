package io.kstretch.validation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.Quantity;
import io.kstretch.api.Kafka;
import io.kstretch.api.KafkaNodePool;
import io.kstretch.api.Listener;
import io.kstretch.api.MemberCluster;
import io.kstretch.api.ProcessRole;
import io.kstretch.api.Storage;
import io.kstretch.render.Hashing;
import io.kstretch.render.Names;
import io.kstretch.render.NodeConfig;
import io.kstretch.topology.NodeIdBlocks;
import io.kstretch.topology.Ports;

/**
 * Checks a Kafka, its pools and the members they name before anything is written. Pure: every problem comes with
 * a stable reason and a message that names the field and the fix.
 */
public final class KafkaValidator {
    /** DNS-1035 label: what a Service name must be. */
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern LISTENER_NAME = Pattern.compile("[a-z][a-z0-9]{0,10}");
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)([-.].*)?");
    private static final Set<String> RESERVED_LISTENERS = Set.of("controller", "replication");
    /** Longest StatefulSet name: its pods get a controller-revision-hash label of name + 11 characters. */
    static final int MAX_STATEFULSET_NAME = 52;
    static final int MAX_DNS_LABEL = 63;

    private KafkaValidator() {
    }

    /**
     * @param kafka the Kafka
     * @param pools the pools labelled for it
     * @param members the MemberClusters of the Kafka's namespace, by name
     * @param providers names of the networking providers compiled into the operator
     */
    public static List<Problem> validate(Kafka kafka, List<KafkaNodePool> pools, Map<String, MemberCluster> members,
            Set<String> providers) {
        List<Problem> problems = new ArrayList<>();
        String name = kafka.getMetadata().getName();
        var spec = kafka.getSpec();
        if (spec == null) {
            problems.add(new Problem("InvalidSpec", "spec is missing"));
            return problems;
        }
        if (!DNS_LABEL.matcher(name).matches()) {
            problems.add(new Problem("InvalidName", "metadata.name '" + name + "' must be a DNS-1035 label (lower-case"
                    + " letters, digits and '-', starting with a letter): it becomes part of Service names"));
        }
        version(spec.version, problems);
        InputRules.image(spec, problems);
        certificateAuthority("spec.clusterCa", spec.clusterCaOrDefault(), problems);
        certificateAuthority("spec.clientsCa", spec.clientsCaOrDefault(), problems);
        networking(kafka, providers, problems);
        listeners(spec.listeners, problems);
        config(spec.config, problems);
        pools(kafka, pools, members, problems);
        return problems;
    }

    /** Hash of a provider config, as locked in status.networking.configHash. */
    public static String configHash(Map<String, String> config) {
        return Hashing.ofMap(config);
    }

    private static void certificateAuthority(String field, io.kstretch.api.CertificateAuthoritySpec ca,
            List<Problem> problems) {
        if (ca.renewal().compareTo(ca.validity()) >= 0) {
            problems.add(new Problem("InvalidCertificateAuthority", field + ".renewalDays (" + ca.renewal().toDays()
                    + ") must be less than " + field + ".validityDays (" + ca.validity().toDays() + "), or every"
                    + " certificate would be renewed as soon as it is issued"));
        }
    }

    private static void version(String version, List<Problem> problems) {
        var m = version == null ? null : VERSION.matcher(version);
        if (m == null || !m.matches()) {
            problems.add(new Problem("UnsupportedKafkaVersion",
                    "spec.version '" + version + "' is not a Kafka version such as 4.4.0"));
            return;
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        if (major < 3 || major == 3 && minor < 9) {
            problems.add(new Problem("UnsupportedKafkaVersion", "spec.version " + version
                    + " is too old: kstretch runs KRaft with the 3.9+ storage tool (KIP-853); use 3.9.0 or later"));
        }
    }

    private static void networking(Kafka kafka, Set<String> providers, List<Problem> problems) {
        var networking = kafka.getSpec().networking;
        if (networking == null || networking.provider == null || networking.provider.isBlank()) {
            problems.add(new Problem("UnknownNetworkingProvider", "spec.networking.provider is required; available: "
                    + String.join(", ", providers)));
            return;
        }
        InputRules.singleLines("spec.networking.config", networking.config, "InvalidNetworkingConfig", problems);
        if (!providers.contains(networking.provider)) {
            problems.add(new Problem("UnknownNetworkingProvider", "spec.networking.provider '" + networking.provider
                    + "' is not a provider of this operator; available: " + String.join(", ", providers)));
        }
        var locked = kafka.getStatus() == null ? null : kafka.getStatus().networking;
        if (locked != null && locked.provider != null) {
            String hash = configHash(networking.config);
            if (!locked.provider.equals(networking.provider) || !hash.equals(locked.configHash)) {
                String what = !locked.provider.equals(networking.provider)
                        ? "spec.networking.provider changed from '" + locked.provider + "' to '" + networking.provider
                                + "'"
                        : "spec.networking.config of provider '" + locked.provider + "' changed (status.networking"
                                + ".configHash " + locked.configHash + ", now " + hash + ")";
                problems.add(new Problem("NetworkingProviderChangeNotSupported", what + " after the Kafka was first"
                        + " reconciled with it: applying that would give every node new addresses at once, so the"
                        + " controller quorum, replication and clients would lose each other; kstretch changes"
                        + " nothing. Put spec.networking back as it was. To move to another provider or config,"
                        + " create a second Kafka (another name) with it, mirror the topics with MirrorMaker 2, move"
                        + " the clients, then delete this Kafka"));
            }
        }
    }

    private static void listeners(List<Listener> listeners, List<Problem> problems) {
        if (listeners == null) {
            return;
        }
        Set<String> names = new HashSet<>();
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < listeners.size(); i++) {
            Listener l = listeners.get(i);
            String field = "spec.listeners[" + i + "]";
            if (l.name == null || !LISTENER_NAME.matcher(l.name).matches()) {
                problems.add(new Problem("InvalidListener", field + ".name '" + l.name + "' must be 1-11 lower-case"
                        + " letters and digits, starting with a letter"));
            } else if (RESERVED_LISTENERS.contains(l.name)) {
                problems.add(new Problem("InvalidListener", field + ".name '" + l.name + "' is reserved for"
                        + " kstretch's own listener; choose another name"));
            } else if (!names.add(l.name)) {
                problems.add(new Problem("DuplicateListener", field + ".name '" + l.name + "' is used by another"
                        + " listener; listener names must be unique"));
            }
            if (l.port == null || l.port < 1024 || l.port > 65535) {
                problems.add(new Problem("InvalidListener", field + ".port " + l.port + " must be between 1024 and"
                        + " 65535 (Kafka runs as a non-root user)"));
            } else if (l.port == Ports.CONTROLLER_PORT || l.port == Ports.REPLICATION_PORT) {
                problems.add(new Problem("InvalidListener", field + ".port " + l.port + " is used by kstretch's"
                        + " controller (9090) or replication (9091) listener; choose another port"));
            } else if (!ports.add(l.port)) {
                problems.add(new Problem("DuplicateListener", field + ".port " + l.port + " is used by another"
                        + " listener; listener ports must be unique"));
            }
            if (l.authentication != null && !l.authentication.equals("none") && !l.authentication.equals("tls")) {
                problems.add(new Problem("InvalidListener", field + ".authentication '" + l.authentication
                        + "' must be none or tls"));
            } else if ("tls".equals(l.authentication) && !l.tlsEnabled()) {
                problems.add(new Problem("InvalidListener", field + ".authentication tls needs tls: true"));
            }
        }
    }

    private static void config(Map<String, String> config, List<Problem> problems) {
        if (config == null) {
            return;
        }
        new java.util.TreeMap<>(config).forEach((key, value) -> {
            if (NodeConfig.isOwned(key)) {
                problems.add(new Problem("ForbiddenConfig", "spec.config." + key + " is set by kstretch (listeners,"
                        + " quorum, node identity, paths and TLS are derived from the spec); remove it"));
            }
            if (key.isBlank() || key.chars().anyMatch(c -> c < 0x21 || c == '=' || c == ':')) {
                problems.add(new Problem("InvalidConfig", "spec.config key '" + key.replace("\n", "\\n")
                        + "' is not a Kafka property name"));
            }
            if (value == null) {
                problems.add(new Problem("InvalidConfig", "spec.config." + key + " has no value"));
            }
        });
        InputRules.singleLines("spec.config", config, "InvalidConfig", problems);
    }

    private static void pools(Kafka kafka, List<KafkaNodePool> pools, Map<String, MemberCluster> members,
            List<Problem> problems) {
        String kafkaName = kafka.getMetadata().getName();
        if (pools.isEmpty()) {
            problems.add(new Problem("NoNodePools", "no KafkaNodePool in namespace "
                    + kafka.getMetadata().getNamespace() + " has label kstretch.io/cluster=" + kafkaName
                    + "; create at least one"));
            return;
        }
        int controllers = 0;
        int brokers = 0;
        Set<String> centralMembers = new java.util.TreeSet<>();
        for (KafkaNodePool pool : pools) {
            String poolName = pool.getMetadata().getName();
            String where = "KafkaNodePool " + poolName + ": ";
            var spec = pool.getSpec();
            if (spec == null) {
                problems.add(new Problem("InvalidNodePool", where + "spec is missing"));
                continue;
            }
            if (!DNS_LABEL.matcher(poolName).matches()) {
                problems.add(new Problem("InvalidName", where + "metadata.name must be a DNS-1035 label"));
            }
            MemberCluster member = spec.memberCluster == null ? null : members.get(spec.memberCluster);
            if (member == null) {
                problems.add(new Problem("UnknownMemberCluster", where + "spec.memberCluster '" + spec.memberCluster
                        + "' names no MemberCluster in namespace " + kafka.getMetadata().getNamespace()
                        + "; create it or correct the name"));
            } else {
                InputRules.member(member, where, problems);
                if (member.isCentral()) {
                    centralMembers.add(member.getMetadata().getName());
                }
            }
            InputRules.jvmOptions(spec.jvmOptions, where, problems);
            InputRules.storageClass(spec.storage, where, problems);
            var status = pool.getStatus();
            if (status != null && status.memberCluster != null && !status.memberCluster.equals(spec.memberCluster)) {
                problems.add(new Problem("MemberClusterChanged", where + "spec.memberCluster changed from '"
                        + status.memberCluster + "' to '" + spec.memberCluster + "'; a pool cannot move: put it back"
                        + " and create a new pool in '" + spec.memberCluster + "' instead"));
            }
            if (status != null && status.nodeIdStart != null && spec.nodeIdStart != null
                    && !status.nodeIdStart.equals(spec.nodeIdStart)) {
                problems.add(new Problem("NodeIdStartChanged", where + "spec.nodeIdStart changed from "
                        + status.nodeIdStart + " to " + spec.nodeIdStart + "; node ids are assigned once: put it back"));
            }
            if (spec.roles == null || spec.roles.isEmpty() || spec.roles.contains(null)) {
                problems.add(new Problem("InvalidRoles", where + "spec.roles must be a non-empty subset of"
                        + " [controller, broker]"));
            }
            if (spec.replicas == null || spec.replicas < 0) {
                problems.add(new Problem("InvalidNodePool", where + "spec.replicas must be 0 or more"));
            } else {
                if (spec.hasRole(ProcessRole.CONTROLLER)) {
                    controllers += spec.replicas;
                }
                if (spec.hasRole(ProcessRole.BROKER)) {
                    brokers += spec.replicas;
                }
            }
            if (spec.nodeIdStart != null && spec.nodeIdStart < 0) {
                problems.add(new Problem("InvalidNodePool", where + "spec.nodeIdStart must be 0 or more"));
            } else if (spec.nodeIdStart != null && spec.replicas != null && spec.replicas >= 0
                    && spec.nodeIdStart > Integer.MAX_VALUE - Math.max(NodeIdBlocks.BLOCK, spec.replicas)) {
                // the pool's block of ids would run past the largest node id and wrap around to negative ids
                problems.add(new Problem("InvalidNodePool", where + "spec.nodeIdStart " + spec.nodeIdStart
                        + " is too large: the pool's block of " + Math.max(NodeIdBlocks.BLOCK, spec.replicas)
                        + " ids must end at or below " + Integer.MAX_VALUE + "; choose a smaller spec.nodeIdStart"));
            }
            storage(where, spec.storage, problems);
        }
        if (centralMembers.size() > 1) {
            problems.add(new Problem("DuplicateCentralMember", "MemberClusters " + String.join(", ", centralMembers)
                    + " both stand for the central cluster (no spec.kubeconfigSecret); use one of them"));
        }
        if (!problems.isEmpty()) {
            return;
        }
        if (controllers == 0) {
            problems.add(new Problem("NoControllers", "no node pool of Kafka " + kafkaName + " has the controller"
                    + " role with replicas > 0; KRaft needs controllers (3 or 5, spread over members)"));
        }
        if (brokers == 0) {
            problems.add(new Problem("NoBrokers", "no node pool of Kafka " + kafkaName + " has the broker role with"
                    + " replicas > 0"));
        }
        nodeIds(kafka, pools, problems);
        names(kafkaName, pools, problems);
        staticQuorum(kafka, pools, problems);
    }

    /**
     * A static quorum's voters are fixed in every node's {@code controller.quorum.voters} when the cluster is
     * created: the controller node ids may not change afterwards (a dynamic quorum's may, through KIP-853).
     */
    private static void staticQuorum(Kafka kafka, List<KafkaNodePool> pools, List<Problem> problems) {
        var status = kafka.getStatus();
        if (kafka.getSpec().quorumOrDefault() != io.kstretch.api.Quorum.STATIC || status == null
                || status.clusterId == null || status.controllers == null || status.controllers.isEmpty()) {
            return;
        }
        Set<Integer> fixed = new java.util.TreeSet<>();
        status.controllers.forEach(c -> fixed.add(c.id));
        Set<Integer> asked = new java.util.TreeSet<>();
        List<String> newPools = new ArrayList<>();
        for (KafkaNodePool pool : pools) {
            if (!pool.getSpec().hasRole(io.kstretch.api.ProcessRole.CONTROLLER)) {
                continue;
            }
            Integer first = pool.getStatus() == null ? null : pool.getStatus().nodeIdStart;
            if (first == null) {
                newPools.add(pool.getMetadata().getName());
                continue;
            }
            for (int i = 0; i < pool.getSpec().replicas; i++) {
                asked.add(first + i);
            }
        }
        if (!asked.equals(fixed) || !newPools.isEmpty()) {
            problems.add(new Problem("StaticQuorumChange", "spec.quorum is static: the controllers were fixed when"
                    + " the cluster was created (node ids " + fixed + "), but the node pools now ask for "
                    + (newPools.isEmpty() ? "node ids " + asked : "new controller pool(s) " + newPools)
                    + "; revert the node pools' replicas and roles. Controllers can only be added, removed or moved"
                    + " with quorum: dynamic (the default), which a new cluster has to be created with"));
        }
    }

    private static void storage(String where, Storage storage, List<Problem> problems) {
        if (storage == null) {
            return;
        }
        if (storage.type != null && !Storage.PERSISTENT_CLAIM.equals(storage.type)
                && !Storage.EPHEMERAL.equals(storage.type)) {
            problems.add(new Problem("InvalidStorage", where + "spec.storage.type '" + storage.type
                    + "' must be persistent-claim or ephemeral"));
        }
        if (storage.isPersistent() && (storage.size == null || storage.size.isBlank())) {
            problems.add(new Problem("InvalidStorage", where + "spec.storage.size is required for persistent-claim,"
                    + " e.g. 100Gi"));
        }
        if (storage.size != null && !storage.size.isBlank()) {
            try {
                if (Quantity.getAmountInBytes(new Quantity(storage.size)).signum() <= 0) {
                    throw new IllegalArgumentException();
                }
            } catch (RuntimeException e) {
                problems.add(new Problem("InvalidStorage", where + "spec.storage.size '" + storage.size
                        + "' is not a positive quantity such as 100Gi"));
            }
        }
    }

    private static void nodeIds(Kafka kafka, List<KafkaNodePool> pools, List<Problem> problems) {
        var assignment = NodeIdBlocks.assign(pools,
                kafka.getStatus() == null ? null : kafka.getStatus().nextNodeId);
        Map<Integer, String> owner = new HashMap<>();
        for (KafkaNodePool pool : pools) {
            int first = assignment.firstIds().get(pool.getMetadata().getName());
            for (int id = first; id < first + pool.getSpec().replicas; id++) {
                String previous = owner.putIfAbsent(id, pool.getMetadata().getName());
                if (previous != null) {
                    problems.add(new Problem("NodeIdClash", "node id " + id + " would belong to both KafkaNodePool "
                            + previous + " and " + pool.getMetadata().getName() + "; lower one pool's spec.replicas"
                            + " or give a new pool a spec.nodeIdStart outside the other pools' ranges"));
                    return;
                }
            }
        }
    }

    private static void names(String kafka, List<KafkaNodePool> pools, List<Problem> problems) {
        if (Names.headlessService(kafka).length() > MAX_DNS_LABEL) {
            problems.add(new Problem("NameTooLong", "metadata.name '" + kafka + "' is too long: Service "
                    + Names.headlessService(kafka) + " would exceed 63 characters"));
        }
        for (KafkaNodePool pool : pools) {
            String poolName = pool.getMetadata().getName();
            String sts = Names.statefulSet(kafka, poolName);
            Integer first = NodeIdBlocks.assigned(pool);
            int lastId = (first == null ? 0 : first) + Math.max(NodeIdBlocks.BLOCK, pool.getSpec().replicas) - 1;
            String pod = Names.pod(kafka, poolName, lastId);
            if (sts.length() > MAX_STATEFULSET_NAME) {
                problems.add(new Problem("NameTooLong", "KafkaNodePool " + poolName + ": StatefulSet name " + sts
                        + " is " + sts.length() + " characters, more than " + MAX_STATEFULSET_NAME
                        + "; shorten the Kafka or pool name"));
            } else if (pod.length() > MAX_DNS_LABEL) {
                problems.add(new Problem("NameTooLong", "KafkaNodePool " + poolName + ": pod name " + pod
                        + " would exceed 63 characters; shorten the Kafka or pool name"));
            }
        }
    }
}
