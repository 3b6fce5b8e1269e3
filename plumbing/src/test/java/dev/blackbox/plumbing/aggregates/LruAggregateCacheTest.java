package dev.blackbox.plumbing.aggregates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

class LruAggregateCacheTest {

    @Test
    void keepsTheMostRecentlyUsedIncidentsUpToItsBound() {
        LruAggregateCache cache = new LruAggregateCache(2);
        cache.put("checkout", "state-1");
        cache.put("search", "state-2");
        assertThat((Object) cache.get("checkout")).isEqualTo("state-1");

        cache.put("login", "state-3");

        assertThat(cache.containsKey("checkout")).isTrue();
        assertThat(cache.containsKey("search")).as("least recently used, dropped").isFalse();
        assertThat(cache.containsKey("login")).isTrue();
    }

    @Test
    void tellsListenersWhatHappened() {
        LruAggregateCache cache = new LruAggregateCache(1);
        List<String> heard = new ArrayList<>();
        cache.registerCacheEntryListener(new Cache.EntryListenerAdapter() {
            @Override
            public void onEntryCreated(Object key, Object value) {
                heard.add("created " + key);
            }

            @Override
            public void onEntryExpired(Object key) {
                heard.add("expired " + key);
            }

            @Override
            public void onEntryRemoved(Object key) {
                heard.add("removed " + key);
            }
        });

        cache.put("checkout", "state-1");
        cache.put("search", "state-2");
        assertThat(cache.putIfAbsent("search", "state-3")).isFalse();
        cache.remove("search");

        assertThat(heard).containsExactly("created checkout", "expired checkout", "created search", "removed search");
    }
}
