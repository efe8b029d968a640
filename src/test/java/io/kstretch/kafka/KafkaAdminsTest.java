package io.kstretch.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.kstretch.certs.CertificateAuthority;
import io.kstretch.certs.CertificateRequest;
import io.kstretch.certs.KeyAndCertificate;
import io.kstretch.certs.Pem;
import io.kstretch.certs.SubjectAltNames;

/** One Admin client per Kafka, replaced when anything it connects with changes (nothing connects here). */
class KafkaAdminsTest {
    private static final ResourceID KAFKA = new ResourceID("my-cluster", "kafka");
    private final KafkaAdmins admins = new KafkaAdmins();
    private final Instant now = Instant.now();
    private final CertificateAuthority ca = CertificateAuthority.generate("test CA", now.minusSeconds(60),
            now.plus(Duration.ofDays(30)), new SecureRandom());

    @AfterEach
    void close() {
        admins.closeAll();
    }

    @Test
    void keptWhileTheTargetIsTheSameReplacedWhenTheOperatorCertificateIsRenewed() {
        AdminTarget target = target(identity());
        KafkaAdmin first = admins.get(KAFKA, target);
        assertThat(admins.get(KAFKA, new AdminTarget(target.brokers(), target.controllers(), target.trustedPem(),
                target.certificateChainPem(), target.privateKeyPem()))).isSameAs(first);

        // a renewed operator certificate must be used: an Admin client keeps the certificate it was created with
        AdminTarget renewed = target(identity());
        assertThat(admins.get(KAFKA, renewed)).isNotSameAs(first);
        // and so must new endpoints
        AdminTarget moved = new AdminTarget("127.0.0.2:9", renewed.controllers(), renewed.trustedPem(),
                renewed.certificateChainPem(), renewed.privateKeyPem());
        assertThat(admins.get(KAFKA, moved)).isNotSameAs(admins.get(KAFKA, renewed));
    }

    /** An Admin client that only records whether it was closed. */
    private static final class Recording implements KafkaAdmin {
        boolean closed;

        @Override
        public QuorumState quorum() {
            throw new UnsupportedOperationException();
        }

        @Override
        public java.util.Map<Integer, Boolean> brokers() {
            throw new UnsupportedOperationException();
        }

        @Override
        public java.util.List<PartitionState> partitions() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void addVoter(int id, String directoryId, String listener, String host, int port) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void removeVoter(int id, String directoryId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void unregisterBroker(int id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** A clock the test moves. */
    private static final class Hands extends java.time.Clock {
        Instant instant = Instant.parse("2026-12-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return instant;
        }
    }

    @Test
    void aClientUnusedForTheIdleTimeIsClosedAndMadeAgainWhenAskedFor() {
        Hands clock = new Hands();
        java.util.List<Recording> made = new java.util.ArrayList<>();
        KafkaAdmins idle = new KafkaAdmins(t -> {
            Recording r = new Recording();
            made.add(r);
            return r;
        }, clock);
        ResourceID other = new ResourceID("other", "kafka");
        AdminTarget target = target(identity());
        KafkaAdmin first = idle.get(KAFKA, target);
        idle.get(other, target);

        clock.instant = clock.instant.plus(KafkaAdmins.IDLE).minusSeconds(1);
        idle.get(other, target); // used again: its idle time starts over
        assertThat(idle.closeIdle()).isEmpty();
        assertThat(made).noneMatch(r -> r.closed);

        clock.instant = clock.instant.plusSeconds(1);
        assertThat(idle.closeIdle()).containsExactly(KAFKA);
        assertThat(made.get(0).closed).isTrue();
        assertThat(made.get(1).closed).isFalse();

        KafkaAdmin again = idle.get(KAFKA, target);
        assertThat(again).isNotSameAs(first);
        assertThat(made).hasSize(3);
        assertThat(idle.get(other, target)).isSameAs(made.get(1));

        clock.instant = clock.instant.plus(KafkaAdmins.IDLE);
        assertThat(idle.closeIdle()).containsExactlyInAnyOrder(KAFKA, other);
        assertThat(made).allMatch(r -> r.closed);
    }

    private KeyAndCertificate identity() {
        return ca.issue(CertificateRequest.leaf("kstretch-operator", SubjectAltNames.NONE, now.minusSeconds(60),
                now.plus(Duration.ofDays(1)), CertificateRequest.Usage.CLIENT));
    }

    private AdminTarget target(KeyAndCertificate identity) {
        return new AdminTarget("127.0.0.1:9", "127.0.0.1:9", Pem.encode(ca.certificate()),
                identity.certificatePem(), identity.privateKeyPem());
    }
}
