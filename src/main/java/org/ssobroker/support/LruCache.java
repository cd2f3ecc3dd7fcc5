package org.ssobroker.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/** A small thread-safe least-recently-used map with a fixed capacity. */
public final class LruCache<K, V> {

    private final Map<K, V> map;

    public LruCache(int capacity) {
        this(capacity, (key, value) -> { });
    }

    /** @param onEvict told of every entry dropped for capacity (not of removals) */
    public LruCache(int capacity, BiConsumer<K, V> onEvict) {
        this.map = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                boolean evict = size() > capacity;
                if (evict) {
                    onEvict.accept(eldest.getKey(), eldest.getValue());
                }
                return evict;
            }
        };
    }

    public synchronized V get(K key) {
        return map.get(key);
    }

    public synchronized void put(K key, V value) {
        map.put(key, value);
    }

    public synchronized void remove(K key) {
        map.remove(key);
    }

    /** Removes the entries whose key matches; returns their keys. */
    public synchronized List<K> removeIf(Predicate<K> key) {
        List<K> removed = new ArrayList<>();
        map.keySet().removeIf(k -> key.test(k) && removed.add(k));
        return removed;
    }

    public synchronized int size() {
        return map.size();
    }
}
