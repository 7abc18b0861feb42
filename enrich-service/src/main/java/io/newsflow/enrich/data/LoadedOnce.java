package io.newsflow.enrich.data;

import java.util.function.Supplier;

/**
 * A value made once, on first use, and then shared by every thread: how each enricher holds the
 * data it loads (lexicons, models, gazetteers), so a JVM loads each only once, only if it is used,
 * and a thread never sees it half-built. Written here because the JDK has no such holder and the
 * libraries on the class path that do (commons-lang3's {@code LazyInitializer}) make every use
 * handle a checked exception; Spring's would bring Spring into the plain core.
 */
public final class LoadedOnce<T> implements Supplier<T> {

    private final Supplier<? extends T> loader;
    private volatile T value;

    private LoadedOnce(Supplier<? extends T> loader) {
        this.loader = loader;
    }

    /** A holder that calls {@code loader} the first time its value is asked for. */
    public static <T> LoadedOnce<T> of(Supplier<? extends T> loader) {
        return new LoadedOnce<>(loader);
    }

    @Override
    public T get() {
        T loaded = value;
        if (loaded == null) {
            synchronized (this) {
                loaded = value;
                if (loaded == null) {
                    loaded = loader.get();
                    value = loaded;
                }
            }
        }
        return loaded;
    }
}
