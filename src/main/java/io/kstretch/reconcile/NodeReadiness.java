package io.kstretch.reconcile;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Pod;
import io.kstretch.api.ControllerStatus;
import io.kstretch.api.MemberStatus;
import io.kstretch.members.MemberConnection;
import io.kstretch.members.ResourceKind;
import io.kstretch.spi.KafkaNode;
import io.kstretch.topology.Placement;
import io.kstretch.topology.Topology;

/** What the members' caches say about the Kafka's node pods: ready or not, per node and per member. */
final class NodeReadiness {
    private NodeReadiness() {
    }

    static MemberStatus memberStatus(Topology topology, String memberName, MemberConnection connection,
            PassResult pass) {
        MemberStatus status = new MemberStatus();
        status.name = memberName;
        Placement placement = topology.placement(memberName);
        status.nodes = placement == null ? 0 : placement.nodes().size();
        status.reachable = !pass.unreachable.containsKey(memberName);
        pass.nodes += status.nodes;
        if (connection != null && placement != null) {
            int ready = (int) placement.nodes().stream().filter(n -> podReady(connection, n)).count();
            status.readyNodes = ready;
            pass.readyNodes += ready;
        }
        return status;
    }

    static boolean podReady(MemberConnection connection, KafkaNode node) {
        return connection.<Pod> get(ResourceKind.of(Pod.class), node.podName())
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null && p.getStatus() != null
                        && p.getStatus().getConditions() != null
                        && p.getStatus().getConditions().stream()
                                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())))
                .isPresent();
    }

    static boolean bootstrapControllersStarted(Topology topology, Map<String, MemberConnection> reachable,
            List<ControllerStatus> initial) {
        if (initial.isEmpty()) {
            return false;
        }
        for (ControllerStatus c : initial) {
            KafkaNode node = topology.controllers().stream().filter(n -> n.id() == c.id).findFirst().orElse(null);
            MemberConnection connection = node == null ? null : reachable.get(node.member().name());
            if (connection == null || !podReady(connection, node)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The nodes whose pods do not run what was rendered for them this pass (their template's configuration hash
     * differs): each needs a restart to pick up its configuration or certificates. Nodes in members not written
     * this pass are not judged.
     */
    static List<String> outdated(Topology topology, Map<String, MemberConnection> reachable,
            Map<Integer, String> rendered) {
        List<String> outdated = new java.util.ArrayList<>();
        for (KafkaNode node : topology.nodes()) {
            MemberConnection connection = reachable.get(node.member().name());
            String want = rendered.get(node.id());
            if (connection == null || want == null) {
                continue;
            }
            var pod = connection.<Pod> get(ResourceKind.of(Pod.class), node.podName());
            if (pod.isEmpty()) {
                continue;
            }
            var annotations = pod.get().getMetadata().getAnnotations();
            String running = io.kstretch.render.NodeHashes.parse(annotations == null ? null
                    : annotations.get(io.kstretch.api.KStretch.CONFIG_HASHES_ANNOTATION)).get(node.id());
            if (!want.equals(running)) {
                outdated.add(String.valueOf(node.id()));
            }
        }
        return outdated;
    }

    /** Whether every node of the topology has a Ready pod in a member written this pass. */
    static boolean allReady(Topology topology, Map<String, MemberConnection> reachable) {
        return topology.nodes().stream().allMatch(n -> reachable.containsKey(n.member().name())
                && podReady(reachable.get(n.member().name()), n));
    }
}
