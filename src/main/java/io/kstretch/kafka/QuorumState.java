package io.kstretch.kafka;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The KRaft quorum as the active controller describes it (Admin {@code describeMetadataQuorum}).
 *
 * @param leaderId the active controller's node id
 * @param voters the voters, with how far each has replicated the metadata log
 * @param observers the other replicas (brokers, and controllers not yet added as voters)
 */
public record QuorumState(int leaderId, List<Replica> voters, List<Replica> observers) {

    /**
     * One replica of the metadata log.
     *
     * @param id node id
     * @param directoryId the directory id of its metadata log (KIP-853), null when unknown
     * @param logEndOffset how far it has replicated
     * @param lastCaughtUpMs when it was last caught up with the leader (leader's clock), if known
     */
    public record Replica(int id, String directoryId, long logEndOffset, OptionalLong lastCaughtUpMs) {
    }

    public Optional<Replica> voter(int id) {
        return voters.stream().filter(v -> v.id() == id).findFirst();
    }

    public Optional<Replica> observer(int id) {
        return observers.stream().filter(v -> v.id() == id).findFirst();
    }

    public boolean isVoter(int id) {
        return voter(id).isPresent();
    }

    /**
     * Whether {@code replica} is caught up with the leader: the leader itself, or last caught up no more than
     * {@code fetchTimeoutMs} (the quorum's {@code controller.quorum.fetch.timeout.ms}) before the leader was.
     */
    public boolean caughtUp(Replica replica, long fetchTimeoutMs) {
        if (replica.id() == leaderId) {
            return true;
        }
        Optional<Replica> leader = voter(leaderId);
        if (leader.isEmpty() || leader.get().lastCaughtUpMs().isEmpty() || replica.lastCaughtUpMs().isEmpty()) {
            return false;
        }
        return leader.get().lastCaughtUpMs().getAsLong() - replica.lastCaughtUpMs().getAsLong() <= fetchTimeoutMs;
    }
}
