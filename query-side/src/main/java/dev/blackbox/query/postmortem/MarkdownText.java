package dev.blackbox.query.postmortem;

/**
 * User text made safe to place anywhere in a line of Markdown: on one line, and with every character
 * that could start markup, a link, an HTML tag or an entity escaped with a backslash (CommonMark
 * allows that before any ASCII punctuation), so a template's output parses back to the same text.
 */
final class MarkdownText {

    /** Markup wherever it appears. */
    private static final String ALWAYS = "\\`*_[]<>#!|~{}&";
    /** Markup only at the start of a line: list items, thematic breaks and setext underlines. */
    private static final String AT_START = "-+=";

    private MarkdownText() {
    }

    static String escape(String text) {
        String line = PostmortemDocument.inline(text);
        StringBuilder escaped = new StringBuilder(line.length() + 8);
        int digits = 0;
        while (digits < line.length() && Character.isDigit(line.charAt(digits))) {
            digits++;
        }
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            boolean orderedListMarker = i == digits && digits > 0 && (c == '.' || c == ')');
            if (ALWAYS.indexOf(c) >= 0 || (i == 0 && AT_START.indexOf(c) >= 0) || orderedListMarker) {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
