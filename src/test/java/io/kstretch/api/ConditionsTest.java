package io.kstretch.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;

class ConditionsTest {
    private static final Instant EARLIER = Instant.parse("2024-01-01T10:00:00Z");
    private static final Instant NOW = Instant.parse("2024-01-02T12:34:56.789Z");

    private static Condition previous(String type, String status, String reason) {
        return new ConditionBuilder(Conditions.of(type, status, reason, "before"))
                .withLastTransitionTime(EARLIER.toString()).withObservedGeneration(1L).build();
    }

    @Test
    void unchanged_status_keeps_the_transition_time_even_if_reason_and_message_change() {
        List<Condition> merged = Conditions.merge(List.of(previous("Ready", "False", "Initializing")),
                List.of(Conditions.of("Ready", false, "CleanupPending", "now")), 2L, NOW);

        assertThat(merged).hasSize(1);
        Condition c = merged.get(0);
        assertThat(c.getLastTransitionTime()).isEqualTo(EARLIER.toString());
        assertThat(c.getReason()).isEqualTo("CleanupPending");
        assertThat(c.getMessage()).isEqualTo("now");
        assertThat(c.getObservedGeneration()).isEqualTo(2L);
    }

    @Test
    void changed_status_gets_now_in_whole_seconds() {
        List<Condition> merged = Conditions.merge(List.of(previous("Ready", "False", "Initializing")),
                List.of(Conditions.of("Ready", true, "Ready", "all good")), 3L, NOW);

        assertThat(merged.get(0).getLastTransitionTime()).isEqualTo("2024-01-02T12:34:56Z");
        assertThat(merged.get(0).getStatus()).isEqualTo("True");
    }

    @Test
    void new_condition_gets_now_and_dropped_ones_are_gone() {
        List<Condition> merged = Conditions.merge(List.of(previous("Ready", "True", "Ready"),
                previous("Stale", "True", "x")), List.of(Conditions.of("Ready", true, "Ready", "m"),
                        Conditions.of("NetworkingReady", Conditions.UNKNOWN, "Pending", "m")), 4L, NOW);

        assertThat(merged).extracting(Condition::getType).containsExactly("Ready", "NetworkingReady");
        assertThat(merged.get(0).getLastTransitionTime()).isEqualTo(EARLIER.toString());
        assertThat(merged.get(1).getLastTransitionTime()).isEqualTo("2024-01-02T12:34:56Z");
    }

    @Test
    void ready_first_then_sorted_by_type() {
        List<Condition> merged = Conditions.merge(null, List.of(
                Conditions.of("SurvivesMemberLoss", true, "r", "m"),
                Conditions.of("MembersReachable", true, "r", "m"),
                Conditions.of("Ready", false, "r", "m"),
                Conditions.of("NetworkingReady", true, "r", "m")), 1L, NOW);

        assertThat(merged).extracting(Condition::getType)
                .containsExactly("Ready", "MembersReachable", "NetworkingReady", "SurvivesMemberLoss");
        assertThat(merged).allSatisfy(c -> assertThat(c.getLastTransitionTime()).isEqualTo("2024-01-02T12:34:56Z"));
    }

    @Test
    void merge_does_not_modify_its_inputs() {
        Condition next = Conditions.of("Ready", true, "Ready", "m");
        Conditions.merge(List.of(), List.of(next), 5L, NOW);

        assertThat(next.getLastTransitionTime()).isNull();
        assertThat(next.getObservedGeneration()).isNull();
    }

    @Test
    void find_by_type() {
        List<Condition> list = List.of(Conditions.of("A", true, "r", "m"), Conditions.of("B", false, "r", "m"));

        assertThat(Conditions.find(list, "B")).get().extracting(Condition::getStatus).isEqualTo("False");
        assertThat(Conditions.find(list, "C")).isEmpty();
        assertThat(Conditions.find(null, "A")).isEmpty();
    }
}
