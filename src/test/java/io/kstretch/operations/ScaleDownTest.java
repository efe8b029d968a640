package io.kstretch.operations;

import static io.kstretch.operations.Clusters.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ScaleDownTest {

    @Test
    void refusedWhileTheRemovedBrokersHostReplicasNamingTheTopics() {
        var partitions = list(partition("orders", 0, List.of(1, 2, 3), List.of(1, 2, 3), 2),
                partition("orders", 1, List.of(2, 3, 4), List.of(2, 3, 4), 2),
                partition("audit", 0, List.of(4, 1, 2), List.of(4), 2),
                partition("payments", 0, List.of(1, 2, 3), List.of(1, 2, 3), 2));
        List<String> why = ScaleDown.whyNot("east-pool", Set.of(4), null, partitions);
        assertThat(why).singleElement().asString().contains("east-pool", "broker 4", "audit, orders")
                .doesNotContain("payments").contains("docs/operations.md");
    }

    @Test
    void allowedOnceTheReplicasHaveMoved() {
        var partitions = list(partition("orders", 0, List.of(1, 2, 3), List.of(1, 2, 3), 2));
        assertThat(ScaleDown.whyNot("east-pool", Set.of(4), null, partitions)).isEmpty();
    }

    @Test
    void aControllerStillVotingIsNotRemoved() {
        var quorum = quorum(1, List.of(replica(1, 0), replica(2, 0), replica(3, 0)));
        assertThat(ScaleDown.whyNot("west-controllers", Set.of(3), quorum, null)).singleElement().asString()
                .contains("controller 3", "still votes");
        var after = quorum(1, List.of(replica(1, 0), replica(2, 0), replica(4, 0)), replica(3, 0));
        assertThat(ScaleDown.whyNot("west-controllers", Set.of(3), after, null)).isEmpty();
    }
}
