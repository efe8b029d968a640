package io.kstretch.spi.contract;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kstretch.spi.ObservedObjects;

/**
 * Member clusters as a provider sees them, without any API server: per member the APIs it serves, its Nodes (or
 * "not listed yet"), and the objects {@link #apply applied} there - plus the two controllers a provider may wait
 * for: {@link #allocateNodePorts} (what a real API server does on create) and {@link #assignIngress} (what a
 * load-balancer controller does). {@link #apply} keeps what the core's Applier keeps on an update: allocated
 * nodePorts and the status. For provider unit tests and the {@link NetworkingProviderContract}.
 */
public final class SimulatedMembers {
    private final Map<String, State> members = new TreeMap<>();

    private static final class State {
        final int index;
        final Set<String> apis = new HashSet<>();
        List<Node> nodes;
        final Map<String, HasMetadata> objects = new TreeMap<>();
        int nextNodePort = 30000;
        int nextIp = 1;

        State(int index) {
            this.index = index;
        }
    }

    private State state(String member) {
        return members.computeIfAbsent(member, m -> new State(members.size()));
    }

    /** Declares {@code member} (in order, for distinct addresses); also done by every other method. */
    public SimulatedMembers member(String member) {
        state(member);
        return this;
    }

    /** The member serves {@code kind} in {@code apiVersion} (e.g. a CRD is installed). */
    public SimulatedMembers serve(String member, String apiVersion, String kind) {
        state(member).apis.add(apiVersion + "/" + kind);
        return this;
    }

    /** The member no longer serves anything but the core APIs. */
    public SimulatedMembers serveNothing(String member) {
        state(member).apis.clear();
        return this;
    }

    /** The member's Nodes, as listed; null for "not listed yet". */
    public SimulatedMembers nodes(String member, List<Node> nodes) {
        state(member).nodes = nodes == null ? null : List.copyOf(nodes);
        return this;
    }

    public Optional<List<Node>> nodes(String member) {
        return Optional.ofNullable(state(member).nodes);
    }

    /** Stores copies of {@code objects} in the member, keeping allocated nodePorts and status of existing ones. */
    public SimulatedMembers apply(String member, List<HasMetadata> objects) {
        State state = state(member);
        for (HasMetadata object : objects) {
            HasMetadata copy = Serialization.clone(object);
            String key = key(copy);
            HasMetadata live = state.objects.get(key);
            if (live instanceof Service current && copy instanceof Service desired) {
                desired.setStatus(current.getStatus());
                Map<String, Integer> nodePorts = new HashMap<>();
                if (current.getSpec().getPorts() != null) {
                    current.getSpec().getPorts().stream().filter(p -> p.getNodePort() != null)
                            .forEach(p -> nodePorts.put(p.getName(), p.getNodePort()));
                }
                String type = desired.getSpec().getType();
                if (("NodePort".equals(type) || "LoadBalancer".equals(type)) && desired.getSpec().getPorts() != null) {
                    desired.getSpec().getPorts().stream().filter(p -> p.getNodePort() == null)
                            .forEach(p -> p.setNodePort(nodePorts.get(p.getName())));
                }
            }
            state.objects.put(key, copy);
        }
        return this;
    }

    /** Like an API server: every port of a NodePort or LoadBalancer Service without a nodePort gets a new one. */
    public SimulatedMembers allocateNodePorts() {
        for (State state : members.values()) {
            for (HasMetadata object : state.objects.values()) {
                if (object instanceof Service s && s.getSpec() != null
                        && ("NodePort".equals(s.getSpec().getType()) || "LoadBalancer".equals(s.getSpec().getType()))
                        && s.getSpec().getPorts() != null) {
                    for (ServicePort port : s.getSpec().getPorts()) {
                        if (port.getNodePort() == null) {
                            port.setNodePort(state.nextNodePort++);
                        }
                    }
                }
            }
        }
        return this;
    }

    /** Like a load-balancer controller: every LoadBalancer Service without ingress gets an IP or a hostname. */
    public SimulatedMembers assignIngress(boolean hostnames) {
        members.forEach((member, state) -> {
            for (HasMetadata object : state.objects.values()) {
                if (object instanceof Service s && s.getSpec() != null && "LoadBalancer".equals(s.getSpec().getType())
                        && (s.getStatus() == null || s.getStatus().getLoadBalancer() == null
                                || s.getStatus().getLoadBalancer().getIngress() == null
                                || s.getStatus().getLoadBalancer().getIngress().isEmpty())) {
                    var ingress = hostnames
                            ? new LoadBalancerIngressBuilder().withHostname(s.getMetadata().getName() + "." + member
                                    + ".elb.test").build()
                            : new LoadBalancerIngressBuilder().withIp("10." + state.index + ".200." + state.nextIp++)
                                    .build();
                    s.setStatus(new io.fabric8.kubernetes.api.model.ServiceStatusBuilder().withNewLoadBalancer()
                            .withIngress(ingress).endLoadBalancer().build());
                }
            }
        });
        return this;
    }

    /** Both controllers: nodePorts and IP ingress. */
    public SimulatedMembers settle() {
        return allocateNodePorts().assignIngress(false);
    }

    /** Everything applied in {@code member}, in key order. */
    public List<HasMetadata> objects(String member) {
        return new ArrayList<>(state(member).objects.values());
    }

    /** The member as a provider sees it. */
    public ObservedObjects view(String member) {
        State state = state(member);
        return new ObservedObjects() {
            @Override
            public <T extends HasMetadata> Optional<T> get(Class<T> type, String name) {
                return state.objects.values().stream().filter(type::isInstance)
                        .filter(o -> o.getMetadata().getName().equals(name)).map(type::cast).findFirst()
                        .map(Serialization::clone);
            }

            @Override
            public Optional<List<Node>> nodes() {
                return Optional.ofNullable(state.nodes);
            }

            @Override
            public boolean servesApi(String apiVersion, String kind) {
                return state.apis.contains(apiVersion + "/" + kind);
            }
        };
    }

    private static String key(HasMetadata object) {
        return object.getApiVersion() + "/" + object.getKind() + "/" + object.getMetadata().getName();
    }
}
