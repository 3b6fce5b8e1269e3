package dev.blackbox.command.integrations;

/** One thing that makes a sender's webhook unusable: the field, as the sender names it, and why. */
public record FieldProblem(String field, String message) {
}
