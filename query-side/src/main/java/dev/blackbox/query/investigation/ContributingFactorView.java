package dev.blackbox.query.investigation;

import dev.blackbox.events.ContributingFactorKind;
import dev.blackbox.events.RootCauseCategory;

import java.time.Instant;

/**
 * A condition the outage needed besides its root cause. A withdrawn factor keeps its row, with when,
 * by whom and why it was withdrawn, so the record of the review stays whole.
 */
public record ContributingFactorView(
        String factorId,
        String description,
        ContributingFactorKind kind,
        RootCauseCategory category,
        String hypothesisId,
        Instant identifiedAt,
        String identifiedBy,
        Instant withdrawnAt,
        String withdrawnBy,
        String withdrawalReason) {

    public boolean standing() {
        return withdrawnAt == null;
    }
}
