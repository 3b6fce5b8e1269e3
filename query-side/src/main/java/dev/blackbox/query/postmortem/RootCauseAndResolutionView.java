package dev.blackbox.query.postmortem;

import dev.blackbox.query.investigation.RootCauseView;

import java.time.Instant;

/** The root cause (null until identified), the hypothesis that led to it, and how the outage ended. */
public record RootCauseAndResolutionView(
        RootCauseView rootCause,
        String confirmedHypothesis,
        String confirmationEvidence,
        Instant mitigatedAt,
        String mitigation,
        Instant resolvedAt,
        String resolution,
        int reopenCount) {
}
