package io.kstretch.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.kstretch.certs.CertificateAuthority;
import io.kstretch.certs.CertificateRequest;
import io.kstretch.certs.KeyAndCertificate;
import io.kstretch.certs.Pem;
import io.kstretch.certs.SubjectAltNames;
import io.kstretch.testing.FakeKafkaAdmin;

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

    @Test
    void aClientUnusedForTheIdleTimeIsClosedAndMadeAgainWhenAskedFor() {
        AtomicLong clock = new AtomicLong();
        List<FakeKafkaAdmin> made = new ArrayList<>();
        KafkaAdmins idle = new KafkaAdmins(t -> {
            FakeKafkaAdmin admin = new FakeKafkaAdmin();
            made.add(admin);
            return admin;
        }, clock::get);
        ResourceID other = new ResourceID("other", "kafka");
        AdminTarget target = target(identity());
        KafkaAdmin first = idle.get(KAFKA, target);
        idle.get(other, target);

        clock.addAndGet(KafkaAdmins.IDLE.toMillis() - 1000);
        idle.get(other, target); // used again: its idle time starts over
        assertThat(idle.closeIdle()).isEmpty();
        assertThat(made).noneMatch(FakeKafkaAdmin::isClosed);

        clock.addAndGet(1000);
        assertThat(idle.closeIdle()).containsExactly(KAFKA);
        assertThat(made.get(0).isClosed()).isTrue();
        assertThat(made.get(1).isClosed()).isFalse();

        KafkaAdmin again = idle.get(KAFKA, target);
        assertThat(again).isNotSameAs(first);
        assertThat(made).hasSize(3);
        assertThat(idle.get(other, target)).isSameAs(made.get(1));

        clock.addAndGet(KafkaAdmins.IDLE.toMillis());
        assertThat(idle.closeIdle()).containsExactlyInAnyOrder(KAFKA, other);
        assertThat(made).allMatch(FakeKafkaAdmin::isClosed);
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
