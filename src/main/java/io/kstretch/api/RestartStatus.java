package io.kstretch.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A node a roll has restarted and waits for: which, its old pod, why, and since when. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RestartStatus {
    public Integer nodeId;
    public String member;
    public String pod;
    /** The uid of the pod that was deleted: the restart is done once a different pod is ready. */
    public String podUid;
    public String reason;
    public String startedAt;

    public RestartStatus() {
    }

    public RestartStatus(int nodeId, String member, String pod, String podUid, String reason, String startedAt) {
        this.nodeId = nodeId;
        this.member = member;
        this.pod = pod;
        this.podUid = podUid;
        this.reason = reason;
        this.startedAt = startedAt;
    }
}
