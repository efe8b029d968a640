package io.kstretch.anchors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kstretch.api.KStretch;
import io.kstretch.api.Kafka;
import io.kstretch.members.MemberConnection;

/**
 * Deletes anchors whose Kafka no longer exists (by UID) - left behind by a crash in the middle of a deletion, or
 * by a deletion that abandoned an unreachable member. Runs when a member is reachable; each candidate is confirmed
 * with a read of the central cluster (not a cache that may lag) before anything is deleted.
 */
@ApplicationScoped
public class OrphanAnchorSweeper {
    private static final Logger LOG = Logger.getLogger(OrphanAnchorSweeper.class);

    @Inject
    KubernetesClient central;

    /** @return how many anchors were deleted */
    public int sweep(MemberConnection member, java.util.function.Predicate<ConfigMap> knownLive) {
        int swept = 0;
        for (ConfigMap anchor : Anchors.all(member)) {
            if (knownLive.test(anchor)) {
                continue;
            }
            String kafka = anchor.getMetadata().getLabels().get(KStretch.CLUSTER_LABEL);
            String uid = anchor.getMetadata().getLabels().get(KStretch.KAFKA_UID_LABEL);
            String namespace = anchor.getMetadata().getLabels().getOrDefault(KStretch.KAFKA_NAMESPACE_LABEL,
                    member.namespace());
            if (kafka == null || uid == null) {
                continue;
            }
            Kafka current = central.resources(Kafka.class).inNamespace(namespace).withName(kafka).get();
            if (current == null || !uid.equals(current.getMetadata().getUid())) {
                LOG.infof("member %s: Kafka %s/%s (uid %s) no longer exists; deleting its GC anchor %s",
                        member.key(), namespace, kafka, uid, anchor.getMetadata().getName());
                Anchors.delete(member, anchor);
                swept++;
            }
        }
        return swept;
    }
}
