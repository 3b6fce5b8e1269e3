package dev.blackbox.query.postmortem;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;

/**
 * Which postmortem templates there are besides the built-in ones, and which one a request without
 * {@code ?template=} gets.
 *
 * @param templatesDir    a directory of {@code NAME.mustache} files, each a template called NAME; none when unset
 * @param defaultTemplate the template used when a request names none
 */
@ConfigurationProperties("blackbox.postmortem")
public record PostmortemTemplateProperties(
        Path templatesDir,
        @DefaultValue(PostmortemTemplates.CLASSIC) String defaultTemplate) {
}
