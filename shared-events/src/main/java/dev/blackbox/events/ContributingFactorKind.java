package dev.blackbox.events;

/**
 * The part a contributing factor played: what set the outage off, what made it worse, what kept it
 * smaller, and what could have gone wrong but did not this time.
 */
public enum ContributingFactorKind {
    TRIGGER, CONTRIBUTOR, MITIGATOR, RISK
}
