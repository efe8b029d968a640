package io.kstretch.members;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import jakarta.enterprise.context.ApplicationScoped;

/** Which members each Kafka uses (from its pools and status), so that a member's changes reach its Kafkas. */
@ApplicationScoped
public class MemberUsage {
    private final Map<ResourceID, Set<String>> byKafka = new ConcurrentHashMap<>();

    public void record(ResourceID kafka, Set<String> members) {
        byKafka.put(kafka, Set.copyOf(members));
    }

    public void forget(ResourceID kafka) {
        byKafka.remove(kafka);
    }

    public Set<ResourceID> kafkasUsing(MemberKey member) {
        return byKafka.entrySet().stream()
                .filter(e -> member.namespace().equals(e.getKey().getNamespace().orElse(null))
                        && e.getValue().contains(member.name()))
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }
}
