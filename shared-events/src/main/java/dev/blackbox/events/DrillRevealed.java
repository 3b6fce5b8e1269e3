package dev.blackbox.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The trainer revealed the answer: the held-back facts of the source are released to the drill. */
@Revision("1")
public record DrillRevealed(
        String drillId,
        Instant revealedAt,
        String revealedBy) implements DrillEvent {
}
