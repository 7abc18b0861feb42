package io.newsflow.enrich.duplicates;

import io.newsflow.contracts.ArticleEnriched;
import io.newsflow.contracts.DuplicateCorrection;
import io.newsflow.enrich.fingerprints.MinHasher;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Marks each article of a batch that is a near-copy of an earlier one with
 * {@link ArticleEnriched.DuplicateOf}, naming the earliest copy seen (by publication time, else
 * reception time; of equal times, an original stored before the batch, then the smallest id).
 * Spring-free; the memory of earlier articles is a {@link Store}.
 *
 * <p>How: every article long enough to compare gets a MinHash signature ({@link MinHasher}). The
 * batch is first <em>registered</em>: each article's signature is stored, and each of its 20 band
 * keys, and the key of its exact text, is claimed for it unless an earlier article holds it. A
 * verbatim copy of a stored article (its exact key already held, as one read before registering
 * tells) claims nothing else: syndication is mostly verbatim, and this spares it 20 writes and 20
 * reads (and the read back below: a claim is never overwritten, so the holder that read named
 * holds the key still). Only then are the keys read back:
 * whoever holds a key the article has is a candidate, including articles of this batch and of
 * other instances registered at the same moment. Writing before reading is what keeps two copies
 * processed at once on different partitions from both missing each other: of two such writes, the
 * later one's read sees the earlier one. Candidates whose estimated similarity reaches the
 * threshold, within the window, are copies; the article points at the earliest of them and of the
 * originals they point at. An article earlier than the original its copies point at (a late
 * original: published first, posted last) becomes their original: its copies' stored entries and
 * their former original's are re-pointed, so later lookups follow it, and each of them that was
 * published already gets a {@link DuplicateCorrection} (the publish service applies it to the
 * index, and re-points that former original's other copies there). That is how copies of one text
 * posted out of order, or at once on different partitions, end with one original.
 *
 * <p>Cost per article: a fixed number of keys written and read, whatever the number stored. Per
 * batch of verbatim copies of known articles: three reads (exact keys, the originals' entries,
 * the entries they point at if re-pointed) and two writes (registering, then {@link #record}).
 */
public final class DuplicateLinker {

    /**
     * The linker's memory: realtime (a write is visible to the next read at once, as Elasticsearch's
     * get by id is), shared by every instance, durable.
     */
    public interface Store {

        /** Stores each entry and claims each of its band keys for it unless already claimed. */
        void register(List<Registration> registrations);

        /** Who holds each of these band keys (absent: nobody). */
        Map<String, String> holders(Collection<String> bandKeys);

        /** The stored entries of these articles (absent: unknown or expired). */
        Map<String, Entry> entries(Collection<String> ids);

        /** The stories these articles were put in, as recorded (absent: unknown). */
        Map<String, String> stories(Collection<String> ids);

        /**
         * Records, in one write, new originals of stored entries (so that later lookups follow
         * them) and which story each article was put in (so that its copies can join it); an
         * article may have either or both. Leaves what else an entry holds as it is, and skips
         * articles that have no entry (too short to be stored).
         */
        void record(Map<String, Entry> repointed, Map<String, String> storyByArticle);
    }

    /**
     * What is stored of an article: when it appeared, its signature, the original it points at (or
     * null), and the story it was put in (null until recorded, or when not read).
     */
    public record Entry(String id, long at, int[] signature, String original, long originalAt, String story) {

        public Entry(String id, long at, int[] signature, String original, long originalAt) {
            this(id, at, signature, original, originalAt, null);
        }

        /** Estimated Jaccard similarity of the two bodies (see {@link MinHasher.Signature#similarity}). */
        double similarity(Entry other) {
            return new MinHasher.Signature(signature, 0).similarity(other.signature());
        }

        Entry pointingAt(Entry root) {
            return new Entry(id, at, signature, root.id(), root.at(), story);
        }

        String rootId() {
            return original != null ? original : id;
        }

        long rootAt() {
            return original != null ? originalAt : at;
        }
    }

    /** An entry to store and the band keys to claim for it. */
    public record Registration(Entry entry, String[] bandKeys) {
    }

    /**
     * @param window    how far apart in time two copies may be (7 days by default)
     * @param threshold estimated Jaccard similarity from which an article is a copy (0.5)
     * @param minWords  bodies shorter than this are neither linked nor stored (a two-line brief
     *                  shares most of its 3-grams with any other brief saying the same thing)
     */
    public record Settings(Duration window, double threshold, int minWords) {
    }

    /** How many re-pointed originals a lookup follows (a chain longer than this is not expected). */
    private static final int MAX_HOPS = 3;
    private static final Comparator<Entry> EARLIEST = Comparator.comparingLong(Entry::at).thenComparing(Entry::id);

    private final Store store;
    private final MinHasher hasher = new MinHasher();
    private final Settings settings;

    public DuplicateLinker(Store store, Settings settings) {
        this.store = store;
        this.settings = settings;
    }

    /**
     * What linking a batch gave.
     *
     * @param articles        the batch with {@code duplicateOf} set on each copy, in the same order
     * @param corrections     articles of earlier batches that turned out to be copies of one in this
     *                        batch (their published records name another original, or none)
     * @param storyOfOriginal the stories of the originals named, as read with their entries
     * @param repointed       the stored entries to point at new originals, written by
     *                        {@link #record}
     */
    public record Linked(List<ArticleEnriched> articles, List<DuplicateCorrection> corrections,
            Map<String, String> storyOfOriginal, Map<String, Entry> repointed) {

        Linked(List<ArticleEnriched> articles, List<DuplicateCorrection> corrections) {
            this(articles, corrections, Map.of(), Map.of());
        }
    }

    /**
     * Links the batch and records the new originals at once: for callers that put the articles in
     * no story. With stories, {@link #decide} then {@link #record} write both in one request.
     */
    public Linked link(List<ArticleEnriched> batch) {
        Linked linked = decide(batch);
        record(linked, Map.of());
        return linked;
    }

    /**
     * Records what {@link #decide} found (the entries to re-point) and the stories the batch's
     * articles were put in, in one write to the store. Until it is called, other lookups follow
     * the old originals: a copy linked in that moment names the former original, and the
     * correction of that original re-points it in the index (see the class comment). Written only
     * once the whole poll is decided, a poll rolled back before it leaves no entry re-pointed
     * without its correction published, so its retry finds the same corrections again.
     */
    public void record(Linked linked, Map<String, String> storyByArticle) {
        if (!linked.repointed().isEmpty() || !storyByArticle.isEmpty()) {
            store.record(linked.repointed(), storyByArticle);
        }
    }

    /**
     * Asks the store what {@link #decide} would ask about this batch (the holders of its exact and
     * band keys, then the entries they name) and writes nothing: for the service's start-up, so
     * that its first poll does not meet these requests' code and the store's search paths cold
     * (see {@code Linking#warmUp}).
     */
    public void warmUp(List<ArticleEnriched> batch) {
        Set<String> keys = new LinkedHashSet<>();
        Set<String> ids = new LinkedHashSet<>();
        for (ArticleEnriched article : batch) {
            MinHasher.Signature signature = hasher.signature(article.body());
            if (signature.words() >= settings.minWords()) {
                keys.add(exactKey(article, signature));
                keys.addAll(List.of(signature.bandKeys()));
                ids.add(article.id());
            }
        }
        if (!keys.isEmpty()) {
            ids.addAll(store.holders(keys).values());
            store.entries(ids);
        }
    }

    /**
     * Links the batch: each copy marked, earlier articles it turns out to be the original of
     * corrected; registers the batch, but writes no re-pointed entry ({@link #record} does).
     */
    public Linked decide(List<ArticleEnriched> batch) {
        Map<String, Registration> mine = new HashMap<>();
        Map<String, MinHasher.Signature> signatures = new HashMap<>();
        Map<String, String> exactKeys = new HashMap<>();
        for (ArticleEnriched article : batch) {
            MinHasher.Signature signature = hasher.signature(article.body());
            if (signature.words() >= settings.minWords()) {
                signatures.put(article.id(), signature);
                exactKeys.put(article.id(), exactKey(article, signature));
            }
        }
        if (signatures.isEmpty()) {
            return new Linked(batch, List.of());
        }
        // a verbatim copy of a known article is found by its one exact key: it claims no bands
        Map<String, String> exactHolders = store.holders(exactKeys.values());
        for (ArticleEnriched article : batch) {
            MinHasher.Signature signature = signatures.get(article.id());
            if (signature == null) {
                continue;
            }
            String exact = exactKeys.get(article.id());
            String holder = exactHolders.get(exact);
            String[] keys = holder != null && !holder.equals(article.id()) ? new String[] {exact}
                    : with(signature.bandKeys(), exact);
            Entry entry = new Entry(article.id(), at(article).toEpochMilli(), signature.values(), null, 0);
            mine.put(article.id(), new Registration(entry, keys));
        }
        store.register(List.copyOf(mine.values()));
        // a claim is never overwritten: the exact keys found held before registering need no second read
        Map<String, String> holders = new HashMap<>();
        Set<String> unknown = new HashSet<>();
        for (Registration r : mine.values()) {
            for (String key : r.bandKeys()) {
                String holder = exactHolders.get(key);
                if (holder != null && !holder.equals(r.entry().id())) {
                    holders.put(key, holder);
                } else {
                    unknown.add(key);
                }
            }
        }
        if (!unknown.isEmpty()) {
            holders.putAll(store.holders(unknown));
        }
        Map<String, Set<String>> candidates = new HashMap<>();
        for (Registration r : mine.values()) {
            for (String key : r.bandKeys()) {
                String holder = holders.get(key);
                if (holder != null && !holder.equals(r.entry().id())) {
                    candidates.computeIfAbsent(r.entry().id(), k -> new LinkedHashSet<>()).add(holder);
                    if (mine.containsKey(holder)) { // both in this batch: each sees the other
                        candidates.computeIfAbsent(holder, k -> new LinkedHashSet<>()).add(r.entry().id());
                    }
                }
            }
        }
        if (candidates.isEmpty()) {
            return new Linked(batch, List.of());
        }
        Map<String, Entry> known = entries(candidates.values().stream().flatMap(Set::stream).toList(), mine);
        // of copies published at the same moment, the original seen before this batch stays the
        // original (before its copies, which point at it): wire copies often carry the wire's time,
        // and a tie broken by id alone would make a later, smaller id the original of every copy
        // before it, each corrected (and rewritten in the index)
        Comparator<Entry> earliestSeen = Comparator.comparingLong(Entry::at)
                .thenComparing(e -> mine.containsKey(e.id())).thenComparing(e -> e.original() != null)
                .thenComparing(Entry::id);
        Map<String, ArticleEnriched.DuplicateOf> found = new HashMap<>();
        Map<String, Entry> repointed = new HashMap<>();
        // earliest first, each decision visible to the next: a copy of a copy in this poll follows it to its original
        List<Entry> deciding = candidates.keySet().stream().map(id -> mine.get(id).entry()).sorted(EARLIEST).toList();
        for (Entry self : deciding) {
            List<Entry> copies = new ArrayList<>();
            for (String id : candidates.get(self.id())) {
                Entry other = known.get(id);
                if (other != null && Math.abs(other.at() - self.at()) <= settings.window().toMillis()
                        && self.similarity(other) >= settings.threshold()) {
                    copies.add(other);
                }
            }
            if (copies.isEmpty()) {
                continue;
            }
            Entry earliest = self;
            for (Entry copy : copies) {
                earliest = min(earliestSeen, earliest, min(earliestSeen, copy, root(copy, known)));
            }
            if (earliest == self) {
                for (Entry copy : copies) { // this one came late but is earlier: it is their original now
                    Entry formerRoot = root(copy, known);
                    if (!formerRoot.id().equals(self.id())) {
                        repointed.put(copy.id(), copy.pointingAt(self));
                        if (formerRoot != copy && formerRoot.signature() != null) {
                            repointed.put(formerRoot.id(), formerRoot.pointingAt(self));
                        }
                    }
                }
            } else {
                String originalId = earliest.id();
                Entry original = earliest.signature() != null ? earliest : copies.stream()
                        .filter(c -> c.rootId().equals(originalId)).findFirst().orElse(earliest);
                double similarity = original.signature() != null ? self.similarity(original) : settings.threshold();
                found.put(self.id(), new ArticleEnriched.DuplicateOf(earliest.id(), round(similarity)));
                repointed.put(self.id(), self.pointingAt(earliest));
                known.put(self.id(), self.pointingAt(earliest));
            }
        }
        List<DuplicateCorrection> corrections = corrections(repointed, mine.keySet(), known);
        if (found.isEmpty()) {
            return new Linked(batch, corrections, Map.of(), repointed);
        }
        // the stories of the originals named, as read with their entries: no second read for them
        Map<String, String> storyOfOriginal = new HashMap<>();
        found.values().forEach(original -> {
            Entry entry = known.get(original.id());
            if (entry != null && entry.story() != null) {
                storyOfOriginal.put(original.id(), entry.story());
            }
        });
        return new Linked(batch.stream().map(a -> found.containsKey(a.id()) ? a.withDuplicateOf(found.get(a.id())) : a)
                .toList(), corrections, storyOfOriginal, repointed);
    }

    /**
     * The re-pointed entries of articles published in earlier batches (this batch's own records
     * carry their {@code duplicateOf} already), as corrections naming their new original.
     */
    private List<DuplicateCorrection> corrections(Map<String, Entry> repointed, Set<String> thisBatch,
            Map<String, Entry> known) {
        List<DuplicateCorrection> corrections = new ArrayList<>();
        java.time.Instant now = java.time.Instant.now();
        repointed.values().stream().filter(e -> !thisBatch.contains(e.id())).sorted(EARLIEST).forEach(entry -> {
            Entry original = known.get(entry.original());
            double similarity = original != null && original.signature() != null ? entry.similarity(original)
                    : settings.threshold();
            corrections.add(new DuplicateCorrection(DuplicateCorrection.SCHEMA_VERSION, entry.id(),
                    new ArticleEnriched.DuplicateOf(entry.original(), round(similarity)), now));
        });
        return corrections;
    }

    /**
     * The original an entry leads to, following re-pointed originals a few hops (an original that
     * turned out to be a copy of a late original points on to it); a stand-in without signature
     * when the last one is not loaded.
     */
    private static Entry root(Entry entry, Map<String, Entry> known) {
        Entry at = entry;
        for (int hop = 0; hop < MAX_HOPS && at.original() != null; hop++) {
            Entry next = known.get(at.original());
            if (next == null) {
                return new Entry(at.original(), at.originalAt(), null, null, 0);
            }
            at = next;
        }
        return at;
    }

    /** The candidates' entries and the entries of the originals they point at, this batch's own included. */
    private Map<String, Entry> entries(Collection<String> ids, Map<String, Registration> mine) {
        Map<String, Entry> known = new HashMap<>();
        mine.forEach((id, r) -> known.put(id, r.entry()));
        Set<String> missing = new HashSet<>(ids);
        missing.removeAll(known.keySet());
        known.putAll(store.entries(missing));
        for (int hop = 0; hop < MAX_HOPS; hop++) {
            Set<String> roots = new HashSet<>();
            known.values().forEach(e -> roots.add(e.rootId()));
            roots.removeAll(known.keySet());
            if (roots.isEmpty()) {
                break;
            }
            known.putAll(store.entries(roots));
        }
        return known;
    }

    /**
     * The key of the exact text: the body's content hash when enrichment gave one (the same
     * normalisation), else the whole signature's hash.
     */
    static String exactKey(ArticleEnriched article, MinHasher.Signature signature) {
        if (article.fingerprints() != null && article.fingerprints().contentHash() != null) {
            return "x-" + article.fingerprints().contentHash();
        }
        return "x-" + Integer.toHexString(java.util.Arrays.hashCode(signature.values()));
    }

    private static String[] with(String[] keys, String more) {
        String[] all = java.util.Arrays.copyOf(keys, keys.length + 1);
        all[keys.length] = more;
        return all;
    }

    /** When an article appeared: its publication time, else when it was received. */
    static Instant at(ArticleEnriched article) {
        if (article.publishedAt() != null) {
            return article.publishedAt();
        }
        return article.receivedAt() != null ? article.receivedAt() : Instant.EPOCH;
    }

    private static Entry min(Comparator<Entry> order, Entry a, Entry b) {
        return order.compare(a, b) <= 0 ? a : b;
    }

    private static double round(double similarity) {
        return Math.round(similarity * 100) / 100.0;
    }
}
