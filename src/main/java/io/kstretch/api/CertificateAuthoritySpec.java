package io.kstretch.api;

import java.time.Duration;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Min;

/** How a Kafka's certificate authority (cluster or clients) and the certificates it issues are managed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CertificateAuthoritySpec {
    @Min(2)
    @JsonPropertyDescription("Validity of the CA and of the certificates it issues, in days; default 365.")
    public Integer validityDays;

    @Min(1)
    @JsonPropertyDescription("Renew a certificate this many days before it expires; default 30.")
    public Integer renewalDays;

    @JsonPropertyDescription("Let kstretch generate and renew the CA (default true). With false, supply it in Secret"
            + " <kafka>-cluster-ca (or -clients-ca) with ca.crt and ca.key, labelled kstretch.io/cluster=<kafka>.")
    public Boolean generateCertificateAuthority;

    public Duration validity() {
        return Duration.ofDays(validityDays == null ? 365 : validityDays);
    }

    public Duration renewal() {
        return Duration.ofDays(renewalDays == null ? 30 : renewalDays);
    }

    public boolean generated() {
        return !Boolean.FALSE.equals(generateCertificateAuthority);
    }
}
