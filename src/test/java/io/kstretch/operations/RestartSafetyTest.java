package io.kstretch.operations;

import static io.kstretch.operations.Clusters.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class RestartSafetyTest {
    private static final long FETCH_TIMEOUT = 2000;

    @Test
    void aControllerMayRestartWhenTheOthersAreACaughtUpMajority() {
        var quorum = quorum(1, List.of(replica(1, 0), replica(2, 100), replica(3, 500)));
        assertThat(RestartSafety.whyNot(controller(2), quorum, List.of(), FETCH_TIMEOUT)).isEmpty();
    }

    @Test
    void aControllerWaitsWhileAnotherVoterLags() {
        // voter 3 last caught up 10 s before the leader: restarting 2 would leave only the leader caught up
        var quorum = quorum(1, List.of(replica(1, 0), replica(2, 0), replica(3, 10_000)));
        assertThat(RestartSafety.whyNot(controller(2), quorum, List.of(), FETCH_TIMEOUT))
                .singleElement().asString().contains("controller 2", "1 of 3 voters caught up", "2 a majority");
        // a voter whose progress is unknown does not count either
        var unknown = quorum(1, List.of(replica(1, 0), replica(2, 0), unknown(3)));
        assertThat(RestartSafety.whyNot(controller(2), unknown, List.of(), FETCH_TIMEOUT)).hasSize(1);
    }

    @Test
    void theActiveControllerCountsTheOthers() {
        var quorum = quorum(1, List.of(replica(1, 0), replica(2, 0), replica(3, 0)));
        assertThat(RestartSafety.whyNot(controller(1), quorum, List.of(), FETCH_TIMEOUT)).isEmpty();
        var lagging = quorum(1, List.of(replica(1, 0), replica(2, 0), replica(3, 9000)));
        assertThat(RestartSafety.whyNot(controller(1), lagging, List.of(), FETCH_TIMEOUT)).hasSize(1);
    }

    @Test
    void anObserverControllerNeverEndangersTheQuorum() {
        var quorum = quorum(1, List.of(replica(1, 0), replica(2, 0), replica(3, 9000)), replica(4, 9000));
        assertThat(RestartSafety.whyNot(controller(4), quorum, List.of(), FETCH_TIMEOUT)).isEmpty();
    }

    @Test
    void aBrokerWaitsWhileAPartitionWouldDropBelowMinIsr() {
        var partitions = list(partition("orders", 0, List.of(1, 2, 3), List.of(1, 2), 2),
                partition("orders", 1, List.of(1, 2, 3), List.of(1, 2, 3), 2),
                partition("audit", 0, List.of(2, 3, 4), List.of(3, 4), 2));
        assertThat(RestartSafety.whyNot(broker(1), null, partitions, FETCH_TIMEOUT)).singleElement().asString()
                .contains("broker 1", "orders-0").doesNotContain("orders-1").doesNotContain("audit");
        // broker 3 is in sync for all three, but each keeps two in sync without it except audit-0
        assertThat(RestartSafety.whyNot(broker(3), null, partitions, FETCH_TIMEOUT)).singleElement().asString()
                .contains("audit-0").doesNotContain("orders");
        // broker 4 holds no orders replica, but is one of only two in sync for audit-0
        assertThat(RestartSafety.whyNot(broker(4), null, partitions, FETCH_TIMEOUT)).singleElement().asString()
                .contains("broker 4", "audit-0").doesNotContain("orders");
        // broker 5 holds none of these partitions
        assertThat(RestartSafety.whyNot(broker(5), null, partitions, FETCH_TIMEOUT)).isEmpty();
    }

    @Test
    void theLastInSyncReplicaIsNeverRestarted() {
        var partitions = list(partition("t", 0, List.of(1, 2, 3), List.of(1), 2));
        assertThat(RestartSafety.whyNot(broker(1), null, partitions, FETCH_TIMEOUT)).hasSize(1);
        assertThat(RestartSafety.whyNot(broker(2), null, partitions, FETCH_TIMEOUT)).isEmpty();
    }

    @Test
    void partitionsWhoseReplicationFactorIsNotAboveMinIsrDoNotBlock() {
        var partitions = list(partition("single", 0, List.of(1), List.of(1), 1),
                partition("pair", 0, List.of(1, 2), List.of(1, 2), 2));
        assertThat(RestartSafety.whyNot(broker(1), null, partitions, FETCH_TIMEOUT)).isEmpty();
    }

    @Test
    void aCombinedNodeMustSatisfyBoth() {
        var quorum = quorum(1, List.of(replica(1, 0), replica(2, 0), replica(3, 0)));
        var partitions = list(partition("t", 0, List.of(1, 2, 3), List.of(2, 3), 2));
        assertThat(RestartSafety.whyNot(combined(2), quorum, partitions, FETCH_TIMEOUT)).singleElement().asString()
                .contains("broker 2");
        var lagging = quorum(1, List.of(replica(1, 0), replica(2, 0), replica(3, 9000)));
        assertThat(RestartSafety.whyNot(combined(2), lagging, partitions, FETCH_TIMEOUT)).hasSize(2);
    }

    @Test
    void longListsAreShortened() {
        var many = list();
        for (int p = 0; p < 8; p++) {
            many.add(partition("t", p, List.of(1, 2, 3), List.of(1, 2), 2));
        }
        assertThat(RestartSafety.whyNot(broker(1), null, many, FETCH_TIMEOUT)).singleElement().asString()
                .contains("8 partition(s)", "t-0", "and 3 more").doesNotContain("t-7");
    }
}
