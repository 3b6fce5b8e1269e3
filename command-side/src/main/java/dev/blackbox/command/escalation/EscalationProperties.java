package dev.blackbox.command.escalation;

import dev.blackbox.events.Severity;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Escalation policies: when an incident of one of {@code severities} touching one of
 * {@code services} (either empty: any) has not reached {@code until} a step's {@code after} past its
 * detection, Blackbox escalates it to the step's {@code target}.
 */
@ConfigurationProperties("blackbox.escalation")
public record EscalationProperties(List<Policy> policies) {

    public EscalationProperties {
        policies = policies == null ? List.of() : List.copyOf(policies);
    }

    /** What ends a policy's watch over an incident. */
    public enum Until {
        ACKNOWLEDGED, MITIGATED
    }

    public record Policy(List<Severity> severities, List<String> services, Until until, List<Step> steps) {

        public Policy {
            severities = severities == null ? List.of() : List.copyOf(severities);
            services = services == null ? List.of() : List.copyOf(services);
            if (until == null) {
                throw new IllegalArgumentException("an escalation policy needs until: acknowledged or mitigated");
            }
            if (steps == null || steps.isEmpty()) {
                throw new IllegalArgumentException("an escalation policy needs at least one step");
            }
            steps = List.copyOf(steps);
        }

        boolean matches(Severity severity, List<String> affectedServices) {
            return (severities.isEmpty() || severities.contains(severity))
                    && (services.isEmpty() || affectedServices.stream().anyMatch(services::contains));
        }
    }

    public record Step(Duration after, String target) {

        public Step {
            if (after == null || after.isNegative()) {
                throw new IllegalArgumentException("an escalation step needs after: a duration from detection, 0 or more");
            }
            if (target == null || target.isBlank()) {
                throw new IllegalArgumentException("an escalation step needs a target");
            }
        }
    }
}
