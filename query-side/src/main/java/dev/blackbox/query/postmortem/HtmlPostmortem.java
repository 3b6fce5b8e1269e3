package dev.blackbox.query.postmortem;

import java.util.List;
import java.util.Set;

import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Node;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.HtmlWriter;

/**
 * Renders a postmortem as one self-contained HTML page (inline style, inline SVG, no scripts) from
 * its {@link PostmortemDocument}, with the timeline diagram the Markdown leaves out. The renderer
 * escapes every text node and would drop unsafe link targets; nothing in the document is raw HTML.
 */
public final class HtmlPostmortem {

    private static final String STYLE = """
            body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d2327;background:#fff}
            main{max-width:980px;margin:0 auto;padding:24px}
            h1{font-size:1.7em;margin-bottom:.2em}h1+p{color:#555}
            h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:1.6em}
            blockquote{background:#fff4ce;border-left:4px solid #e0a800;margin:0;padding:0 12px}
            li>p{margin:0}li strong{white-space:nowrap}li em{color:#666}
            table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:4px 10px;text-align:left}
            svg{max-width:100%;height:auto;font:11px system-ui,sans-serif}
            .lbl{fill:#333}.axis{stroke:#999}.tick{fill:#666}.inbar{fill:#fff}
            .ph0{fill:#c9302c}.ph1{fill:#ec971f}.ph2{fill:#f0ad4e}.ph3{fill:#5bc0de}.ph4{fill:#999}
            .RULED_OUT{fill:#b0b0b0}.CONFIRMED{fill:#449d44}.OPEN{fill:#f0ad4e;fill-opacity:.6}
            .esc{fill:#6f42c1}.escline{stroke:#6f42c1;stroke-dasharray:3 3}
            .legend span{display:inline-block;margin-right:14px}.sw{width:12px;height:12px;display:inline-block;vertical-align:middle;margin-right:4px}
            """;

    private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
            .extensions(List.of(TablesExtension.create()))
            .nodeRendererFactory(context -> new DiagramRenderer(context.getWriter()))
            .escapeHtml(true)
            .sanitizeUrls(true)
            .build();

    private HtmlPostmortem() {
    }

    public static String render(PostmortemView postmortem) {
        StringBuilder body = new StringBuilder(PostmortemDocument.expectedLength(postmortem));
        RENDERER.render(PostmortemDocument.of(postmortem), body);
        return page(postmortem.title(), body);
    }

    /** The page around a rendered body, the same for every template. */
    static String page(String title, CharSequence body) {
        return new StringBuilder(body.length() + 2048)
                .append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Postmortem: ").append(escape(title)).append("</title>\n")
                .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n<main>\n")
                .append(body)
                .append("</main>\n</body>\n</html>\n")
                .toString();
    }

    /** The document alone, without page or style, for embedding in the web interface's postmortem page. */
    public static String body(PostmortemView postmortem) {
        StringBuilder html = new StringBuilder(PostmortemDocument.expectedLength(postmortem));
        RENDERER.render(PostmortemDocument.of(postmortem), html);
        return html.toString();
    }

    /** For the page title and the diagram, which are written outside the document. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** Draws the document's timeline diagram, which only the HTML shows. */
    private record DiagramRenderer(HtmlWriter html) implements NodeRenderer {

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(TimelineDiagram.class);
        }

        @Override
        public void render(Node node) {
            html.raw(((TimelineDiagram) node).svg());
        }
    }
}
