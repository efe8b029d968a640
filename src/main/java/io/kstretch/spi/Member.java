package io.kstretch.spi;

/**
 * A member cluster as a provider sees it.
 *
 * @param name the MemberCluster's name
 * @param namespace namespace of the data plane in this member (the Kafka's namespace)
 * @param central true when this member is the cluster the operator runs in
 * @param rack broker.rack of nodes here
 * @param mcsClusterId MCS cluster id
 * @param nodeAddressType Node address type to advertise (nodeport): InternalIP, ExternalIP or Hostname
 * @param nodeAddressHost fixed host to advertise instead of a Node address, or null
 */
public record Member(String name, String namespace, boolean central, String rack, String mcsClusterId,
        String nodeAddressType, String nodeAddressHost) {
}
