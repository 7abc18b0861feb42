package io.newsflow.enrich.stories;

import io.newsflow.contracts.ArticleEnriched;
import io.newsflow.contracts.Story;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Groups articles into stories as they arrive (online, single pass): each article joins the live
 * story it is most like, if it is like one enough, else starts one of its own. Spring-free; the
 * stories are kept in a {@link Store}.
 *
 * <p>A copy of an earlier article ({@code duplicateOf}) joins its original's story (as the
 * duplicate store remembers it, or as decided earlier in the same poll). Otherwise: an
 * article's {@link ArticleFeatures} vector (names, key phrases, countries) is compared
 * by cosine with the centroid (the sum of its articles' vectors) of each candidate story: the live
 * stories seen within the window of the article's time that share one of its heaviest features,
 * as the store finds them in one request for the whole poll (read light: times and centroid),
 * plus the stories this poll already touched. The decisions are then applied to the chosen
 * stories as stored (read whole, by id) and written. At {@code threshold} or more it joins the best; otherwise it starts a story whose id
 * is its own id (so a redelivered poll starts the same story, not another). If it is like two
 * live stories at {@code mergeThreshold} or more, they were one event seen from two sides: the
 * younger is merged into the older, which keeps its id, and the younger records it in
 * {@code mergedInto}.
 *
 * <p>Concurrency: two instances may change one story at once. Each write says which version of
 * the story it was computed from; when the store refuses one (changed meanwhile), every story the
 * poll touched is read again and the poll's additions and merges applied again (both are
 * idempotent), then written again.
 *
 * <p>Articles are decided earliest first, each decision visible to the next. The stories this
 * instance decided lately are candidates too: the search shows a write only after the next refresh
 * (a second), and the next poll often comes sooner. One poll's decisions at a time per instance:
 * the consumer threads' polls, decided at once, would each start a story for the same event
 * without seeing the other's. Only the decisions, in memory, are made under that lock: the
 * candidate search and the reading of the originals' stories come before it, the reading and
 * writing of the touched stories after it, under a lock per story (striped): polls that touch
 * different stories write at once, two that touch one story take turns. Writing under the one
 * lock made the consumer threads queue behind each other's round trips, which on a busy node held
 * a fresh instance's rate below 50 articles/s; writing with no lock at all let four threads refuse
 * each other's versioned writes on a busy story until a poll gave up and was rolled back. Between
 * instances, two stories for one event can still start; merges repair it.
 */
public final class StoryClusterer {

    /** The stories: realtime by id, near-realtime by search, written with optimistic concurrency. */
    public interface Store {

        /**
         * For each probe, the live stories it could join: not merged, seen within the window of
         * its time, sharing at least one of its features; the most alike first, at most {@code limit}.
         * A probe without features finds nothing (and costs nothing).
         */
        List<List<StoryState>> candidates(List<Probe> probes, Duration window, int limit);

        /** The stories with these ids, as stored now (absent: none). */
        Map<String, StoryState> get(Collection<String> ids);

        /** Writes each story unless it changed since it was read (or, for a new one, exists already); returns those refused. */
        Set<String> write(Collection<StoryState> stories);
    }

    /** What to look candidate stories up by: the time and heaviest features of an article. */
    public record Probe(long at, List<String> features) {
    }

    /**
     * @param window         how far from a story's first and last article an article may be to join it
     * @param threshold      the cosine from which an article joins a story
     * @param mergeThreshold the cosine from which an article like two stories merges them
     */
    public record Settings(Duration window, double threshold, double mergeThreshold) {
    }

    /** The poll's articles with their story, and the stories' new states to publish. */
    public record Clustered(List<ArticleEnriched> articles, List<Story> stories) {
    }

    static final int CANDIDATES = 8;
    static final int PROBE_FEATURES = 15;
    private static final int ATTEMPTS = 5;

    /** Stories this instance wrote lately, as candidates the search may not show yet (it lags writes by up to a second). */
    static final int RECENT = 200;

    /** How many of the articles this instance placed lately it remembers the story of. */
    static final int RECENT_ARTICLES = 2_000;

    /** Stripes of the per-story write locks: 256, so that polls about different events rarely share one. */
    static final int STRIPES = 256;

    private final Store store;
    private final Settings settings;
    private final ReentrantLock[] writing = new ReentrantLock[STRIPES];
    private final Clock clock;
    private final Map<String, StoryState> recent = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, StoryState> eldest) {
            return size() > RECENT;
        }
    };

    /**
     * The story this instance lately put each article in, by article id (the latest {@link
     * #RECENT_ARTICLES}; guarded by {@code recent}'s monitor). Why: a copy whose original a
     * concurrent poll of this instance has just placed must find that story, while neither the
     * original's entry (its story is recorded after its poll) nor the search (it lags writes by a
     * refresh) knows it yet; the copy started a story of its own then, seen with one consumer
     * thread per partition when an original and its copies arrived at once.
     */
    private final Map<String, String> storyOfRecentArticle = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > RECENT_ARTICLES;
        }
    };

    /** How long a copy's poll waits for its original's story from another poll of this instance. */
    static final Duration PLACING_WAIT = Duration.ofSeconds(5);

    /**
     * Articles of this instance's polls that are findable as originals (their duplicate check
     * has registered them) but not placed in a story yet, each with a latch opened once it is.
     * Why: a copy arriving at the same moment as its original, in a poll of another consumer
     * thread, found the original's entry but neither its story (not decided yet) nor anything in
     * {@link #storyOfRecentArticle}, and started a story of its own. Its poll now waits for the
     * original's (outside every lock, at most {@link #PLACING_WAIT}: two polls that each hold
     * the other's original would otherwise wait for each other; then the copy goes as before).
     */
    private final Map<String, CountDownLatch> placing = new ConcurrentHashMap<>();

    public StoryClusterer(Store store, Settings settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        for (int i = 0; i < STRIPES; i++) {
            writing[i] = new ReentrantLock();
        }
    }

    /**
     * Asks the store what {@link #cluster} would ask about this batch (the candidate stories of its
     * articles, then those stories by id) and writes nothing: for the service's start-up (see
     * {@code Linking#warmUp}).
     */
    public void warmUp(List<ArticleEnriched> batch) {
        List<Probe> probes = batch.stream().map(ArticleFeatures::of)
                .map(f -> new Probe(f.at(), f.probe(PROBE_FEATURES))).toList();
        Set<String> found = new HashSet<>();
        store.candidates(probes, settings.window(), CANDIDATES).forEach(stories -> stories.forEach(s -> found.add(s.id)));
        batch.forEach(a -> found.add(a.id())); // ids no story has: read as absent, as a new story's are
        store.get(found);
    }

    /** A poll's articles, none of them copies of known articles. */
    public Clustered cluster(List<ArticleEnriched> batch) {
        return cluster(batch, Map.of());
    }

    /**
     * @param storyOfOriginalAsRead the stories of the originals the poll's copies point at, as far as known
     */
    public Clustered cluster(List<ArticleEnriched> batch, Map<String, String> storyOfOriginalAsRead) {
        if (batch.isEmpty()) {
            return new Clustered(batch, List.of());
        }
        List<ArticleFeatures> features = batch.stream().map(ArticleFeatures::of)
                .sorted(Comparator.comparingLong(ArticleFeatures::at).thenComparing(ArticleFeatures::id)).toList();
        // a copy whose original's story is known (or decided in this poll) needs no search
        Set<String> inPoll = new HashSet<>();
        features.forEach(f -> inPoll.add(f.id()));
        Map<String, String> storyOfOriginal = withOriginalsPlacedMeanwhile(features, inPoll, storyOfOriginalAsRead);
        // Both reads happen before the lock: the search lags writes by a refresh anyway (what this
        // instance wrote lately is added from `recent` under the lock), and the originals' stories
        // are only a first guess (under the lock, `recent` and the poll's own decisions come
        // first, and the decisions are applied to the stories as stored when written). Read under
        // the lock, they made the consumer threads queue behind each other's round trips.
        List<List<StoryState>> found = store.candidates(features.stream()
                .map(f -> new Probe(f.at(), f.duplicateOf() != null && (storyOfOriginal.containsKey(f.duplicateOf())
                        || inPoll.contains(f.duplicateOf())) ? List.of() : f.probe(PROBE_FEATURES))).toList(),
                settings.window(), CANDIDATES);
        Set<String> originalsStories = new HashSet<>();
        features.stream().filter(f -> f.duplicateOf() != null && !inPoll.contains(f.duplicateOf()))
                .map(f -> storyOfOriginal.get(f.duplicateOf())).filter(java.util.Objects::nonNull)
                .forEach(originalsStories::add);
        Map<String, StoryState> read = originalsStories.isEmpty() ? Map.of() : store.get(originalsStories);
        Decisions decisions;
        synchronized (this) {
            decisions = decide(features, found, storyOfOriginal, read);
        }
        placed(inPoll); // decided: what waits for them finds them in storyOfRecentArticle
        return write(batch, decisions);
    }

    /**
     * Announces a poll's articles before its duplicate check makes them findable as originals;
     * {@link #placed} must follow, also when the poll fails ({@link #cluster} calls it once it
     * has decided).
     */
    public void placing(Collection<String> articleIds) {
        articleIds.forEach(id -> placing.putIfAbsent(id, new CountDownLatch(1)));
    }

    /** The articles are placed, or their poll gave up: nothing waits for them any longer. */
    public void placed(Collection<String> articleIds) {
        for (String id : articleIds) {
            CountDownLatch latch = placing.remove(id);
            if (latch != null) {
                latch.countDown();
            }
        }
    }

    /**
     * The originals' stories as given, plus those of originals that another poll of this instance
     * was placing, once it has (waiting for it at most {@link #PLACING_WAIT} in all).
     */
    private Map<String, String> withOriginalsPlacedMeanwhile(List<ArticleFeatures> features, Set<String> inPoll,
            Map<String, String> storyOfOriginal) {
        Map<String, String> stories = null;
        long deadline = System.nanoTime() + PLACING_WAIT.toNanos();
        for (ArticleFeatures article : features) {
            String original = article.duplicateOf();
            CountDownLatch latch = original == null || inPoll.contains(original) ? null : placing.get(original);
            if (latch == null) {
                continue;
            }
            try {
                if (!latch.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    continue;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            String story;
            synchronized (recent) {
                story = storyOfRecentArticle.get(original);
            }
            if (story != null) {
                stories = stories == null ? new HashMap<>(storyOfOriginal) : stories;
                stories.put(original, story);
            }
        }
        return stories == null ? storyOfOriginal : stories;
    }

    /**
     * What a poll decided: the operations to apply to the stored stories, and the stories as
     * decided (light), as put into {@code recent} for the next polls to see.
     */
    private record Decisions(List<Operation> log, Map<String, StoryState> decided) {
    }

    /** The decisions of a poll, against what was read and what this instance decided before; one poll at a time. */
    private Decisions decide(List<ArticleFeatures> features, List<List<StoryState>> found,
            Map<String, String> storyOfOriginal, Map<String, StoryState> read) {
        // decide, against what was read
        Map<String, StoryState> touched = new LinkedHashMap<>();
        Map<String, String> decided = new HashMap<>();
        List<Operation> log = new ArrayList<>();
        for (int i = 0; i < features.size(); i++) {
            ArticleFeatures article = features.get(i);
            Map<String, StoryState> options = new LinkedHashMap<>();
            found.get(i).forEach(s -> options.putIfAbsent(s.id, touched.getOrDefault(s.id, s)));
            touched.values().forEach(s -> options.putIfAbsent(s.id, s));
            if (!found.get(i).isEmpty() || article.duplicateOf() == null) {
                synchronized (recent) {
                    recent.values().forEach(s -> options.computeIfAbsent(s.id, id -> s.light()));
                }
            }
            List<Scored> scored = options.values().stream().filter(StoryState::live)
                    .filter(s -> s.isWithin(article.at(), settings.window().toMillis()))
                    .map(s -> new Scored(s, article.similarity(s.centroid)))
                    .filter(s -> s.score() >= settings.threshold())
                    .sorted(Comparator.comparingDouble(Scored::score).reversed()).toList();
            StoryState story;
            StoryState originals = originalsStory(article, storyOfOriginal, decided, touched, read);
            if (originals != null) { // a copy is about what its original is about, whatever its headline says
                story = originals;
            } else if (scored.isEmpty()) {
                story = new StoryState(article.id());
            } else {
                story = scored.get(0).story();
                List<StoryState> alike = new ArrayList<>(scored.stream()
                        .filter(s -> s.score() >= settings.mergeThreshold()).map(Scored::story).toList());
                if (alike.size() > 1) {
                    alike.sort(StoryState.OLDEST_FIRST);
                    story = alike.get(0);
                    for (StoryState younger : alike.subList(1, alike.size())) {
                        story.absorb(younger);
                        touched.put(younger.id, younger);
                        log.add(new Operation(story.id, younger.id, null));
                    }
                }
            }
            story.add(article);
            touched.put(story.id, story);
            decided.put(article.id(), story.id);
            log.add(new Operation(story.id, null, article));
        }
        Map<String, StoryState> outcome = new LinkedHashMap<>();
        touched.values().forEach(story -> outcome.put(story.id, story.light()));
        synchronized (recent) {
            recent.putAll(outcome);
            storyOfRecentArticle.putAll(decided);
        }
        return new Decisions(log, outcome);
    }

    /**
     * The decisions applied to the stories as stored (the candidates were read light, without
     * counts), written, and on a conflict applied again to what is stored then; outside the lock.
     */
    private Clustered write(List<ArticleEnriched> batch, Decisions decisions) {
        List<Operation> log = decisions.log();
        // in ascending order, so that two polls never wait for each other's stripes
        int[] stripes = decisions.decided().keySet().stream().mapToInt(StoryClusterer::stripe).distinct().sorted()
                .toArray();
        for (int stripe : stripes) {
            writing[stripe].lock();
        }
        Map<String, StoryState> current;
        try {
            current = replay(log, store.get(decisions.decided().keySet()));
            for (int attempt = 1; ; attempt++) {
                Set<String> refused = store.write(current.values());
                if (refused.isEmpty()) {
                    break;
                }
                if (attempt == ATTEMPTS) {
                    throw new StoryConflictException("stories " + refused + " kept changing under " + ATTEMPTS
                            + " attempts");
                }
                current = replay(log, store.get(current.keySet()));
            }
            synchronized (recent) { // as written, unless a later poll decided on top of it meanwhile
                for (StoryState story : current.values()) {
                    recent.replace(story.id, decisions.decided().get(story.id), story.light());
                }
            }
        } finally {
            for (int i = stripes.length - 1; i >= 0; i--) {
                writing[stripes[i]].unlock();
            }
        }
        Map<String, ArticleEnriched.StoryRef> refs = new HashMap<>();
        for (Operation op : log) {
            if (op.article() != null) {
                StoryState story = current.get(op.storyId());
                refs.put(op.article().id(), new ArticleEnriched.StoryRef(story.id, story.label));
            }
        }
        Instant now = clock.instant();
        return new Clustered(batch.stream().map(a -> a.withStory(refs.get(a.id()))).toList(),
                current.values().stream().map(s -> s.toEvent(now)).toList());
    }

    /** The live story of the original a copy points at, following merges; null when not known. */
    private StoryState originalsStory(ArticleFeatures article, Map<String, String> storyOfOriginal,
            Map<String, String> decided, Map<String, StoryState> touched, Map<String, StoryState> read) {
        if (article.duplicateOf() == null) {
            return null;
        }
        // this poll's decision, then this instance's latest, then the story recorded with the original
        String id = decided.get(article.duplicateOf());
        if (id == null) {
            synchronized (recent) {
                id = storyOfRecentArticle.get(article.duplicateOf());
            }
        }
        if (id == null) {
            id = storyOfOriginal.get(article.duplicateOf());
        }
        for (int hops = 0; id != null && hops < 5; hops++) {
            StoryState story = touched.get(id);
            if (story == null) {
                story = newer(read.get(id), id);
                if (story == null) { // a merge to follow, or not read before the lock
                    story = store.get(List.of(id)).get(id);
                }
            }
            if (story == null || story.live()) {
                return story;
            }
            id = story.mergedInto;
        }
        return null;
    }

    /**
     * Of a story as read before the lock and as this instance last wrote it, the newer: the read
     * if it was made after that write (a higher version: the write, or another instance's since),
     * else the written one (the read came first, or there is none). Null when neither is known.
     */
    private StoryState newer(StoryState read, String id) {
        StoryState written;
        synchronized (recent) {
            written = recent.get(id);
        }
        if (written == null) {
            return read;
        }
        if (read != null && (written.seqNo == null || read.seqNo != null && read.seqNo > written.seqNo)) {
            return read;
        }
        return written.light();
    }

    /** The write lock stripe of a story. */
    static int stripe(String storyId) {
        return Math.floorMod(storyId.hashCode(), STRIPES);
    }

    /** The poll's operations applied again to the stories as now stored (new ones started again). */
    private static Map<String, StoryState> replay(List<Operation> log, Map<String, StoryState> stored) {
        Map<String, StoryState> states = new LinkedHashMap<>(stored);
        for (Operation op : log) {
            StoryState story = states.computeIfAbsent(op.storyId(), StoryState::new);
            if (op.absorbed() != null) {
                story.absorb(states.computeIfAbsent(op.absorbed(), StoryState::new));
            } else {
                story.add(op.article());
            }
        }
        return states;
    }

    private record Scored(StoryState story, double score) {
    }

    /** An article added to a story, or a story absorbed into another. */
    private record Operation(String storyId, String absorbed, ArticleFeatures article) {
    }

    /** The stories of a poll could not be written; the poll is retried. */
    public static final class StoryConflictException extends RuntimeException {
        StoryConflictException(String message) {
            super(message);
        }
    }
}
