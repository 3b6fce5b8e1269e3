package dev.blackbox.query.search;

import java.util.List;

/** The best hits first, and how many facts matched in all. */
public record SearchResultView(List<SearchHitView> hits, long total) {

    public SearchResultView {
        hits = List.copyOf(hits);
    }
}
