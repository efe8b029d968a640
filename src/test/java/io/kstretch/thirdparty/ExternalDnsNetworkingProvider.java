package io.kstretch.thirdparty;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.kstretch.spi.Endpoint;
import io.kstretch.spi.KafkaNode;
import io.kstretch.spi.KafkaPort;
import io.kstretch.spi.NetworkingProvider;
import io.kstretch.spi.ProviderConfig;
import io.kstretch.spi.ProviderContext;
import io.smallrye.common.annotation.Identifier;

/**
 * A networking provider that exists only in test code, to prove that the operator picks up a provider it was not
 * built with (docs/providers.md): any CDI bean implementing {@link NetworkingProvider} with an {@code @Identifier} on
 * the application's class path is selectable by name. It uses nothing of kstretch but {@code io.kstretch.spi}.
 * <p>
 * What it does, as a third party might: each node gets a ClusterIP Service {@code <pod>} in its member annotated for
 * external-dns ({@code external-dns.alpha.kubernetes.io/hostname}), and is reached at
 * {@code <pod>.<member>.<domain>}. Setting {@code domain} is required.
 */
@ApplicationScoped
@Identifier(ExternalDnsNetworkingProvider.NAME)
public class ExternalDnsNetworkingProvider implements NetworkingProvider {
    public static final String NAME = "test-external-dns";
    static final String DOMAIN = "domain";
    static final String HOSTNAME_ANNOTATION = "external-dns.alpha.kubernetes.io/hostname";
    private static final Pattern DNS_NAME = Pattern
            .compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    @Override
    public List<String> validate(ProviderContext ctx) {
        List<String> problems = new ArrayList<>(ProviderConfig.unknownKeys(NAME, ctx.config(), List.of(DOMAIN)));
        String domain = ctx.config().get(DOMAIN);
        if (domain == null || !DNS_NAME.matcher(domain).matches()) {
            problems.add("config.domain must be the DNS zone external-dns writes to, e.g. kafka.example.com");
        }
        return problems;
    }

    @Override
    public List<HasMetadata> nodeResources(ProviderContext ctx, KafkaNode node) {
        List<ServicePort> ports = new ArrayList<>();
        for (KafkaPort port : node.ports()) {
            ports.add(new ServicePortBuilder().withName(port.name()).withProtocol("TCP").withPort(port.port())
                    .withTargetPort(new IntOrString(port.port())).build());
        }
        return List.of(new ServiceBuilder()
                .withNewMetadata().withName(node.podName())
                .withAnnotations(new TreeMap<>(Map.of(HOSTNAME_ANNOTATION, host(ctx, node)))).endMetadata()
                .withNewSpec().withType("ClusterIP").withPublishNotReadyAddresses(true)
                .withSelector(new TreeMap<>(ctx.podSelector(node))).withPorts(ports).endSpec()
                .build());
    }

    @Override
    public Endpoint endpoint(ProviderContext ctx, KafkaNode node, KafkaPort port) {
        return Endpoint.of(host(ctx, node), port.port());
    }

    static String host(ProviderContext ctx, KafkaNode node) {
        return node.podName() + "." + node.member().name() + "." + ctx.config().get(DOMAIN);
    }
}
