package dev.blackbox.query.postmortem;

import java.util.List;

import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.renderer.markdown.MarkdownRenderer;

/** Renders a postmortem as Markdown, the default format, from its {@link PostmortemDocument}. */
public final class MarkdownPostmortem {

    private static final MarkdownRenderer RENDERER = MarkdownRenderer.builder()
            .extensions(List.of(TablesExtension.create()))
            .build();

    private MarkdownPostmortem() {
    }

    public static String render(PostmortemView postmortem) {
        StringBuilder markdown = new StringBuilder(PostmortemDocument.expectedLength(postmortem));
        RENDERER.render(PostmortemDocument.of(postmortem), markdown);
        return markdown.toString();
    }
}
