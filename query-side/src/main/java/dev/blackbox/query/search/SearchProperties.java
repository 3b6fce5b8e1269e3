package dev.blackbox.query.search;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;

/**
 * Where this query process keeps its search index.
 *
 * @param indexDir  the index's directory; {@code <blackbox.data-dir>/search-index} when unset. Each query
 *                  process needs one of its own: Lucene lets one process write a directory
 */
@ConfigurationProperties("blackbox.search")
public record SearchProperties(Path indexDir) {
}
