package io.kstretch.members;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** When a failed probe turns a member unreachable ({@link MemberRegistry#holdBack}). */
class ProbeFailureThresholdTest {
    private static final MemberHealth REACHABLE = new MemberHealth(MemberHealth.State.REACHABLE, "ProbeSucceeded",
            "ok", "v1.31.0", Duration.ofMillis(3), Instant.now());
    private static final MemberHealth FAILED = MemberHealth.unreachable("ProbeFailed", "no answer within 5 s");

    @Test
    void oneFailedProbeAfterAnAnswerIsNotReportedTwoAre() {
        assertThat(MemberRegistry.holdBack(REACHABLE, FAILED, 1)).isTrue();
        assertThat(MemberRegistry.holdBack(REACHABLE, FAILED, 2)).isFalse();
        assertThat(MemberRegistry.holdBack(REACHABLE, FAILED, 5)).isFalse();
    }

    @Test
    void aMemberNotProbedYetNeedsTwoFailuresToo() {
        assertThat(MemberRegistry.holdBack(MemberHealth.unknown(), FAILED, 1)).isTrue();
        assertThat(MemberRegistry.holdBack(null, FAILED, 1)).isTrue();
        assertThat(MemberRegistry.holdBack(MemberHealth.unknown(), FAILED, 2)).isFalse();
    }

    @Test
    void anUnreachableMemberStaysUnreachableAndAnAnswerIsAlwaysReported() {
        assertThat(MemberRegistry.holdBack(FAILED, FAILED, 1)).isFalse();
        assertThat(MemberRegistry.holdBack(FAILED, REACHABLE, 0)).isFalse();
        assertThat(MemberRegistry.holdBack(MemberHealth.unknown(), REACHABLE, 0)).isFalse();
    }
}
