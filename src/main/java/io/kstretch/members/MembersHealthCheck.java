package io.kstretch.members;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.smallrye.health.api.HealthGroup;

/**
 * {@code /q/health/group/members}: every member as UP or DOWN, with probe latency or the reason. Separate from
 * liveness and readiness, which describe the operator only: a member being down never restarts the operator.
 */
@HealthGroup("members")
@ApplicationScoped
public class MembersHealthCheck implements HealthCheck {
    @Inject
    MemberRegistry registry;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("members").up();
        registry.health().forEach((key, health) -> {
            String line;
            if (health.reachable()) {
                line = "UP " + (health.latency() == null ? "" : health.latency().toMillis() + " ms ")
                        + (health.kubernetesVersion() == null ? "" : health.kubernetesVersion());
            } else {
                response.down();
                line = "DOWN " + health.reason() + ": " + health.message();
            }
            response.withData(key.toString(), line.trim());
        });
        return response.build();
    }
}
