package io.kstretch.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.kstretch.certs.CertificateRequest;
import io.kstretch.certs.KeyAndCertificate;
import io.kstretch.certs.Pem;
import io.kstretch.certs.SubjectAltNames;
import io.kstretch.kafka.AdminTarget;
import io.kstretch.kafka.KafkaAdmin;
import io.kstretch.kafka.KafkaAdmins;
import io.kstretch.spi.KafkaPort;
import io.kstretch.tls.CaLifecycle;
import io.kstretch.tls.CaState;
import io.kstretch.topology.Endpoints;
import io.kstretch.topology.Topology;

/**
 * How the operator reaches a Kafka's live cluster: an Admin client for the brokers' replication listener and the
 * controllers, authenticated with a client certificate from the Kafka's cluster CA ({@code CN=kstretch-operator}).
 * The certificate and its key live in the operator's memory only; a new one is issued when the issuing CA changes or
 * half its validity has passed.
 */
@ApplicationScoped
public class LiveClusters {
    static final String COMMON_NAME = "kstretch-operator";
    static final Duration VALIDITY = Duration.ofDays(30);

    private record Identity(String issuerPem, Instant renewAt, KeyAndCertificate keyAndCertificate) {
    }

    private final Map<ResourceID, Identity> identities = new ConcurrentHashMap<>();

    @Inject
    KafkaAdmins admins;
    @Inject
    Randomness randomness;

    /** The Admin client of the Kafka, created when first asked for. */
    Supplier<KafkaAdmin> admin(ResourceID kafka, Topology topology, Endpoints endpoints, CaState clusterCa,
            Instant now) {
        return () -> {
            KeyAndCertificate identity = identity(kafka, clusterCa, now);
            String brokers = topology.brokers().stream()
                    .map(b -> endpoints.get(b, KafkaPort.REPLICATION).hostPort()).collect(Collectors.joining(","));
            String controllers = topology.controllers().stream()
                    .map(c -> endpoints.get(c, KafkaPort.CONTROLLER).hostPort()).collect(Collectors.joining(","));
            return admins.get(kafka, new AdminTarget(brokers, controllers, Pem.encode(clusterCa.trusted()),
                    identity.certificatePem(), identity.privateKeyPem()));
        };
    }

    private KeyAndCertificate identity(ResourceID kafka, CaState ca, Instant now) {
        String issuer = Pem.encode(ca.issuing().certificate());
        return identities.compute(kafka, (id, current) -> {
            if (current != null && current.issuerPem().equals(issuer) && now.isBefore(current.renewAt())) {
                return current;
            }
            KeyAndCertificate issued = CaLifecycle.issue(ca, COMMON_NAME, SubjectAltNames.NONE,
                    CertificateRequest.Usage.CLIENT, now, VALIDITY);
            Instant renewAt = now.plus(Duration.between(now, issued.certificate().getNotAfter().toInstant())
                    .dividedBy(2));
            return new Identity(issuer, renewAt, issued);
        }).keyAndCertificate();
    }

    /** Forgets a deleted Kafka: its Admin client is closed and its certificate dropped. */
    void forget(ResourceID kafka) {
        identities.remove(kafka);
        admins.close(kafka);
    }
}
