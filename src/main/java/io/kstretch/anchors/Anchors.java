package io.kstretch.anchors;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kstretch.api.KStretch;
import io.kstretch.members.MemberConnection;
import io.kstretch.members.ResourceKind;
import io.kstretch.render.Anchor;
import io.kstretch.render.Names;

/**
 * The GC anchors of a Kafka in one remote member: find them, keep exactly one live, release replaced ones once
 * nothing refers to them, and delete them all when the Kafka goes. Anchors are found by labels (Kafka name, UID)
 * in the member's informer cache; only anchors of this Kafka's UID are touched.
 */
public final class Anchors {
    private static final Logger LOG = Logger.getLogger(Anchors.class);
    static final ResourceKind CONFIG_MAP = ResourceKind.of(ConfigMap.class);
    private static final int MAX_NAME_TRIES = 20;

    private Anchors() {
    }

    /** Every anchor in the member's cache (any Kafka), name order. */
    public static List<ConfigMap> all(MemberConnection member) {
        List<ConfigMap> anchors = new ArrayList<>();
        for (ConfigMap cm : member.<ConfigMap> list(CONFIG_MAP, null)) {
            if ("true".equals(label(cm, KStretch.ANCHOR_LABEL))) {
                anchors.add(cm);
            }
        }
        return anchors;
    }

    /** The anchors of the Kafka with {@code uid}, name order. */
    public static List<ConfigMap> of(MemberConnection member, String kafka, String uid) {
        return all(member).stream()
                .filter(a -> kafka.equals(label(a, KStretch.CLUSTER_LABEL)) && uid.equals(label(a, KStretch.KAFKA_UID_LABEL)))
                .toList();
    }

    /** The live anchor: the first of this Kafka's anchors that is not being deleted. */
    public static Optional<ConfigMap> live(MemberConnection member, String kafka, String uid) {
        return of(member, kafka, uid).stream().filter(a -> a.getMetadata().getDeletionTimestamp() == null)
                .findFirst();
    }

    /**
     * Makes sure the Kafka has a live anchor here and returns it. When the only anchors are being deleted (someone
     * ran kubectl delete), a new one is created under the next free name; the old ones are held by their finalizer
     * until {@link #releaseReplaced} sees nothing referring to them.
     */
    public static ConfigMap ensure(MemberConnection member, String kafka, String uid) {
        Optional<ConfigMap> live = live(member, kafka, uid);
        if (live.isPresent()) {
            return live.get();
        }
        List<String> taken = member.<ConfigMap> list(CONFIG_MAP, null).stream().map(c -> c.getMetadata().getName())
                .toList();
        for (int n = 1; n <= MAX_NAME_TRIES; n++) {
            String name = Names.anchor(kafka, n);
            if (taken.contains(name)) {
                continue;
            }
            try {
                ConfigMap created = member.create(Anchor.render(kafka, member.namespace(), uid,
                        member.key().name(), name));
                LOG.infof("member %s: created GC anchor %s for Kafka %s", member.key(), name, kafka);
                return created;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
                // a ConfigMap kstretch does not manage has that name: take the next one
            }
        }
        throw new IllegalStateException("no free GC anchor name for Kafka " + kafka + " in member " + member.key());
    }

    /** The owner reference every object of the Kafka in this member carries. */
    public static OwnerReference ownerReference(ConfigMap anchor) {
        return new OwnerReferenceBuilder().withApiVersion("v1").withKind("ConfigMap")
                .withName(anchor.getMetadata().getName()).withUid(anchor.getMetadata().getUid())
                .withController(true).build();
    }

    /**
     * Lets replaced anchors go (removes their finalizer) once none of {@code owned} - every object of the Kafka in
     * this member - still names them as owner.
     *
     * @return the anchors still held
     */
    public static List<ConfigMap> releaseReplaced(MemberConnection member, String kafka, String uid, ConfigMap live,
            List<? extends HasMetadata> owned) {
        List<ConfigMap> held = new ArrayList<>();
        for (ConfigMap anchor : of(member, kafka, uid)) {
            if (anchor.getMetadata().getUid().equals(live.getMetadata().getUid())) {
                continue;
            }
            boolean referenced = owned.stream().anyMatch(o -> ownedBy(o, anchor));
            if (referenced) {
                held.add(anchor);
            } else {
                release(member, anchor);
                if (anchor.getMetadata().getDeletionTimestamp() == null) {
                    member.delete(anchor);
                }
                LOG.infof("member %s: released replaced GC anchor %s", member.key(), anchor.getMetadata().getName());
            }
        }
        return held;
    }

    /**
     * Deletes every anchor of the Kafka here (garbage collection then removes what they own).
     *
     * @return true when no anchor of the Kafka is left in the cache
     */
    public static boolean deleteAll(MemberConnection member, String kafka, String uid) {
        List<ConfigMap> anchors = of(member, kafka, uid);
        for (ConfigMap anchor : anchors) {
            delete(member, anchor);
        }
        return of(member, kafka, uid).isEmpty();
    }

    /** Removes kstretch's finalizer from {@code anchor} and deletes it. */
    public static void delete(MemberConnection member, ConfigMap anchor) {
        release(member, anchor);
        if (anchor.getMetadata().getDeletionTimestamp() == null) {
            try {
                member.delete(anchor);
            } catch (KubernetesClientException e) {
                if (e.getCode() != 404) {
                    throw e;
                }
            }
        }
    }

    public static boolean ownedBy(HasMetadata object, ConfigMap anchor) {
        return object.getMetadata().getOwnerReferences() != null && object.getMetadata().getOwnerReferences()
                .stream().anyMatch(r -> anchor.getMetadata().getUid().equals(r.getUid()));
    }

    private static void release(MemberConnection member, ConfigMap anchor) {
        if (!hasFinalizer(anchor)) {
            return;
        }
        List<String> finalizers = new ArrayList<>(anchor.getMetadata().getFinalizers());
        finalizers.remove(KStretch.ANCHOR_FINALIZER);
        ConfigMap released = new ConfigMapBuilder(anchor).editMetadata().withFinalizers(finalizers).endMetadata()
                .build();
        try {
            member.update(released);
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }

    private static boolean hasFinalizer(ConfigMap anchor) {
        return anchor.getMetadata().getFinalizers() != null
                && anchor.getMetadata().getFinalizers().contains(KStretch.ANCHOR_FINALIZER);
    }

    private static String label(HasMetadata o, String key) {
        Map<String, String> labels = o.getMetadata().getLabels();
        return labels == null ? null : labels.get(key);
    }
}
