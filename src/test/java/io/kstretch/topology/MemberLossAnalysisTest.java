package io.kstretch.topology;

import static io.kstretch.api.ProcessRole.BROKER;
import static io.kstretch.api.ProcessRole.CONTROLLER;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.kstretch.api.KafkaNodePool;
import io.kstretch.api.ProcessRole;
import io.kstretch.spi.Member;
import io.kstretch.testing.Fixtures;

class MemberLossAnalysisTest {
    private final List<KafkaNodePool> pools = new ArrayList<>();
    private final Map<String, Integer> firstIds = new LinkedHashMap<>();

    private void pool(String member, int replicas, ProcessRole... roles) {
        KafkaNodePool pool = Fixtures.pool("ns", member + "-" + roles.length + "-" + pools.size(), "k", member,
                replicas, roles);
        firstIds.put(pool.getMetadata().getName(), pools.size() * 100);
        pools.add(pool);
    }

    private MemberLossAnalysis analyse(int rf, int minIsr) {
        Map<String, Member> members = new LinkedHashMap<>();
        for (String m : List.of("a", "b", "c")) {
            members.put(m, new Member(m, "ns", false, m, m, "InternalIP", null));
        }
        Topology topology = Topology.of(Fixtures.kafka("ns", "k", "mcs"), pools, firstIds, members);
        return MemberLossAnalysis.of(topology, rf, minIsr);
    }

    @Test
    void oneControllerAndBrokerPerMemberSurvives() {
        pool("a", 1, CONTROLLER, BROKER);
        pool("b", 1, CONTROLLER, BROKER);
        pool("c", 1, CONTROLLER, BROKER);
        assertThat(analyse(3, 2).survives()).isTrue();
    }

    @Test
    void aMemberHoldingTheControllerMajorityIsNamed() {
        pool("a", 2, CONTROLLER);
        pool("b", 1, CONTROLLER);
        pool("a", 1, BROKER);
        pool("b", 1, BROKER);
        pool("c", 1, BROKER);
        MemberLossAnalysis analysis = analyse(3, 2);
        assertThat(analysis.survives()).isFalse();
        assertThat(analysis.problems()).containsExactly(
                "losing member a: only 1 of 3 controllers would be left, not a majority");
    }

    @Test
    void twoMembersSurviveOnlyTheLossOfTheSmallerOne() {
        pool("a", 2, CONTROLLER, BROKER);
        pool("b", 1, CONTROLLER, BROKER);
        MemberLossAnalysis analysis = analyse(3, 2);
        assertThat(analysis.problems()).containsExactly("losing member a: only 1 of 3 controllers would be left, not"
                + " a majority; a partition could keep only 1 of 3 replicas, fewer than min.insync.replicas=2, so"
                + " acks=all writes would stop");
    }

    @Test
    void brokersOnlyInOneMemberCannotLoseIt() {
        pool("a", 1, CONTROLLER);
        pool("b", 1, CONTROLLER);
        pool("c", 1, CONTROLLER);
        pool("a", 3, BROKER);
        assertThat(analyse(3, 2).problems()).containsExactly("losing member a: a partition could keep only 0 of 3"
                + " replicas, fewer than min.insync.replicas=2, so acks=all writes would stop");
    }

    @Test
    void minInsyncReplicasEqualToTheReplicationFactorNeverSurvives() {
        pool("a", 1, CONTROLLER, BROKER);
        pool("b", 1, CONTROLLER, BROKER);
        pool("c", 1, CONTROLLER, BROKER);
        assertThat(analyse(3, 3).problems()).hasSize(3)
                .allSatisfy(p -> assertThat(p).contains("fewer than min.insync.replicas=3"));
    }

    @Test
    void moreBrokersPerMemberStillSpreadReplicasByRack() {
        pool("a", 1, CONTROLLER);
        pool("b", 1, CONTROLLER);
        pool("c", 1, CONTROLLER);
        pool("a", 3, BROKER);
        pool("b", 3, BROKER);
        pool("c", 3, BROKER);
        assertThat(analyse(3, 2).survives()).isTrue();
    }
}
