package io.kstretch.certs;

import static io.kstretch.certs.CertificateRequest.Usage.SERVER_AND_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import javax.net.ssl.SSLContext;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.security.ssl.DefaultSslEngineFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka's own PEM keystore and truststore loader (kafka-clients' DefaultSslEngineFactory, what a broker uses for
 * {@code ssl.keystore.type=PEM}) reads kstretch's files, and the contexts it builds complete mutual TLS.
 */
class KafkaPemStoreTest {
    private static final Instant NOW = Instant.now(); // TLS checks validity against the clock
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;

    @Test
    void kafka_reads_the_keystore_and_truststore_files() throws Exception {
        CertificateAuthority ca = CertificateAuthority.generate("kstretch test CA", NOW.minus(Duration.ofHours(1)),
                NOW.plus(Duration.ofDays(3)), RANDOM);
        Path truststore = Files.writeString(dir.resolve("ca.pem"), Pem.encode(ca.certificate()));
        DefaultSslEngineFactory node0 = kafka(ca, "kafka-0", truststore);
        DefaultSslEngineFactory node1 = kafka(ca, "kafka-1", truststore);
        try {
            assertThat(node0.keystore().getCertificate(node0.keystore().aliases().nextElement()))
                    .isInstanceOf(X509Certificate.class);
            assertThat(node0.truststore().size()).isEqualTo(1);

            SSLContext server = node0.sslContext();
            SSLContext client = node1.sslContext();
            TlsPeers.Outcome outcome = TlsPeers.exchange(server, client, "TLSv1.3", "kafka-0.kafka.east.svc", true);

            assertThat(outcome.succeeded()).as("%s", outcome).isTrue();
            assertThat(outcome.serverSawClient()).isEqualTo("CN=kafka-1");
        } finally {
            node0.close();
            node1.close();
        }
    }

    private DefaultSslEngineFactory kafka(CertificateAuthority ca, String node, Path truststore) throws Exception {
        KeyAndCertificate identity = ca.issue(CertificateRequest.leaf(node,
                SubjectAltNames.of(node + ".kafka.east.svc", "127.0.0.1"), NOW.minus(Duration.ofHours(1)),
                NOW.plus(Duration.ofDays(2)), SERVER_AND_CLIENT));
        Path keystore = Files.writeString(dir.resolve(node + ".pem"), identity.keystorePem());

        Map<String, Object> props = new HashMap<>();
        props.put("ssl.keystore.type", "PEM");
        props.put("ssl.keystore.location", keystore.toString());
        props.put("ssl.truststore.type", "PEM");
        props.put("ssl.truststore.location", truststore.toString());
        Map<String, Object> configs = new HashMap<>(new ConfigDef().withClientSslSupport().parse(props));
        configs.put("ssl.client.auth", "required");
        DefaultSslEngineFactory factory = new DefaultSslEngineFactory();
        factory.configure(configs);
        return factory;
    }
}
