package io.kstretch.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A KRaft controller: node id, the directory id of its metadata log, and where it runs. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ControllerStatus {
    public Integer id;
    public String directoryId;
    public String member;

    public ControllerStatus() {
    }

    public ControllerStatus(int id, String directoryId, String member) {
        this.id = id;
        this.directoryId = directoryId;
        this.member = member;
    }
}
