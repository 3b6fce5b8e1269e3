package dev.blackbox.command.training;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RevealDrill(@TargetAggregateIdentifier String drillId, String revealedBy) {
}
