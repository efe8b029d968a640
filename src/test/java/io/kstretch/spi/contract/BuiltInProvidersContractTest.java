package io.kstretch.spi.contract;

import java.util.List;
import java.util.Map;

import io.kstretch.plugins.cilium.CiliumNetworkingProvider;
import io.kstretch.plugins.istio.IstioNetworkingProvider;
import io.kstretch.plugins.loadbalancer.LoadBalancerNetworkingProvider;
import io.kstretch.plugins.mcs.McsNetworkingProvider;
import io.kstretch.plugins.nodeport.NodePortNetworkingProvider;
import io.kstretch.testing.TestNodes;

/** The provider contract for every built-in provider, each with its prerequisites and a typical config. */
class BuiltInProvidersContractTest extends NetworkingProviderContract {

    @Override
    protected List<ProviderCase> providers() {
        return List.of(
                ProviderCase.of("mcs", new McsNetworkingProvider(), Map.of())
                        .servingEverywhere("multicluster.x-k8s.io/v1alpha1", "ServiceExport", "west"),
                // east advertises ExternalIP: its prerequisite is Nodes that have one
                ProviderCase.of("nodeport", new NodePortNetworkingProvider(), Map.of())
                        .breakable("east", s -> s.nodes("east", List.of(
                                TestNodes.node("east-node-1").internalIp("10.1.0.1").build(),
                                TestNodes.node("east-node-2").internalIp("10.1.0.2").build()))),
                ProviderCase.of("loadbalancer", new LoadBalancerNetworkingProvider(), Map.of(
                        "loadBalancerClass", "example.com/lb",
                        "loadBalancerSourceRanges", "10.0.0.0/8, 192.168.0.0/16",
                        "annotation.example.com/scheme", "internal")),
                ProviderCase.of("cilium", new CiliumNetworkingProvider(), Map.of("shared", "false",
                        "affinity", "local"))
                        .servingEverywhere("cilium.io/v2", "CiliumNode", "east"),
                ProviderCase.of("istio", new IstioNetworkingProvider(), Map.of("revision", "canary"))
                        .servingEverywhere("networking.istio.io/v1", "DestinationRule", "central"));
    }
}
