package dev.blackbox.events;

/** A fact about a training drill, which replays a past incident onto a new incident marked drill. */
public sealed interface DrillEvent permits DrillStarted, DrillRevealed {

    String drillId();
}
