package io.kstretch.spi.contract;

import java.util.Map;
import java.util.function.Consumer;

import io.kstretch.spi.NetworkingProvider;

/**
 * One provider as the {@link NetworkingProviderContract} checks it: the provider, a valid config, how to give the
 * {@link SimulatedMembers} its prerequisites (served APIs, Node addresses), and - if it has prerequisites the API
 * shows - how to take them away from one member.
 *
 * @param name display name (the provider's {@code @Identifier})
 * @param provider the provider
 * @param config a valid {@code spec.networking.config}
 * @param prerequisites installs the prerequisites in the simulated members (beyond {@link ContractTopology#simulated})
 * @param brokenMember the member {@code breakPrerequisites} takes them from, or null when there are none to take
 * @param breakPrerequisites takes them away from {@code brokenMember}, or null
 */
public record ProviderCase(String name, NetworkingProvider provider, Map<String, String> config,
        Consumer<SimulatedMembers> prerequisites, String brokenMember, Consumer<SimulatedMembers> breakPrerequisites) {

    /** A provider with no prerequisites beyond the standard Nodes. */
    public static ProviderCase of(String name, NetworkingProvider provider, Map<String, String> config) {
        return new ProviderCase(name, provider, config, s -> {
        }, null, null);
    }

    /** The members serve {@code kind} of {@code apiVersion}; taking it away from {@code member} breaks them. */
    public ProviderCase servingEverywhere(String apiVersion, String kind, String member) {
        return new ProviderCase(name, provider, config, prerequisites.andThen(s -> ContractTopology.MEMBERS
                .forEach(m -> s.serve(m, apiVersion, kind))), member, s -> s.serveNothing(member));
    }

    /** Prerequisites that {@code breaker} takes away from {@code member}. */
    public ProviderCase breakable(String member, Consumer<SimulatedMembers> breaker) {
        return new ProviderCase(name, provider, config, prerequisites, member, breaker);
    }

    @Override
    public String toString() {
        return name;
    }
}
