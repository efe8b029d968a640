package io.kstretch.certs;

import static io.kstretch.certs.CertificateRequest.Usage.CLIENT;
import static io.kstretch.certs.CertificateRequest.Usage.SERVER;
import static io.kstretch.certs.CertificateRequest.Usage.SERVER_AND_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real mutual TLS between JDK sockets with kstretch's certificates, as between Kafka nodes. The JDK checks
 * validity against its clock, so these certificates are valid around the real time (read once, here at the edge).
 */
class MutualTlsTest {
    private static final Instant NOW = Instant.now();
    private static final Instant FROM = NOW.minus(Duration.ofHours(1));
    private static final Instant UNTIL = NOW.plus(Duration.ofDays(2));
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final CertificateAuthority CA = CertificateAuthority.generate("kstretch test CA", FROM,
            UNTIL.plus(Duration.ofDays(1)), RANDOM);
    private static final CertificateAuthority OTHER_CA = CertificateAuthority.generate("kstretch test CA", FROM,
            UNTIL.plus(Duration.ofDays(1)), RANDOM);

    private static KeyAndCertificate issue(CertificateAuthority ca, String commonName,
            CertificateRequest.Usage usage, String... names) {
        return ca.issue(CertificateRequest.leaf(commonName, SubjectAltNames.of(names), FROM, UNTIL, usage));
    }

    private static final KeyAndCertificate NODE_0 = issue(CA, "kafka-0", SERVER_AND_CLIENT,
            "kafka-0.kafka.east.svc", "localhost", "127.0.0.1", "::1");
    private static final KeyAndCertificate NODE_1 = issue(CA, "kafka-1", SERVER_AND_CLIENT,
            "kafka-1.kafka.west.svc");

    @ParameterizedTest
    @ValueSource(strings = { "TLSv1.3", "TLSv1.2" })
    void two_nodes_authenticate_each_other(String protocol) throws Exception {
        TlsPeers.Outcome outcome = TlsPeers.exchange(TlsPeers.context(NODE_0, CA.certificate()),
                TlsPeers.context(NODE_1, CA.certificate()), protocol, "127.0.0.1", true);

        assertThat(outcome.clientError()).isNull();
        assertThat(outcome.serverError()).isNull();
        assertThat(outcome.reply()).isEqualTo(42);
        assertThat(outcome.protocol()).isEqualTo(protocol);
        assertThat(outcome.clientSawServer()).isEqualTo("CN=kafka-0");
        assertThat(outcome.serverSawClient()).isEqualTo("CN=kafka-1");
    }

    @Test
    void the_pem_strings_alone_are_enough() throws Exception {
        // what the operator would put into Secrets: a keystore PEM per node and the CA PEM
        String truststore = Pem.encode(CA.certificate());
        TlsPeers.Outcome outcome = TlsPeers.exchange(TlsPeers.context(NODE_0.keystorePem(), truststore),
                TlsPeers.context(NODE_1.keystorePem(), truststore), "TLSv1.3", "kafka-0.kafka.east.svc", true);

        assertThat(outcome.succeeded()).as("%s", outcome).isTrue();
    }

    @Test
    void a_client_with_a_certificate_from_another_ca_is_refused() throws Exception {
        KeyAndCertificate stranger = issue(OTHER_CA, "kafka-1", SERVER_AND_CLIENT, "kafka-1.kafka.west.svc");

        TlsPeers.Outcome outcome = TlsPeers.exchange(TlsPeers.context(NODE_0, CA.certificate()),
                TlsPeers.context(stranger, CA.certificate()), "TLSv1.3", "127.0.0.1", true);

        assertThat(outcome.serverError()).isInstanceOf(SSLHandshakeException.class);
        assertThat(outcome.serverSawClient()).isNull();
        assertThat(outcome.reply()).isNull();
    }

    @Test
    void a_server_with_a_certificate_from_another_ca_is_refused() throws Exception {
        KeyAndCertificate stranger = issue(OTHER_CA, "kafka-0", SERVER_AND_CLIENT, "127.0.0.1");

        TlsPeers.Outcome outcome = TlsPeers.exchange(TlsPeers.context(stranger, CA.certificate()),
                TlsPeers.context(NODE_1, CA.certificate()), "TLSv1.3", "127.0.0.1", true);

        assertThat(outcome.clientError()).isInstanceOf(SSLHandshakeException.class);
        assertThat(outcome.reply()).isNull();
    }

    @Test
    void a_server_is_refused_when_its_certificate_does_not_name_the_host_asked_for() throws Exception {
        KeyAndCertificate server = issue(CA, "kafka-0", SERVER_AND_CLIENT, "kafka-0.kafka.east.svc");
        SSLContext serverContext = TlsPeers.context(server, CA.certificate());
        SSLContext clientContext = TlsPeers.context(NODE_1, CA.certificate());

        TlsPeers.Outcome named = TlsPeers.exchange(serverContext, clientContext, "TLSv1.3",
                "kafka-0.kafka.east.svc", true);
        TlsPeers.Outcome otherName = TlsPeers.exchange(serverContext, clientContext, "TLSv1.3",
                "kafka-1.kafka.east.svc", true);
        TlsPeers.Outcome address = TlsPeers.exchange(serverContext, clientContext, "TLSv1.3", "127.0.0.1", true);
        TlsPeers.Outcome unchecked = TlsPeers.exchange(serverContext, clientContext, "TLSv1.3",
                "kafka-1.kafka.east.svc", false);

        assertThat(named.succeeded()).as("%s", named).isTrue();
        assertThat(otherName.clientError()).isInstanceOf(SSLHandshakeException.class)
                .hasStackTraceContaining("No subject alternative DNS name matching kafka-1.kafka.east.svc found");
        assertThat(address.clientError()).isInstanceOf(SSLHandshakeException.class)
                .hasStackTraceContaining("No subject alternative names matching IP address 127.0.0.1 found");
        // the same connection without endpoint identification: the failures above are the name check's
        assertThat(unchecked.succeeded()).as("%s", unchecked).isTrue();
    }

    @Test
    void extended_key_usage_is_enforced() throws Exception {
        SSLContext serverContext = TlsPeers.context(NODE_0, CA.certificate());
        KeyAndCertificate clientOnly = issue(CA, "kafka-client", CLIENT);
        KeyAndCertificate serverOnly = issue(CA, "not-a-client", SERVER, "not-a-client.svc");

        TlsPeers.Outcome client = TlsPeers.exchange(serverContext, TlsPeers.context(clientOnly, CA.certificate()),
                "TLSv1.3", "127.0.0.1", true);
        TlsPeers.Outcome server = TlsPeers.exchange(serverContext, TlsPeers.context(serverOnly, CA.certificate()),
                "TLSv1.3", "127.0.0.1", true);

        assertThat(client.succeeded()).as("%s", client).isTrue();
        assertThat(client.serverSawClient()).isEqualTo("CN=kafka-client");
        assertThat(server.serverError()).isInstanceOf(SSLHandshakeException.class);
        assertThat(server.reply()).isNull();
    }
}
