package io.kstretch.operator;

import java.util.Optional;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;

/**
 * Leader election on a Lease, so that two operator replicas can run with one active (active in the prod profile;
 * quarkus-operator-sdk switches it off in dev and test). The Lease lives in the operator's namespace.
 */
public class LeaderElection {

    @Produces
    @Singleton
    LeaderElectionConfiguration leaderElection(
            @ConfigProperty(name = "kstretch.leader-election.lease-name", defaultValue = "kstretch-operator") String name,
            @ConfigProperty(name = "kstretch.leader-election.lease-namespace") Optional<String> namespace,
            @ConfigProperty(name = "kstretch.leader-election.identity") Optional<String> identity) {
        return new LeaderElectionConfiguration(name, namespace.filter(n -> !n.isBlank()).orElse(null),
                identity.filter(i -> !i.isBlank()).orElse(null));
    }
}
