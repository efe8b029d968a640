package io.kstretch.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.kstretch.api.Kafka;
import io.kstretch.api.Listener;
import io.kstretch.certs.CertificateAuthority;
import io.kstretch.certs.CertificateRequest;
import io.kstretch.certs.KeyAndCertificate;
import io.kstretch.certs.Pem;
import io.kstretch.certs.SubjectAltNames;
import io.kstretch.render.Names;
import io.kstretch.render.NodeConfig;
import io.kstretch.render.NodeTls;
import io.kstretch.render.PoolConfigMap;
import io.kstretch.testing.Fixtures;
import io.kstretch.testing.kubelet.KafkaClients;
import io.kstretch.testing.kubelet.ManualNode;
import io.kstretch.tls.CaSecretData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * Real Kafka with TLS: mutual TLS between the nodes of three members (every node's controller and replication
 * listeners), a client listener requiring certificates from the clients CA, and what is refused: clients without a
 * certificate or with one from another CA (the client certificate that works is made as docs/security.md says), a clients-CA certificate on the nodes' own listeners, and a broker that
 * tries to join with a certificate from another CA. A broker with a cluster CA certificate, started the same way,
 * does join, so the refusal is the certificate's doing.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class TlsTest extends RealKafkaSupport {
    private static final String NS = "tls";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void nodesAndClientsAreAuthenticatedByTheirCas() throws Exception {
        env.register(NS);
        Kafka spec = Fixtures.kafka(NS, "my-cluster", "mcs");
        Listener tls = new Listener("tls", 9093, true);
        tls.authentication = "tls";
        spec.getSpec().listeners = List.of(new Listener("plain", 9092, false), tls);
        createWithPoolPerMember(spec);
        Kafka kafka = awaitReady(NS, Duration.ofMinutes(4));

        // the CA keys stay in the central cluster; members get the CA certificates only
        for (String member : List.of("east", "west")) {
            List<Secret> secrets = env.client(member).secrets().inNamespace(NS).list().getItems();
            assertThat(secrets).extracting(s -> s.getMetadata().getName())
                    .contains(Names.clusterCaCert("my-cluster"))
                    .doesNotContain(Names.clusterCa("my-cluster"), Names.clientsCa("my-cluster"));
            assertThat(secrets).allSatisfy(s -> assertThat(s.getData()).doesNotContainKey(CaSecretData.KEY));
        }
        String clusterTrust = text(secret(Names.clusterCaCert("my-cluster")), NodeTls.CLUSTER_CA);
        CertificateAuthority clusterCa = ca(Names.clusterCa("my-cluster"));
        CertificateAuthority rogueCa = CertificateAuthority.generate("rogue", Instant.now().minus(1, ChronoUnit.HOURS),
                Instant.now().plus(7, ChronoUnit.DAYS), RANDOM);

        Map<String, String> alice = documentedClient("alice");
        Map<String, String> mallory = client(clusterTrust, rogueCa.issue(clientCert("mallory")));
        Map<String, String> anonymous = KafkaClients.tls(clusterTrust, null, null);
        Map<String, String> node = client(clusterTrust, clusterCa.issue(clientCert("node")));

        // a client with a clients CA certificate produces and consumes on the tls listener
        String tlsBootstrap = bootstrap(kafka, "tls");
        try (KafkaClients clients = new KafkaClients(tlsBootstrap, alice)) {
            await().atMost(Duration.ofMinutes(1)).ignoreExceptions()
                    .untilAsserted(() -> assertThat(clients.brokers()).isEqualTo(3));
            clients.createTopic("events", 3, (short) 3, 2);
            Set<String> acked = ConcurrentHashMap.newKeySet();
            try (KafkaProducer<String, String> producer = clients.producer(Duration.ofSeconds(60))) {
                produce(producer, acked, 0, 200);
            }
            assertThat(clients.consumeAll("events", acked.size(), Duration.ofSeconds(60))).isEqualTo(acked);
        }
        // refused there: no certificate, another CA's, the cluster CA's (node certificates are not client ones)
        assertRefused(tlsBootstrap, anonymous, "no client certificate");
        assertRefused(tlsBootstrap, mallory, "a rogue CA's certificate");
        assertRefused(tlsBootstrap, node, "a cluster CA certificate on a client listener");

        // the nodes' replication listener takes cluster CA certificates only
        Properties nodeConfig = nodeProperties("central-pool");
        String replication = listenerAddress(nodeConfig, "REPLICATION");
        try (KafkaClients clients = new KafkaClients(replication, node)) {
            assertThat(clients.brokers()).isEqualTo(3);
        }
        assertRefused(replication, alice, "a clients CA certificate on the replication listener");
        assertRefused(replication, mallory, "a rogue CA's certificate on the replication listener");
        // and the controller listener likewise
        String controllers = nodeConfig.getProperty("controller.quorum.bootstrap.servers");
        try (Admin admin = controllerAdmin(controllers, node)) {
            assertThat(admin.describeMetadataQuorum().quorumInfo().get(20, TimeUnit.SECONDS).voters()).hasSize(3);
        }
        try (Admin admin = controllerAdmin(controllers, alice)) {
            assertThatThrownBy(() -> admin.describeMetadataQuorum().quorumInfo().get(20, TimeUnit.SECONDS))
                    .as("a clients CA certificate on the controller listener").hasCauseInstanceOf(
                            SslAuthenticationException.class);
        }

        // a broker with another CA's certificate never registers. It trusts the cluster CA and its own: Kafka checks
        // at start-up that a node's keystore is verifiable by its truststore on the inter-broker listener, and a
        // node that failed that check would die before the controllers could refuse it (a race this test lost once)
        String address = network.podAddress("central", NS, "rogue-999");
        String clusterId = kafka.getStatus().clusterId;
        // (brokers registered with a replication listener, as this one, are listed there)
        try (KafkaClients clients = new KafkaClients(replication, node)) {
            String rogueTrust = clusterTrust.strip() + "\n" + rogueCa.keyAndCertificate().certificatePem();
            try (ManualNode rogue = broker(999, address, nodeConfig, clusterId, rogueCa, rogueTrust, "rogue")) {
                await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).untilAsserted(
                        () -> assertThat(rogue.log()).as(rogue.directory() + "/node.log")
                                .containsIgnoringCase("failed authentication"));
                assertThat(registered(clients)).doesNotContain(999);
            }
            // the same broker with a cluster CA certificate joins
            try (ManualNode joining = broker(999, address, nodeConfig, clusterId, clusterCa, clusterTrust, "joining")) {
                await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                        .untilAsserted(() -> assertThat(registered(clients)).contains(999));
            }
        }
    }

    /**
     * Client settings for {@code name} as a user makes them (docs/security.md): {@code bin/kstretch-client-cert} with
     * the clients CA and the cluster CA certificates from the central Secrets.
     */
    private Map<String, String> documentedClient(String name) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "e2e", "TlsTest", "client").toAbsolutePath());
        Secret clients = secret(Names.clientsCa("my-cluster"));
        Path caCert = Files.writeString(dir.resolve("clients-ca.crt"), text(clients, CaSecretData.CERT));
        Path caKey = Files.writeString(dir.resolve("clients-ca.key"), text(clients, CaSecretData.KEY));
        Path clusterCa = Files.writeString(dir.resolve("ca.crt"),
                text(secret(Names.clusterCaCert("my-cluster")), NodeTls.CLUSTER_CA));
        Process script = new ProcessBuilder("sh", "bin/kstretch-client-cert", "--clients-ca-cert", caCert.toString(),
                "--clients-ca-key", caKey.toString(), "--cluster-ca-cert", clusterCa.toString(), "--name", name,
                "--out", dir.toString()).redirectErrorStream(true).start();
        String output = new String(script.getInputStream().readAllBytes());
        assertThat(script.waitFor()).as(output).isZero();
        Properties props = new Properties();
        props.load(new StringReader(Files.readString(dir.resolve(name + ".properties"))));
        Map<String, String> settings = new HashMap<>();
        props.forEach((k, v) -> settings.put((String) k, (String) v));
        return settings;
    }

    private static CertificateRequest clientCert(String name) {
        return CertificateRequest.leaf(name, SubjectAltNames.NONE, Instant.now().minus(1, ChronoUnit.HOURS),
                Instant.now().plus(1, ChronoUnit.DAYS), CertificateRequest.Usage.CLIENT);
    }

    private static Map<String, String> client(String trust, KeyAndCertificate cert) {
        return KafkaClients.tls(trust, cert.certificatePem(), cert.privateKeyPem());
    }

    private static void assertRefused(String bootstrap, Map<String, String> props, String what) {
        try (KafkaClients clients = new KafkaClients(bootstrap, props)) {
            assertThatThrownBy(clients::brokers).as(what).hasCauseInstanceOf(SslAuthenticationException.class);
        }
    }

    private static Admin controllerAdmin(String controllers, Map<String, String> tls) {
        Map<String, Object> props = new HashMap<>(tls);
        props.put(AdminClientConfig.BOOTSTRAP_CONTROLLERS_CONFIG, controllers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "20000");
        return Admin.create(props);
    }

    private static List<Integer> registered(KafkaClients clients) throws Exception {
        return clients.admin().describeCluster().nodes().get(20, TimeUnit.SECONDS).stream().map(n -> n.id()).toList();
    }

    /**
     * A broker the operator knows nothing of: node {@code id} at {@code address}, with a certificate from {@code ca}
     * for that address, trusting the CAs in {@code clusterTrust}, configured like the operator's nodes for the quorum
     * and TLS.
     */
    private ManualNode broker(int id, String address, Properties nodeConfig, String clusterId,
            CertificateAuthority ca, String clusterTrust, String dir) {
        KeyAndCertificate cert = ca.issue(CertificateRequest.leaf("broker-" + id, SubjectAltNames.of(address),
                Instant.now().minus(1, ChronoUnit.HOURS), Instant.now().plus(1, ChronoUnit.DAYS),
                CertificateRequest.Usage.SERVER_AND_CLIENT));
        Map<String, String> p = new LinkedHashMap<>();
        p.put("node.id", String.valueOf(id));
        p.put("process.roles", "broker");
        for (String key : List.of("controller.listener.names", "listener.security.protocol.map",
                "inter.broker.listener.name", "controller.quorum.bootstrap.servers", "ssl.keystore.type",
                "ssl.truststore.type")) {
            p.put(key, nodeConfig.getProperty(key));
        }
        p.put("listeners", "REPLICATION://" + NodeConfig.BIND_ADDRESS + ":9091");
        p.put("advertised.listeners", "REPLICATION://" + address + ":9091");
        p.put("ssl.keystore.location", NodeConfig.CERTS_DIR + "/" + NodeTls.keystore(id));
        p.put("ssl.truststore.location", NodeConfig.CERTS_DIR + "/" + NodeTls.CLUSTER_CA);
        p.put("log.dirs", NodeConfig.DATA_DIR + "/kafka-log" + id);
        p.put("broker.rack", "rogue");
        String properties = p.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
        return ManualNode.start(Path.of("target", "e2e", "TlsTest", dir).toAbsolutePath(), version(), address,
                hosts, id, properties, clusterId, Map.of(NodeTls.keystore(id), cert.keystorePem(),
                        NodeTls.CLUSTER_CA, clusterTrust));
    }

    private String version() {
        return kafka(NS).getSpec().version;
    }

    /** The properties of the (only) node of a pool in the central member, as the operator rendered them. */
    private Properties nodeProperties(String pool) {
        ConfigMap cm = central.configMaps().inNamespace(NS).withName(Names.configMap("my-cluster", pool)).get();
        String key = cm.getData().keySet().stream().filter(k -> k.endsWith(".properties")).findFirst().orElseThrow();
        assertThat(key).isEqualTo(PoolConfigMap.propertiesKey(Integer.parseInt(key.replaceAll("\\D", ""))));
        Properties p = new Properties();
        try {
            p.load(new StringReader(cm.getData().get(key)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** host:port of {@code listener} in a node's advertised listeners. */
    private static String listenerAddress(Properties nodeConfig, String listener) {
        return List.of(nodeConfig.getProperty("advertised.listeners").split(",")).stream()
                .filter(l -> l.startsWith(listener + "://")).map(l -> l.substring(listener.length() + 3))
                .findFirst().orElseThrow();
    }

    private Secret secret(String name) {
        Secret secret = central.secrets().inNamespace(NS).withName(name).get();
        assertThat(secret).as(name).isNotNull();
        return secret;
    }

    private static String text(Secret secret, String key) {
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A CA from its central Secret, as a user signing client certificates would read it. */
    private CertificateAuthority ca(String secretName) {
        Secret secret = secret(secretName);
        return CertificateAuthority.of(new KeyAndCertificate(Pem.decodePrivateKey(text(secret, CaSecretData.KEY)),
                Pem.decodeCertificate(text(secret, CaSecretData.CERT))), RANDOM);
    }
}
