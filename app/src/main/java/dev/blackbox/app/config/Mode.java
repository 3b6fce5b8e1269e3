package dev.blackbox.app.config;

/** What one Blackbox process runs, chosen with {@code blackbox.mode}. */
enum Mode {
    ALL,
    COMMAND,
    QUERY;

    boolean runs(Side side) {
        return this == ALL || name().equals(side.name());
    }
}
