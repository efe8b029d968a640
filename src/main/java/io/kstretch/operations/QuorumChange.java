package io.kstretch.operations;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import io.kstretch.kafka.QuorumState;

/**
 * The next change that brings a dynamic quorum's voters to the controllers the spec asks for (KIP-853): additions
 * before removals, one at a time, each only when the quorum keeps a caught-up majority. Pure.
 *
 * @param kind what to do
 * @param nodeId the controller
 * @param directoryId its metadata log's directory id
 * @param reason why (for {@link Kind#WAIT}: what is waited for)
 */
public record QuorumChange(Kind kind, int nodeId, String directoryId, String reason) {

    /** What to do. */
    public enum Kind {
        ADD, REMOVE, WAIT, NONE
    }

    public static QuorumChange next(Collection<Integer> desired, QuorumState quorum, long fetchTimeoutMs) {
        for (int id : new TreeSet<>(desired)) {
            if (quorum.isVoter(id)) {
                continue;
            }
            Optional<QuorumState.Replica> observer = quorum.observer(id);
            if (observer.isEmpty() || observer.get().directoryId() == null) {
                return wait(id, "controller " + id + " is not replicating the metadata log yet");
            }
            if (!quorum.caughtUp(observer.get(), fetchTimeoutMs)) {
                return wait(id, "controller " + id + " is catching up with the metadata log");
            }
            return new QuorumChange(Kind.ADD, id, observer.get().directoryId(), "controller " + id
                    + " has caught up");
        }
        List<QuorumState.Replica> leaving = quorum.voters().stream().filter(v -> !desired.contains(v.id()))
                .sorted(java.util.Comparator.comparingInt(QuorumState.Replica::id)).toList();
        if (leaving.isEmpty()) {
            return new QuorumChange(Kind.NONE, -1, null, "the voters are the controllers asked for");
        }
        QuorumState.Replica remove = leaving.get(0);
        int remaining = quorum.voters().size() - 1;
        long caughtUp = quorum.voters().stream()
                .filter(v -> v.id() != remove.id() && quorum.caughtUp(v, fetchTimeoutMs)).count();
        if (caughtUp < remaining / 2 + 1) {
            return wait(remove.id(), "removing controller " + remove.id() + " would leave " + caughtUp + " of "
                    + remaining + " voters caught up, not a majority");
        }
        if (remove.directoryId() == null) {
            return wait(remove.id(), "the quorum does not report the directory id of controller " + remove.id());
        }
        return new QuorumChange(Kind.REMOVE, remove.id(), remove.directoryId(), "controller " + remove.id()
                + " is no longer asked for");
    }

    private static QuorumChange wait(int id, String reason) {
        return new QuorumChange(Kind.WAIT, id, null, reason);
    }
}
