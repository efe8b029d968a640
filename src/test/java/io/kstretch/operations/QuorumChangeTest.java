package io.kstretch.operations;

import static io.kstretch.operations.Clusters.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.kstretch.kafka.QuorumState;

class QuorumChangeTest {
    private static final long FETCH_TIMEOUT = 2000;

    @Test
    void nothingWhenTheVotersAreTheControllersAskedFor() {
        var quorum = quorum(1, List.of(replica(1, 0), replica(2, 0), replica(3, 0)));
        assertThat(QuorumChange.next(Set.of(1, 2, 3), quorum, FETCH_TIMEOUT).kind())
                .isEqualTo(QuorumChange.Kind.NONE);
    }

    @Test
    void aNewControllerIsAddedOnceItHasCaughtUpAsAnObserver() {
        var voters = List.of(replica(1, 0), replica(2, 0), replica(3, 0));
        assertThat(QuorumChange.next(Set.of(1, 2, 3, 4), quorum(1, voters), FETCH_TIMEOUT))
                .satisfies(c -> assertThat(c.kind()).isEqualTo(QuorumChange.Kind.WAIT))
                .satisfies(c -> assertThat(c.reason()).contains("not replicating"));
        assertThat(QuorumChange.next(Set.of(1, 2, 3, 4), quorum(1, voters, replica(4, 30_000)), FETCH_TIMEOUT)
                .reason()).contains("catching up");
        QuorumChange add = QuorumChange.next(Set.of(1, 2, 3, 4), quorum(1, voters, replica(4, 100)), FETCH_TIMEOUT);
        assertThat(add.kind()).isEqualTo(QuorumChange.Kind.ADD);
        assertThat(add.nodeId()).isEqualTo(4);
        assertThat(add.directoryId()).isEqualTo("dir-4");
    }

    @Test
    void additionsComeBeforeRemovals() {
        // moving controller 3 to 4: 4 is added first, although 3 could go
        var quorum = quorum(1, List.of(replica(1, 0), replica(2, 0), replica(3, 0)), replica(4, 0));
        QuorumChange change = QuorumChange.next(Set.of(1, 2, 4), quorum, FETCH_TIMEOUT);
        assertThat(change.kind()).isEqualTo(QuorumChange.Kind.ADD);
        assertThat(change.nodeId()).isEqualTo(4);
    }

    @Test
    void aControllerNoLongerAskedForIsRemovedWhenAMajorityStaysCaughtUp() {
        var quorum = quorum(1, List.of(replica(1, 0), replica(2, 0), replica(3, 0), replica(4, 0)));
        QuorumChange remove = QuorumChange.next(Set.of(1, 2, 4), quorum, FETCH_TIMEOUT);
        assertThat(remove.kind()).isEqualTo(QuorumChange.Kind.REMOVE);
        assertThat(remove.nodeId()).isEqualTo(3);
        assertThat(remove.directoryId()).isEqualTo("dir-3");
    }

    @Test
    void aRemovalWaitsWhileTheRemainingVotersAreNotAMajorityCaughtUp() {
        // 4 voters, 3 stays: the remaining 1, 2, 4 need 2 caught up; 2 and 4 lag
        var quorum = quorum(1, List.of(replica(1, 0), replica(2, 9000), replica(3, 0), replica(4, 9000)));
        QuorumChange change = QuorumChange.next(Set.of(1, 2, 4), quorum, FETCH_TIMEOUT);
        assertThat(change.kind()).isEqualTo(QuorumChange.Kind.WAIT);
        assertThat(change.reason()).contains("removing controller 3", "not a majority");
    }

    @Test
    void aVoterWithoutADirectoryIdIsNotRemoved() {
        var quorum = new QuorumState(1, List.of(replica(1, 0), replica(2, 0),
                new QuorumState.Replica(3, null, 5, OptionalLong.of(100_000))), List.of());
        assertThat(QuorumChange.next(Set.of(1, 2), quorum, FETCH_TIMEOUT).kind()).isEqualTo(QuorumChange.Kind.WAIT);
    }
}
