package dev.blackbox.app.config;

/** The sides one Blackbox process runs, chosen with {@code blackbox.mode}: both, or one of them. */
enum ProcessSides {
    ALL,
    COMMAND,
    QUERY;

    boolean include(Side side) {
        return this == ALL || name().equals(side.name());
    }
}
