package io.kstretch.reconcile;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kstretch.api.Kafka;

/** Writes Kubernetes Events about a Kafka (core/v1, in its namespace). Best effort: a failure is only logged. */
final class KubernetesEvents {
    private static final Logger LOG = Logger.getLogger(KubernetesEvents.class);
    static final String COMPONENT = "kstretch-operator";

    private KubernetesEvents() {
    }

    static void record(KubernetesClient client, Kafka kafka, String type, String reason, String message, Instant now) {
        String time = now.truncatedTo(ChronoUnit.SECONDS).toString();
        var event = new EventBuilder()
                .withNewMetadata()
                .withName(kafka.getMetadata().getName() + "." + Long.toHexString(now.toEpochMilli()))
                .withNamespace(kafka.getMetadata().getNamespace())
                .endMetadata()
                .withNewInvolvedObject()
                .withApiVersion(kafka.getApiVersion()).withKind(kafka.getKind())
                .withName(kafka.getMetadata().getName()).withNamespace(kafka.getMetadata().getNamespace())
                .withUid(kafka.getMetadata().getUid())
                .endInvolvedObject()
                .withType(type).withReason(reason).withMessage(message)
                .withFirstTimestamp(time).withLastTimestamp(time).withCount(1)
                .withNewSource().withComponent(COMPONENT).endSource()
                .build();
        try {
            client.v1().events().inNamespace(kafka.getMetadata().getNamespace()).resource(event).create();
        } catch (KubernetesClientException e) {
            LOG.debugf("Kafka %s/%s: could not record event %s: %s", kafka.getMetadata().getNamespace(),
                    kafka.getMetadata().getName(), reason, e.getMessage());
        }
    }
}
