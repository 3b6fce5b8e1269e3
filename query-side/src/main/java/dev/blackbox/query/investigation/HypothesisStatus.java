package dev.blackbox.query.investigation;

/** How a hypothesis ended, if it did. */
public enum HypothesisStatus {
    OPEN, RULED_OUT, CONFIRMED
}
