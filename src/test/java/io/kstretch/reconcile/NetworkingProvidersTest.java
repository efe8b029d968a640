package io.kstretch.reconcile;

import static io.kstretch.api.ProcessRole.BROKER;
import static io.kstretch.api.ProcessRole.CONTROLLER;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Inject;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.kstretch.api.Kafka;
import io.kstretch.api.Listener;
import io.kstretch.api.Quorum;
import io.kstretch.testing.FakeServiceController.IngressStyle;
import io.kstretch.testing.Fixtures;
import io.kstretch.testing.OperatorTestSupport;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * Every built-in provider end to end, against the central API server and two remote ones (with the test-side
 * fakes allocating nodePorts and assigning LoadBalancer addresses): a Kafka with a combined, a broker-only and a
 * controller-only pool over three members is addressed exactly by the provider's endpoints (advertised.listeners,
 * the dynamic or static quorum, bootstrap servers in status), a second reconcile writes nothing, and adding a listener updates the
 * provider's Services in place, keeping every allocated nodePort.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class NetworkingProvidersTest extends OperatorTestSupport {
    static final List<String> MEMBERS = List.of("central", "east", "west");

    @Inject
    KafkaEvents events;

    @Inject
    MeterRegistry meters;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "mcs", "nodeport", "loadbalancer", "cilium", "istio" })
    void theProvidersEndpointsAddressEverythingAndSurviveReconciles(String provider) {
        String ns = "net-" + provider;
        MEMBERS.forEach(m -> env.services(m).assignIngress(IngressStyle.IP, Duration.ofMillis(300)));
        try {
            env.register(ns);
            Kafka kafka = Fixtures.kafka(ns, LiveKafka.KAFKA, provider);
            kafka.getSpec().listeners = List.of(new Listener("plain", 9092, false), new Listener("ext", 9094, false));
            // both quorum settings get their endpoints from the provider: two providers run a static quorum
            kafka.getSpec().quorum = provider.equals("nodeport") || provider.equals("istio") ? Quorum.STATIC
                    : Quorum.DYNAMIC;
            central.resource(kafka).create();
            central.resource(Fixtures.pool(ns, "central", LiveKafka.KAFKA, "central", 1, CONTROLLER, BROKER)).create();
            central.resource(Fixtures.pool(ns, "east", LiveKafka.KAFKA, "east", 1, CONTROLLER, BROKER)).create();
            central.resource(Fixtures.pool(ns, "brokers", LiveKafka.KAFKA, "east", 1, BROKER)).create();
            central.resource(Fixtures.pool(ns, "controllers", LiveKafka.KAFKA, "west", 1, CONTROLLER)).create();
            LiveKafka live = new LiveKafka(env, central, ns);

            Kafka ready = awaitReady(ns, LiveKafka.KAFKA);
            assertThat(condition(ready, KafkaStatusBuilder.NETWORKING_READY).getStatus()).isEqualTo("True");
            assertThat(ready.getStatus().networking.provider).isEqualTo(provider);
            eventually(() -> live.assertAddressedBy(provider));
            providerServices(ns, provider, live);

            // a reconcile with nothing to change writes nothing anywhere
            Map<String, Map<String, String>> settled = settledVersions(live);
            for (int i = 0; i < 2; i++) {
                long before = reconciles(ns);
                events.source().propagateEvent(new ResourceID(LiveKafka.KAFKA, ns));
                eventually(() -> assertThat(reconciles(ns)).isGreaterThan(before));
            }
            assertThat(live.versions()).as("objects after reconciles with nothing to change").isEqualTo(settled);

            // a new listener: the provider's Services change in place and keep their nodePorts
            Map<String, String> serviceUids = new TreeMap<>();
            Map<String, Map<String, Integer>> nodePorts = new TreeMap<>();
            for (LiveKafka.LiveNode node : live.nodes()) {
                Service service = env.client(node.member()).services().inNamespace(ns).withName(node.pod()).get();
                if (service != null) {
                    serviceUids.put(node.pod(), service.getMetadata().getUid());
                    nodePorts.put(node.pod(), LiveKafka.nodePorts(service));
                }
            }
            central.resources(Kafka.class).inNamespace(ns).withName(LiveKafka.KAFKA).edit(k -> {
                List<Listener> listeners = new ArrayList<>(k.getSpec().listeners);
                listeners.add(new Listener("more", 9096, false));
                k.getSpec().listeners = listeners;
                return k;
            });
            awaitKafka(ns, LiveKafka.KAFKA, k -> assertThat(k.getStatus().listeners).hasSize(3));
            awaitReady(ns, LiveKafka.KAFKA);
            eventually(() -> live.assertAddressedBy(provider));
            for (LiveKafka.LiveNode node : live.nodes()) {
                Service service = env.client(node.member()).services().inNamespace(ns).withName(node.pod()).get();
                if (serviceUids.containsKey(node.pod())) {
                    assertThat(service.getMetadata().getUid()).as("Service %s updated in place", node.pod())
                            .isEqualTo(serviceUids.get(node.pod()));
                    assertThat(LiveKafka.nodePorts(service)).as("nodePorts of %s", node.pod())
                            .containsAllEntriesOf(nodePorts.get(node.pod()));
                }
            }
        } finally {
            MEMBERS.forEach(m -> env.services(m).stopAssigningIngress());
        }
    }

    /** Where the provider's per-node Services are, and what they look like. */
    private void providerServices(String ns, String provider, LiveKafka live) {
        for (LiveKafka.LiveNode node : live.nodes()) {
            for (String member : MEMBERS) {
                Service service = env.client(member).services().inNamespace(ns).withName(node.pod()).get();
                boolean home = member.equals(node.member());
                switch (provider) {
                    case "mcs" -> assertThat(service).as("no per-node Service for mcs").isNull();
                    case "nodeport", "loadbalancer" -> {
                        if (!home) {
                            assertThat(service).as("%s only in its home member", node.pod()).isNull();
                            continue;
                        }
                        assertThat(service.getSpec().getType())
                                .isEqualTo(provider.equals("nodeport") ? "NodePort" : "LoadBalancer");
                        assertThat(service.getSpec().getPorts()).allSatisfy(p -> assertThat(p.getNodePort())
                                .as("nodePort of %s %s", node.pod(), p.getName()).isBetween(30000, 32767));
                    }
                    default -> {
                        assertThat(service).as("%s Service %s in %s", provider, node.pod(), member).isNotNull();
                        assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
                        assertThat(service.getSpec().getSelector())
                                .containsEntry("statefulset.kubernetes.io/pod-name", node.pod());
                        if (provider.equals("cilium")) {
                            assertThat(service.getMetadata().getAnnotations())
                                    .containsEntry("service.cilium.io/global", "true");
                        } else {
                            assertThat(service.getSpec().getPorts()).allSatisfy(p -> {
                                assertThat(p.getName()).startsWith("tcp-");
                                assertThat(p.getAppProtocol()).isEqualTo("tcp");
                            });
                        }
                    }
                }
            }
        }
        if (provider.equals("istio")) {
            var sts = env.client("west").apps().statefulSets().inNamespace(ns)
                    .withName(LiveKafka.KAFKA + "-controllers").get();
            assertThat(sts.getSpec().getTemplate().getMetadata().getLabels())
                    .containsEntry("sidecar.istio.io/inject", "true");
            assertThat(sts.getSpec().getTemplate().getMetadata().getAnnotations())
                    .containsKey("proxy.istio.io/config");
        }
    }

    /** Waits until nothing changes any more (status, pools, objects), then returns what there is. */
    @SuppressWarnings("unchecked")
    private Map<String, Map<String, String>> settledVersions(LiveKafka live) {
        Map<String, Map<String, String>>[] last = new Map[] { live.versions() };
        await(() -> {
            Map<String, Map<String, String>> now = live.versions();
            boolean same = now.equals(last[0]);
            last[0] = now;
            return same;
        });
        return last[0];
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ofSeconds(1))
                .pollInterval(Duration.ofSeconds(1)).until(condition);
    }

    private long reconciles(String ns) {
        return meters.find(ReconcileMetrics.RECONCILE).tag("namespace", ns).tag("kafka", LiveKafka.KAFKA).timers()
                .stream().mapToLong(Timer::count).sum();
    }
}
