package io.kstretch.reconcile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kstretch.anchors.Anchors;
import io.kstretch.api.KStretch;
import io.kstretch.api.Kafka;
import io.kstretch.api.MemberCluster;
import io.kstretch.members.MemberConnection;
import io.kstretch.members.MemberRegistry;
import io.kstretch.members.ResourceKind;
import io.kstretch.render.Labels;
import io.kstretch.render.NodeHashes;
import io.kstretch.spi.Member;
import io.kstretch.spi.NetworkingProvider;
import io.kstretch.spi.ProviderContext;
import io.kstretch.topology.Placement;
import io.kstretch.topology.Topology;

/**
 * Writes one Kafka's objects into its reachable members during one reconcile: the owner of everything there (the
 * Kafka in the central cluster, a GC anchor elsewhere), the provider's objects, the data plane, then what is no
 * longer wanted is pruned, and members the Kafka no longer uses are emptied. A member whose writes fail drops out of
 * the pass (reported in {@link PassResult}); the others go on.
 */
final class DataPlaneWriter {
    private final Kafka kafka;
    private final Topology topology;
    private final PassResult pass;
    private final Map<String, MemberConnection> reachable;
    private final Map<String, OwnerReference> owners = new TreeMap<>();
    private final Map<String, List<HasMetadata>> providerObjects = new TreeMap<>();
    private final Map<Integer, String> renderedNodeHashes = new TreeMap<>();

    /** @param reachable the members to write to; a member that fails is removed from it */
    DataPlaneWriter(Kafka kafka, Topology topology, PassResult pass, Map<String, MemberConnection> reachable) {
        this.kafka = kafka;
        this.topology = topology;
        this.pass = pass;
        this.reachable = reachable;
    }

    /** Makes sure each reachable member has its owner, and applies the provider's objects there. */
    void applyProviderObjects(NetworkingProvider provider, ProviderContext ctx) {
        for (Placement placement : topology.placements()) {
            String memberName = placement.member().name();
            inMember(memberName, member -> {
                OwnerReference owner = owner(kafka, placement.member(), member);
                owners.put(memberName, owner);
                List<HasMetadata> objects = decorate(DesiredObjects.provider(provider, ctx, placement), memberName,
                        owner);
                List<ResourceKind> kinds = Applier.kinds(objects);
                member.watch(kinds);
                if (!member.isSynced(kinds)) {
                    pass.connecting.add(memberName);
                    reachable.remove(memberName);
                    return;
                }
                for (HasMetadata object : objects) {
                    pass.writes += Applier.apply(member, object);
                }
                providerObjects.put(memberName, objects);
            });
        }
    }

    /** Applies {@code dataPlane(placement)} (with the provider's objects) to each reachable member, then prunes. */
    void applyDataPlane(Function<Placement, List<HasMetadata>> dataPlane) {
        for (Placement placement : topology.placements()) {
            String memberName = placement.member().name();
            inMember(memberName, member -> {
                List<HasMetadata> desired = new ArrayList<>(providerObjects.get(memberName));
                desired.addAll(decorate(dataPlane.apply(placement), memberName, owners.get(memberName)));
                desired.stream().filter(o -> o instanceof StatefulSet).forEach(o -> renderedNodeHashes.putAll(
                        NodeHashes.parse(((StatefulSet) o).getSpec().getTemplate().getMetadata().getAnnotations()
                                .get(KStretch.CONFIG_HASHES_ANNOTATION))));
                for (HasMetadata object : desired) {
                    pass.writes += Applier.apply(member, object);
                }
                pass.writes += prune(kafka, placement.member(), member, desired);
            });
        }
    }

    /** Node id → the hash of what was rendered for it this pass (reachable members only). */
    Map<Integer, String> renderedNodeHashes() {
        return renderedNodeHashes;
    }

    /**
     * Empties the reachable members of {@code memberNames} that hold no placement any more.
     *
     * @return the members where nothing of the Kafka is left
     */
    Set<String> removeLeftovers(Set<String> memberNames, Map<String, MemberCluster> members) {
        Set<String> emptied = new HashSet<>();
        for (String memberName : memberNames) {
            if (topology.placement(memberName) == null) {
                inMember(memberName, member -> {
                    if (removeAll(kafka, members.get(memberName), member, pass)) {
                        emptied.add(memberName);
                    }
                });
            }
        }
        return emptied;
    }

    /**
     * Runs {@code work} against a reachable member. A member whose work fails is reported (a write refused: an
     * error; a request failed: unreachable) and leaves the pass, so that nothing later in it acts on that member.
     */
    private void inMember(String memberName, Consumer<MemberConnection> work) {
        MemberConnection member = reachable.get(memberName);
        if (member == null) {
            return;
        }
        try {
            work.accept(member);
            return;
        } catch (ApplyException e) {
            pass.error(memberName, e);
        } catch (KubernetesClientException e) {
            pass.unreachable.put(memberName, "API request failed: " + e.getMessage());
        }
        reachable.remove(memberName);
    }

    private List<HasMetadata> decorate(List<HasMetadata> objects, String member, OwnerReference owner) {
        Map<String, String> labels = Labels.managed(topology.kafkaName(), member);
        objects.forEach(o -> Applier.decorate(o, topology.namespace(), labels, owner));
        return objects;
    }

    /** Central member: the Kafka owns the objects. Remote: the member's live GC anchor (created if needed). */
    private static OwnerReference owner(Kafka kafka, Member member, MemberConnection connection) {
        if (member.central()) {
            return kafkaOwner(kafka);
        }
        return Anchors.ownerReference(Anchors.ensure(connection, kafka.getMetadata().getName(),
                kafka.getMetadata().getUid()));
    }

    /** The Kafka as the controlling owner of an object in the central cluster. */
    static OwnerReference kafkaOwner(Kafka kafka) {
        return new OwnerReferenceBuilder().withApiVersion(kafka.getApiVersion()).withKind(kafka.getKind())
                .withName(kafka.getMetadata().getName()).withUid(kafka.getMetadata().getUid())
                .withController(true).build();
    }

    /** Deletes what is no longer desired in a member, then lets replaced anchors go. */
    private static int prune(Kafka kafka, Member member, MemberConnection connection, List<HasMetadata> desired) {
        String name = kafka.getMetadata().getName();
        String uid = kafka.getMetadata().getUid();
        Set<String> owners = ownerUids(kafka, member, connection);
        Set<String> keep = new HashSet<>();
        desired.forEach(o -> keep.add(Applier.key(o)));
        int writes = Applier.prune(connection, name, owners, keep, prunableKinds(connection, desired));
        if (!member.central()) {
            Optional<ConfigMap> live = Anchors.live(connection, name, uid);
            if (live.isPresent()) {
                List<HasMetadata> owned = new ArrayList<>();
                for (ResourceKind kind : prunableKinds(connection, desired)) {
                    owned.addAll(connection.list(kind, name));
                }
                owned.addAll(connection.list(ResourceKind.of(Pod.class), name));
                Anchors.releaseReplaced(connection, name, uid, live.get(), owned);
            }
        }
        return writes;
    }

    /** Removes everything of the Kafka in a member it no longer uses; true once nothing is left there. */
    private static boolean removeAll(Kafka kafka, MemberCluster memberCluster, MemberConnection connection,
            PassResult pass) {
        String name = kafka.getMetadata().getName();
        if (memberCluster != null && !memberCluster.isCentral()) {
            return Anchors.deleteAll(connection, name, kafka.getMetadata().getUid());
        }
        Set<String> owners = Set.of(kafka.getMetadata().getUid());
        List<ResourceKind> kinds = prunableKinds(connection, List.of());
        pass.writes += Applier.prune(connection, name, owners, Set.of(), kinds);
        return kinds.stream().allMatch(k -> connection.list(k, name).isEmpty());
    }

    private static Set<String> ownerUids(Kafka kafka, Member member, MemberConnection connection) {
        Set<String> uids = new HashSet<>();
        if (member.central()) {
            uids.add(kafka.getMetadata().getUid());
        } else {
            Anchors.of(connection, kafka.getMetadata().getName(), kafka.getMetadata().getUid())
                    .forEach(a -> uids.add(a.getMetadata().getUid()));
        }
        return uids;
    }

    /** Kinds kstretch writes in this member: its own and the provider's (never Pods). */
    private static List<ResourceKind> prunableKinds(MemberConnection connection, List<HasMetadata> desired) {
        List<ResourceKind> kinds = new ArrayList<>(MemberRegistry.CORE_KINDS);
        kinds.remove(ResourceKind.of(Pod.class));
        for (ResourceKind kind : Applier.kinds(desired)) {
            if (!kinds.contains(kind)) {
                kinds.add(kind);
            }
        }
        return kinds;
    }
}
