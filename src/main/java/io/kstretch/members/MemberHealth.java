package io.kstretch.members;

import java.time.Duration;
import java.time.Instant;

/**
 * The last probe result of a member.
 *
 * @param state whether the member answered
 * @param reason stable reason (ProbeSucceeded, ProbeFailed, Unauthorized, Forbidden, KubeconfigInvalid, ...)
 * @param message what happened, for people; never contains credentials
 * @param kubernetesVersion gitVersion reported by the member, when reachable
 * @param latency duration of the last probe
 * @param since when the state last changed
 */
public record MemberHealth(State state, String reason, String message, String kubernetesVersion, Duration latency,
        Instant since) {

    public enum State {
        UNKNOWN, REACHABLE, UNREACHABLE
    }

    public static MemberHealth unknown() {
        return new MemberHealth(State.UNKNOWN, "Connecting", "not probed yet", null, null, Instant.now());
    }

    public static MemberHealth unreachable(String reason, String message) {
        return new MemberHealth(State.UNREACHABLE, reason, message, null, null, Instant.now());
    }

    public boolean reachable() {
        return state == State.REACHABLE;
    }

    /** Whether the change from {@code previous} is one worth writing to status (state, reason or version). */
    public boolean differsFrom(MemberHealth previous) {
        return previous == null || previous.state != state || !previous.reason.equals(reason)
                || !java.util.Objects.equals(previous.kubernetesVersion, kubernetesVersion);
    }
}
