package io.kstretch.spi.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kstretch.api.KStretch;
import io.kstretch.reconcile.DesiredObjects;
import io.kstretch.render.Names;
import io.kstretch.render.PoolStatefulSet;
import io.kstretch.spi.Endpoint;
import io.kstretch.spi.KafkaNode;
import io.kstretch.spi.KafkaPort;
import io.kstretch.spi.NetworkingProvider;
import io.kstretch.topology.Placement;
import io.kstretch.topology.PoolLayout;

/**
 * The contract every networking provider must keep, checked on {@link ContractTopology} (three members, a
 * controller-only node, broker-only nodes, two client listeners) over {@link SimulatedMembers}. Extend it and list
 * your providers in {@link #providers()}: {@code BuiltInProvidersContractTest} does so for the built-in ones,
 * {@code ThirdPartyProviderContractTest} for a provider that exists only in test code.
 * <p>
 * "Render" below means what the core applies to a member: {@code memberResources} of the member plus
 * {@code nodeResources} of each node placed there. "Settle" means what the members' controllers then do: nodePorts
 * are allocated, LoadBalancer ingress is assigned.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class NetworkingProviderContract {
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN = Pattern
            .compile("(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    /** The providers to check. */
    protected abstract List<ProviderCase> providers();

    // ---- set-up helpers ----

    /** The standard members with the provider's prerequisites. */
    protected SimulatedMembers members(ProviderCase c) {
        SimulatedMembers simulated = ContractTopology.simulated();
        c.prerequisites().accept(simulated);
        return simulated;
    }

    protected TestProviderContext context(ProviderCase c, SimulatedMembers simulated) {
        return ContractTopology.context(c.config(), simulated);
    }

    /** Member name → what the core would apply there. */
    protected static Map<String, List<HasMetadata>> render(NetworkingProvider provider, TestProviderContext ctx) {
        Map<String, List<HasMetadata>> rendered = new TreeMap<>();
        for (Placement placement : ctx.topology().placements()) {
            rendered.put(placement.member().name(), DesiredObjects.provider(provider, ctx, placement));
        }
        return rendered;
    }

    protected static void apply(SimulatedMembers simulated, Map<String, List<HasMetadata>> rendered) {
        rendered.forEach(simulated::apply);
    }

    /** {@code node <id> <port>} → endpoint, for every port of every node. */
    protected static Map<String, Endpoint> endpoints(NetworkingProvider provider, TestProviderContext ctx) {
        Map<String, Endpoint> endpoints = new LinkedHashMap<>();
        for (KafkaNode node : ctx.nodes()) {
            for (KafkaPort port : node.ports()) {
                endpoints.put("node " + node.id() + " " + port.name(), provider.endpoint(ctx, node, port));
            }
        }
        return endpoints;
    }

    /** Renders, applies and settles once: the members as after a first reconcile. */
    protected TestProviderContext reconciled(ProviderCase c) {
        SimulatedMembers simulated = members(c);
        TestProviderContext ctx = context(c, simulated);
        apply(simulated, render(c.provider(), ctx));
        simulated.settle();
        return ctx;
    }

    private static String json(Object o) {
        return Serialization.asJson(o);
    }

    // ---- validation ----

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void acceptsItsConfigWhenThePrerequisitesAreInPlace(ProviderCase c) {
        SimulatedMembers simulated = members(c);
        assertThat(c.provider().validate(context(c, simulated))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void rejectsAnUnknownConfigKeyNamingIt(ProviderCase c) {
        Map<String, String> config = new TreeMap<>(c.config());
        config.put("no-such-setting", "x");
        List<String> problems = c.provider().validate(context(c, members(c)).withConfig(config));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("no-such-setting"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void namesTheMemberAMissingPrerequisiteConcerns(ProviderCase c) {
        assumeTrue(c.breakPrerequisites() != null, c.name() + " has no prerequisite the API shows");
        SimulatedMembers simulated = members(c);
        c.breakPrerequisites().accept(simulated);
        List<String> problems = c.provider().validate(context(c, simulated));
        assertThat(problems).isNotEmpty()
                .allSatisfy(p -> assertThat(p).contains("member " + c.brokenMember()));
        for (String other : ContractTopology.MEMBERS) {
            if (!other.equals(c.brokenMember())) {
                assertThat(problems).noneSatisfy(p -> assertThat(p).contains("member " + other));
            }
        }
    }

    // ---- resources ----

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void rendersTheSameObjectsFromTheSameInput(ProviderCase c) {
        TestProviderContext first = context(c, members(c));
        TestProviderContext second = context(c, members(c));
        assertThat(json(render(c.provider(), first))).isEqualTo(json(render(c.provider(), second)))
                .isEqualTo(json(render(c.provider(), first)));
        for (Placement placement : first.topology().placements()) {
            for (PoolLayout pool : placement.pools()) {
                assertThat(json(c.provider().customizePod(first, placement.member(), template(first, pool))))
                        .isEqualTo(json(c.provider().customizePod(second, placement.member(), template(second, pool))));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void rendersNothingNewOnceItsObjectsAreObserved(ProviderCase c) {
        SimulatedMembers simulated = members(c);
        TestProviderContext ctx = context(c, simulated);
        String rendered = json(render(c.provider(), ctx));
        for (int round = 0; round < 2; round++) {
            apply(simulated, render(c.provider(), ctx));
            simulated.settle();
            assertThat(json(render(c.provider(), ctx)))
                    .as("objects rendered after the members allocated nodePorts and addresses (round %d): the"
                            + " core would write them again", round + 1)
                    .isEqualTo(rendered);
        }
        Map<String, Endpoint> settled = endpoints(c.provider(), ctx);
        apply(simulated, render(c.provider(), ctx));
        simulated.settle();
        assertThat(endpoints(c.provider(), ctx)).isEqualTo(settled);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void leavesLabelsOwnersAndNamespacesToTheCore(ProviderCase c) {
        TestProviderContext ctx = reconciled(c);
        render(c.provider(), ctx).forEach((member, objects) -> {
            for (HasMetadata o : objects) {
                String what = o.getKind() + " " + o.getMetadata().getName() + " in " + member;
                Map<String, String> labels = o.getMetadata().getLabels() == null ? Map.of()
                        : o.getMetadata().getLabels();
                assertThat(labels.keySet()).as("labels of %s: kstretch's own are set (and pruned by) the core", what)
                        .noneMatch(k -> k.startsWith(KStretch.GROUP + "/") || k.equals(KStretch.MANAGED_BY_LABEL));
                assertThat(o.getMetadata().getOwnerReferences()).as("owners of %s", what).isNullOrEmpty();
                assertThat(o.getMetadata().getNamespace()).as("namespace of %s", what)
                        .isIn(null, ContractTopology.NAMESPACE);
                Map<String, String> annotations = o.getMetadata().getAnnotations() == null ? Map.of()
                        : o.getMetadata().getAnnotations();
                assertThat(annotations).as("annotations of %s", what)
                        .doesNotContainKey(KStretch.RENDERED_HASH_ANNOTATION);
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void namesEachObjectOncePerMemberAndNeverLikeTheCoresObjects(ProviderCase c) {
        TestProviderContext ctx = reconciled(c);
        Set<String> core = new HashSet<>();
        core.add("Service/" + Names.headlessService(ContractTopology.KAFKA));
        core.add("ServiceAccount/" + Names.serviceAccount(ContractTopology.KAFKA));
        core.add("ConfigMap/" + Names.anchor(ContractTopology.KAFKA, 1));
        for (PoolLayout pool : ctx.topology().pools()) {
            core.add("StatefulSet/" + Names.statefulSet(ContractTopology.KAFKA, pool.name()));
            core.add("ConfigMap/" + Names.configMap(ContractTopology.KAFKA, pool.name()));
            core.add("Secret/" + Names.certsSecret(ContractTopology.KAFKA, pool.name()));
            core.add("PodDisruptionBudget/" + Names.podDisruptionBudget(ContractTopology.KAFKA, pool.name()));
        }
        render(c.provider(), ctx).forEach((member, objects) -> {
            Set<String> seen = new HashSet<>();
            for (HasMetadata o : objects) {
                String name = o.getMetadata().getName();
                assertThat(name).as("name of a %s in %s", o.getKind(), member).matches(DNS_SUBDOMAIN);
                assertThat(seen.add(o.getApiVersion() + "/" + o.getKind() + "/" + name))
                        .as("%s %s is rendered twice for member %s", o.getKind(), name, member).isTrue();
                assertThat(core).as("%s %s in %s", o.getKind(), name, member).doesNotContain(o.getKind() + "/" + name);
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void servicesSelectOnlyThisKafkasNodePodsPublishThemBeforeReadyAndExposeEveryPort(ProviderCase c) {
        TestProviderContext ctx = reconciled(c);
        render(c.provider(), ctx).forEach((member, objects) -> {
            for (HasMetadata o : objects) {
                if (!(o instanceof Service service) || service.getSpec() == null) {
                    continue;
                }
                String what = "Service " + o.getMetadata().getName() + " in " + member;
                assertThat(service.getMetadata().getName()).as(what).matches(DNS_LABEL);
                Set<String> portNames = new HashSet<>();
                for (ServicePort port : service.getSpec().getPorts()) {
                    assertThat(port.getName()).as("port name in %s", what).isNotNull().matches(DNS_LABEL);
                    assertThat(portNames.add(port.getName())).as("port %s twice in %s", port.getName(), what).isTrue();
                }
                Map<String, String> selector = service.getSpec().getSelector();
                if (selector == null || selector.isEmpty()) {
                    continue;
                }
                assertThat(selector).as("selector of %s: only this Kafka's node pods", what)
                        .containsAllEntriesOf(ctx.podSelector());
                assertThat(service.getSpec().getPublishNotReadyAddresses()).as("%s publishes not-ready pods: nodes"
                        + " must reach each other before they are ready", what).isTrue();
                for (KafkaNode node : ctx.nodes()) {
                    if (selector.equals(ctx.podSelector(node))) {
                        Set<Integer> targets = new HashSet<>();
                        service.getSpec().getPorts().forEach(p -> targets.add(p.getTargetPort() == null
                                ? p.getPort() : p.getTargetPort().getIntVal()));
                        assertThat(targets).as("%s selects node %d: it exposes every port of the node", what,
                                node.id()).containsAll(node.ports().stream().map(KafkaPort::port).toList());
                    }
                }
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void customizedPodsKeepTheCoresLabelsContainersAndPorts(ProviderCase c) {
        TestProviderContext ctx = reconciled(c);
        for (Placement placement : ctx.topology().placements()) {
            for (PoolLayout pool : placement.pools()) {
                PodTemplateSpec original = template(ctx, pool);
                PodTemplateSpec customized = c.provider().customizePod(ctx, placement.member(),
                        Serialization.clone(original));
                assertThat(customized.getMetadata().getLabels()).as("labels of pool %s", pool.name())
                        .containsAllEntriesOf(original.getMetadata().getLabels());
                for (Container container : original.getSpec().getContainers()) {
                    Container kept = customized.getSpec().getContainers().stream()
                            .filter(k -> k.getName().equals(container.getName())).findFirst().orElse(null);
                    assertThat(kept).as("container %s of pool %s", container.getName(), pool.name()).isNotNull();
                    assertThat(kept.getPorts()).containsAll(container.getPorts());
                    assertThat(kept.getCommand()).isEqualTo(container.getCommand());
                }
            }
        }
    }

    private static PodTemplateSpec template(TestProviderContext ctx, PoolLayout pool) {
        Map<Integer, String> hashes = new HashMap<>();
        pool.nodes().forEach(n -> hashes.put(n.id(), "hash"));
        return PoolStatefulSet.render(ctx.topology(), pool, hashes).getSpec().getTemplate();
    }

    // ---- endpoints ----

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void givesEveryPortOfEveryNodeAnEndpointIncludingControllerOnlyNodes(ProviderCase c) {
        TestProviderContext ctx = reconciled(c);
        KafkaNode controllerOnly = ctx.node(ContractTopology.CONTROLLER_ONLY);
        assertThat(controllerOnly.broker()).isFalse();
        assertThat(controllerOnly.ports()).extracting(KafkaPort::name).containsExactly(KafkaPort.CONTROLLER);
        assertThat(ctx.node(ContractTopology.BROKER_ONLY).ports()).extracting(KafkaPort::name)
                .containsExactly(KafkaPort.REPLICATION, "plain", "external");
        endpoints(c.provider(), ctx).forEach((where, endpoint) -> {
            assertThat(endpoint).as(where).isNotNull();
            assertThat(endpoint.isPending()).as("%s is pending: %s", where, endpoint.pendingReason()).isFalse();
            assertThat(endpoint.host()).as(where).isNotBlank();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void givesEveryNodeAndPortItsOwnEndpoint(ProviderCase c) {
        TestProviderContext ctx = reconciled(c);
        Map<String, String> byHostPort = new HashMap<>();
        endpoints(c.provider(), ctx).forEach((where, endpoint) -> {
            String previous = byHostPort.putIfAbsent(endpoint.hostPort(), where);
            assertThat(previous).as("%s is the endpoint of both %s and %s", endpoint.hostPort(), previous, where)
                    .isNull();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void certificateSansCoverEveryEndpointHost(ProviderCase c) {
        TestProviderContext ctx = reconciled(c);
        for (KafkaNode node : ctx.nodes()) {
            List<String> sans = c.provider().certificateSans(ctx, node);
            for (KafkaPort port : node.ports()) {
                assertThat(sans).as("SANs of node %d", node.id()).contains(c.provider().endpoint(ctx, node, port).host());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void reportsPendingRatherThanGuessing(ProviderCase c) {
        Map<String, Endpoint> settled = endpoints(c.provider(), reconciled(c));

        // nothing observed yet: no objects, Nodes not listed
        SimulatedMembers blank = members(c);
        ContractTopology.MEMBERS.forEach(m -> blank.nodes(m, null));
        check(c, "before anything was observed", endpoints(c.provider(), context(c, blank)), settled);

        // objects applied, but no controller has acted on them yet
        SimulatedMembers applied = members(c);
        TestProviderContext ctx = context(c, applied);
        apply(applied, render(c.provider(), ctx));
        check(c, "before nodePorts were allocated", endpoints(c.provider(), ctx), settled);

        // nodePorts allocated, no load balancer address assigned (ever, for all the provider knows)
        applied.allocateNodePorts();
        check(c, "before load balancer addresses were assigned", endpoints(c.provider(), ctx), settled);
    }

    private static void check(ProviderCase c, String when, Map<String, Endpoint> early, Map<String, Endpoint> settled) {
        early.forEach((where, endpoint) -> {
            assertThat(endpoint).as("%s %s", where, when).isNotNull();
            if (endpoint.isPending()) {
                assertThat(endpoint.pendingReason()).as("%s %s: the reason", where, when).isNotBlank();
            } else {
                assertThat(endpoint).as("%s %s is neither pending nor what it turns out to be: a guess", where, when)
                        .isEqualTo(settled.get(where));
            }
        });
    }
}
