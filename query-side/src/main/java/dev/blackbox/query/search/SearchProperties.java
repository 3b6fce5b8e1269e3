package dev.blackbox.query.search;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;

/**
 * Where this query process keeps its search index and how many events it indexes per commit.
 *
 * @param indexDir  the index's directory; {@code <blackbox.data-dir>/search-index} when unset. Each query
 *                  process needs one of its own: Lucene lets one process write a directory
 * @param batchSize events indexed per commit while catching up; fewer when no more are waiting
 */
@ConfigurationProperties("blackbox.search")
public record SearchProperties(Path indexDir, @DefaultValue("2000") int batchSize) {
}
