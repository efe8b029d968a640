package io.kstretch.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.kstretch.api.MemberStatus;

/** What one reconcile pass over the members found and did; the input of the Kafka's status. */
final class PassResult {
    /** member name → state in status. */
    final Map<String, MemberStatus> members = new TreeMap<>();
    /** member name → why it was skipped (not reachable). */
    final Map<String, String> unreachable = new TreeMap<>();
    /** members whose caches are still filling. */
    final List<String> connecting = new ArrayList<>();
    /** endpoints the provider could not give yet. */
    final List<String> pendingEndpoints = new ArrayList<>();
    /** nodes whose pods do not run what was rendered for them (a restart is pending), with why. */
    final List<String> outdatedNodes = new ArrayList<>();
    /** the roll: what it did or waits for (null when no roll is under way) */
    String rolling;
    /** a restarted node that did not come back in time: the roll stops */
    String rollStuck;
    /** the quorum change under way or waited for */
    String quorumChanging;
    /** the live cluster could not be read: day-2 changes wait */
    String dayTwoBlocked;
    /** why pools cannot shrink yet */
    final List<String> scaleDownBlocked = new ArrayList<>();
    /** pools allowed to shrink this pass */
    final java.util.Set<String> released = new java.util.TreeSet<>();
    /** whether losing any one member would be survived, and if not why */
    io.kstretch.topology.MemberLossAnalysis memberLoss;
    /** dynamic quorum not yet recorded as bootstrapped: not Ready until it is (the format arguments still change) */
    boolean bootstrapping;
    /** write failures: member → message. */
    final Map<String, String> errors = new TreeMap<>();
    String errorReason;
    int writes;
    int nodes;
    int readyNodes;

    void error(String member, ApplyException e) {
        errors.put(member, e.getMessage());
        if (errorReason == null) {
            errorReason = e.reason();
        }
    }

    boolean complete() {
        return unreachable.isEmpty() && connecting.isEmpty() && pendingEndpoints.isEmpty() && errors.isEmpty();
    }
}
