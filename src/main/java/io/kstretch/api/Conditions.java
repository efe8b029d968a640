package io.kstretch.api;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;

/** Status conditions: build them, and merge a new set with the previous one keeping transition times stable. */
public final class Conditions {
    public static final String READY = "Ready";
    public static final String TRUE = "True";
    public static final String FALSE = "False";
    public static final String UNKNOWN = "Unknown";

    private Conditions() {
    }

    public static Condition of(String type, boolean status, String reason, String message) {
        return of(type, status ? TRUE : FALSE, reason, message);
    }

    public static Condition of(String type, String status, String reason, String message) {
        return new ConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
                .build();
    }

    public static Optional<Condition> find(List<Condition> conditions, String type) {
        return conditions == null ? Optional.empty()
                : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    /**
     * The conditions to write: {@code next} (Ready first, then by type), each with the previous transition time
     * when its status did not change, else {@code now}; {@code observedGeneration} on each.
     */
    public static List<Condition> merge(List<Condition> previous, List<Condition> next, Long observedGeneration,
            Instant now) {
        String time = now.truncatedTo(ChronoUnit.SECONDS).toString();
        List<Condition> merged = new ArrayList<>();
        for (Condition c : next) {
            Condition copy = new ConditionBuilder(c).withObservedGeneration(observedGeneration).build();
            Optional<Condition> before = find(previous, c.getType());
            copy.setLastTransitionTime(before.filter(b -> Objects.equals(b.getStatus(), c.getStatus()))
                    .map(Condition::getLastTransitionTime).orElse(time));
            merged.add(copy);
        }
        merged.sort(Comparator.comparing((Condition c) -> !READY.equals(c.getType())).thenComparing(Condition::getType));
        return merged;
    }
}
