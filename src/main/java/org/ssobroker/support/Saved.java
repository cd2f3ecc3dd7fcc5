package org.ssobroker.support;

/** What an idempotent {@code PUT} stored: whether it created the resource (201) or found it (200), and its view. */
public record Saved<V>(boolean created, V view) {

    public static <V> Saved<V> created(V view) {
        return new Saved<>(true, view);
    }

    public static <V> Saved<V> existing(V view) {
        return new Saved<>(false, view);
    }
}
