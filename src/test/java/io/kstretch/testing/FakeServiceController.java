package io.kstretch.testing;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Test stand-in for what a real cluster does for NodePort and LoadBalancer Services, which the fabric8 mock server
 * does not do. Every 100 ms:
 * <ul>
 * <li><b>nodePort allocation</b> (the API server's job, done there synchronously on create): each port of a
 * NodePort or LoadBalancer Service that has no nodePort gets one from 30000-32767. Numbers are handed out in order
 * and never twice, and an assigned nodePort is never changed - so a Service whose nodePort was dropped by an update
 * gets a <em>different</em> one, as on a real API server, and a test that checks a nodePort is kept can fail.</li>
 * <li><b>LoadBalancer ingress</b> (a load-balancer controller's job), only while {@link #assignIngress enabled}: a
 * LoadBalancer Service without ingress gets one once it has been seen for the configured delay - an IP
 * {@code 10.<index>.200.<n>} (then 201, ...) or a hostname {@code <name>.<namespace>.<member>.elb.test}. A Service keeps its address
 * (by uid) if its status is cleared and assigned again.</li>
 * </ul>
 */
public final class FakeServiceController implements AutoCloseable {
    private static final int FIRST_NODE_PORT = 30000;
    private static final int LAST_NODE_PORT = 32767;

    /** How assigned LoadBalancer addresses look. */
    public enum IngressStyle {
        IP, HOSTNAME
    }

    private final KubernetesClient client;
    private final String member;
    private final int index;
    private int nextNodePort = FIRST_NODE_PORT;
    private int nextIp = 1;
    private final Map<String, String> addresses = new HashMap<>();
    private final Map<String, Long> firstSeen = new ConcurrentHashMap<>();
    private volatile IngressStyle ingressStyle;
    private volatile Duration ingressDelay = Duration.ZERO;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fake-service-controller");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param client the cluster
     * @param member its name, for generated hostnames
     * @param index a number unique among the test's clusters, for generated IPs
     */
    public FakeServiceController(KubernetesClient client, String member, int index) {
        this.client = client;
        this.member = member;
        this.index = index;
        executor.scheduleWithFixedDelay(this::syncQuietly, 100, 100, TimeUnit.MILLISECONDS);
    }

    /** Starts giving LoadBalancer Services an ingress address of {@code style}, {@code delay} after first seen. */
    public FakeServiceController assignIngress(IngressStyle style, Duration delay) {
        this.ingressDelay = delay;
        this.ingressStyle = style;
        return this;
    }

    /** Stops giving LoadBalancer Services addresses (the default); assigned ones stay. */
    public FakeServiceController stopAssigningIngress() {
        this.ingressStyle = null;
        return this;
    }

    private void syncQuietly() {
        try {
            sync();
        } catch (RuntimeException e) {
            // the cluster may be shutting down, or a Service changed meanwhile: next round
        }
    }

    /** One round over every Service of the cluster. */
    public synchronized void sync() {
        for (Service service : client.services().inAnyNamespace().list().getItems()) {
            String type = service.getSpec() == null ? null : service.getSpec().getType();
            if (service.getMetadata().getDeletionTimestamp() != null
                    || !"NodePort".equals(type) && !"LoadBalancer".equals(type)) {
                continue;
            }
            try {
                service = allocateNodePorts(service);
                if ("LoadBalancer".equals(type)) {
                    assignIngress(service);
                }
            } catch (KubernetesClientException e) {
                // changed meanwhile (409): next round
            }
        }
    }

    private Service allocateNodePorts(Service service) {
        List<ServicePort> ports = service.getSpec().getPorts();
        if (ports == null || ports.stream().allMatch(p -> p.getNodePort() != null)) {
            return service;
        }
        Service updated = new ServiceBuilder(service).build();
        for (ServicePort port : updated.getSpec().getPorts()) {
            if (port.getNodePort() == null) {
                if (nextNodePort > LAST_NODE_PORT) {
                    throw new IllegalStateException("fake nodePort range exhausted");
                }
                port.setNodePort(nextNodePort++);
            }
        }
        return client.services().inNamespace(service.getMetadata().getNamespace()).resource(updated).update();
    }

    private void assignIngress(Service service) {
        String uid = service.getMetadata().getUid();
        boolean assigned = service.getStatus() != null && service.getStatus().getLoadBalancer() != null
                && service.getStatus().getLoadBalancer().getIngress() != null
                && !service.getStatus().getLoadBalancer().getIngress().isEmpty();
        IngressStyle style = ingressStyle;
        if (assigned || style == null && !addresses.containsKey(uid)) {
            return;
        }
        long now = System.nanoTime();
        long seen = firstSeen.computeIfAbsent(uid, k -> now);
        if (!addresses.containsKey(uid) && Duration.ofNanos(now - seen).compareTo(ingressDelay) < 0) {
            return;
        }
        String address = addresses.computeIfAbsent(uid, k -> style == IngressStyle.HOSTNAME
                ? service.getMetadata().getName() + "." + service.getMetadata().getNamespace() + "." + member
                        + ".elb.test"
                : ip(nextIp++));
        LoadBalancerIngress ingress = address.endsWith(".elb.test")
                ? new LoadBalancerIngressBuilder().withHostname(address).build()
                : new LoadBalancerIngressBuilder().withIp(address).build();
        Service withStatus = new ServiceBuilder(service).withNewStatus().withNewLoadBalancer().withIngress(ingress)
                .endLoadBalancer().endStatus().build();
        client.services().inNamespace(service.getMetadata().getNamespace()).resource(withStatus).updateStatus();
    }

    private String ip(int n) {
        return "10." + index + "." + (200 + n / 250) + "." + (n % 250 + 1);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
