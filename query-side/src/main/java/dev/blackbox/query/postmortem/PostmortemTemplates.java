package dev.blackbox.query.postmortem;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.DefaultMustacheVisitor;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheVisitor;
import com.github.mustachejava.TemplateContext;
import com.github.mustachejava.reflect.MapObjectHandler;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The postmortem templates: {@code classic}, the document {@link PostmortemDocument} builds, and
 * Mustache templates (the other built-in ones, and a team's from {@code blackbox.postmortem.templates-dir})
 * over the plain values of {@link PostmortemModel}. Every template is compiled at start-up, so a broken
 * one stops the application with its file, line and reason instead of failing a reader later. A
 * template's Markdown becomes HTML by parsing it with CommonMark and rendering with raw HTML escaped,
 * so neither a template nor what users typed can put markup of their own into the page.
 */
@Component
@EnableConfigurationProperties(PostmortemTemplateProperties.class)
public class PostmortemTemplates {

    public static final String CLASSIC = "classic";

    private static final List<String> BUILT_IN = List.of("google-sre", "contributors", "brief");
    private static final String SUFFIX = ".mustache";

    private static final Parser PARSER = Parser.builder().extensions(List.of(TablesExtension.create())).build();
    private static final HtmlRenderer HTML = HtmlRenderer.builder()
            .extensions(List.of(TablesExtension.create()))
            .escapeHtml(true)
            .sanitizeUrls(true)
            .build();

    private final Map<String, Mustache> templates = new TreeMap<>();
    private final String defaultTemplate;

    public PostmortemTemplates(PostmortemTemplateProperties properties) {
        MustacheFactory factory = new MustacheFactory();
        for (String name : BUILT_IN) {
            String resource = "postmortem-templates/" + name + SUFFIX;
            try (InputStream in = PostmortemTemplates.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("the built-in postmortem template " + resource + " is missing");
                }
                templates.put(name, compile(factory, new InputStreamReader(in, StandardCharsets.UTF_8), resource));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (properties.templatesDir() != null) {
            loadDirectory(factory, properties.templatesDir());
        }
        defaultTemplate = properties.defaultTemplate().strip();
        if (!names().contains(defaultTemplate)) {
            throw new IllegalStateException("blackbox.postmortem.default-template names '" + defaultTemplate
                    + "', which is none of the templates " + names());
        }
    }

    private void loadDirectory(MustacheFactory factory, Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException("blackbox.postmortem.templates-dir " + directory + " is not a directory");
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList()) {
                String fileName = file.getFileName().toString();
                String name = fileName.substring(0, fileName.length() - SUFFIX.length());
                if (name.equals(CLASSIC) || templates.containsKey(name)) {
                    throw new IllegalStateException("postmortem template " + file + " has the name of a built-in"
                            + " template; give it a name of its own");
                }
                try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    templates.put(name, compile(factory, reader, file.toString()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the postmortem templates in " + directory, e);
        }
    }

    private static Mustache compile(MustacheFactory factory, Reader reader, String file) {
        try {
            return factory.compile(reader, file);
        } catch (MustacheException e) {
            throw new IllegalStateException("postmortem template " + file + " is broken: " + e.getMessage(), e);
        }
    }

    /** Every template's name, {@code classic} first. */
    public List<String> names() {
        return Stream.concat(Stream.of(CLASSIC), templates.keySet().stream()).toList();
    }

    /** The template a request that names none gets. */
    public String defaultTemplate() {
        return defaultTemplate;
    }

    /** {@code name}, or the default template when null; empty when no template has that name. */
    public Optional<String> resolve(String name) {
        String wanted = name == null ? defaultTemplate : name.strip();
        return names().contains(wanted) ? Optional.of(wanted) : Optional.empty();
    }

    public String markdown(String template, PostmortemView postmortem) {
        if (template.equals(CLASSIC)) {
            return MarkdownPostmortem.render(postmortem);
        }
        StringWriter markdown = new StringWriter(PostmortemDocument.expectedLength(postmortem));
        templates.get(template).execute(markdown, PostmortemModel.of(postmortem));
        return markdown.toString();
    }

    public String html(String template, PostmortemView postmortem) {
        if (template.equals(CLASSIC)) {
            return HtmlPostmortem.render(postmortem);
        }
        StringBuilder body = new StringBuilder(PostmortemDocument.expectedLength(postmortem));
        HTML.render(PARSER.parse(markdown(template, postmortem)), body);
        return HtmlPostmortem.page(postmortem.title(), body);
    }

    /**
     * Mustache as a logic-less language and nothing more: values are looked up in maps only (no
     * methods or fields of any object), names the model cannot hold are refused, partials are refused
     * (a template reads no file), and values are written as they are, since {@link PostmortemModel}
     * has escaped them for Markdown already.
     */
    private static final class MustacheFactory extends DefaultMustacheFactory {

        MustacheFactory() {
            super(name -> null);
            setObjectHandler(new MapObjectHandler());
        }

        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(value);
            } catch (IOException e) {
                throw new MustacheException("cannot write the postmortem", e);
            }
        }

        @Override
        public MustacheVisitor createMustacheVisitor() {
            return new DefaultMustacheVisitor(this) {
                @Override
                public void iterable(TemplateContext context, String variable, Mustache mustache) {
                    known(context, variable);
                    super.iterable(context, variable, mustache);
                }

                @Override
                public void notIterable(TemplateContext context, String variable, Mustache mustache) {
                    known(context, variable);
                    super.notIterable(context, variable, mustache);
                }

                @Override
                public void value(TemplateContext context, String variable, boolean encoded) {
                    known(context, variable);
                    super.value(context, variable, encoded);
                }
            };
        }

        /** {@code .} is the current value; a dotted name is checked name by name. */
        private static void known(TemplateContext context, String variable) {
            if (variable.equals(".")) {
                return;
            }
            for (String name : variable.split("\\.", -1)) {
                if (!PostmortemModel.NAMES.contains(name)) {
                    throw new MustacheException("{{" + variable + "}} names no value of the postmortem at "
                            + context.file() + ":" + context.line() + "; the values are "
                            + String.join(", ", new TreeSet<>(PostmortemModel.NAMES)));
                }
            }
        }

        @Override
        public Mustache compilePartial(String name) {
            throw new MustacheException("partials ({{> " + name + "}}) are not supported in postmortem templates");
        }
    }
}
