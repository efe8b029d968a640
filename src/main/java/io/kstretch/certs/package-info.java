/**
 * Certificates for mutual TLS between Kafka nodes, with no dependency beyond the JDK's public API (it runs in a
 * native image): EC P-256 keys, a minimal DER writer for X.509 v3 certificates signed with
 * {@code java.security.Signature}, PEM as Kafka's {@code ssl.keystore.type=PEM} and {@code ssl.truststore.type=PEM}
 * read it, and the pure checks behind renewal.
 *
 * <pre>{@code
 * CertificateAuthority ca = CertificateAuthority.generate("kstretch CA", now, now.plus(Duration.ofDays(3650)), random);
 * KeyAndCertificate node = ca.issue(CertificateRequest.leaf("kafka-0",
 *         SubjectAltNames.of("kafka-0.kafka.east.svc", "10.0.0.7"), now, now.plus(Duration.ofDays(90)),
 *         CertificateRequest.Usage.SERVER_AND_CLIENT));
 * String keystore = node.keystorePem();                 // ssl.keystore.location
 * String truststore = Pem.encode(ca.certificate());      // ssl.truststore.location
 * boolean renew = CertificateChecks.dueForRenewal(node.certificate(), now, Duration.ofDays(30))
 *         || !CertificateChecks.coversExactly(node.certificate(), wantedNames)
 *         || !CertificateChecks.issuedBy(node.certificate(), ca.certificate());
 * }</pre>
 *
 * Nothing here reads the clock, files or the environment: time and randomness are parameters.
 */
package io.kstretch.certs;
