package io.kstretch.reconcile;

import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.kstretch.spi.NetworkingProvider;
import io.smallrye.common.annotation.Identifier;

/** The networking providers compiled into the operator, by their {@code @Identifier}. */
@ApplicationScoped
public class Providers {
    @Inject
    @Any
    Instance<NetworkingProvider> all;

    public Optional<NetworkingProvider> get(String name) {
        if (name == null) {
            return Optional.empty();
        }
        Instance<NetworkingProvider> selected = all.select(Identifier.Literal.of(name));
        return selected.isResolvable() ? Optional.of(selected.get()) : Optional.empty();
    }

    public SortedSet<String> names() {
        SortedSet<String> names = new TreeSet<>();
        for (Instance.Handle<NetworkingProvider> handle : all.handles()) {
            handle.getBean().getQualifiers().stream().filter(q -> q instanceof Identifier)
                    .map(q -> ((Identifier) q).value()).forEach(names::add);
        }
        return names;
    }
}
