package dev.blackbox.plumbing.aggregates;

/** A command that creates an aggregate named an id that another type of aggregate holds: nothing was recorded. */
public class AggregateIdTaken extends RuntimeException {

    public AggregateIdTaken(String message) {
        super(message);
    }
}
