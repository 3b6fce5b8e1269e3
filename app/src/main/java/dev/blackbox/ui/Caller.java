package dev.blackbox.ui;

/** Who is signed in, and what the pages offer them: a viewer reads, a responder records, an admin runs drills. */
public record Caller(String name, boolean responder, boolean admin) {

    static final Caller NOBODY = new Caller(null, false, false);
}
