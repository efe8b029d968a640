package io.kstretch.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Bootstrap servers of one client listener. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ListenerStatus {
    public String name;
    public String bootstrapServers;

    public ListenerStatus() {
    }

    public ListenerStatus(String name, String bootstrapServers) {
        this.name = name;
        this.bootstrapServers = bootstrapServers;
    }
}
