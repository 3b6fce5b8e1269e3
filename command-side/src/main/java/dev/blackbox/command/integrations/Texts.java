package dev.blackbox.command.integrations;

import java.util.regex.Pattern;

/** What a sender typed, made fit to record: the lengths the command API accepts, no control characters. */
public final class Texts {

    /** The longest title, name or service the command API takes. */
    public static final int SHORT = 200;
    /** The longest description or note the command API takes. */
    public static final int LONG = 20_000;

    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B-\\x1F\\x7F]");

    private Texts() {
    }

    /**
     * {@code text} without control characters but line breaks and tabs (PostgreSQL's text refuses NUL),
     * cut to {@code max} characters.
     */
    public static String cut(String text, int max) {
        String clean = CONTROL.matcher(text).replaceAll("");
        if (clean.length() <= max) {
            return clean;
        }
        int end = max - 1;
        return clean.substring(0, Character.isHighSurrogate(clean.charAt(end - 1)) ? end - 1 : end) + "…";
    }
}
