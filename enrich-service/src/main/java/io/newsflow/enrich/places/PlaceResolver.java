package io.newsflow.enrich.places;

import io.newsflow.enrich.data.LoadedOnce;
import io.newsflow.enrich.places.Gazetteer.Sense;
import io.newsflow.enrich.places.PlaceScanner.Hit;
import io.newsflow.enrich.places.PlaceScanner.Source;
import io.newsflow.enrich.text.TextAnalysis;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the places an article is about: countries, first-level regions and cities with map
 * coordinates, the countries by weight, the primary country and one point for the map.
 *
 * <p>Matching is a gazetteer look-up over the shared tokens ({@link PlaceScanner}); location
 * mentions from the entity recognizer vouch for the scan's hits they cover and are looked up
 * where the scan found nothing. The gazetteer
 * comes from GeoNames (towns, regions, coordinates, population) and country packages (names in
 * the main news languages), plus our own demonyms and news spellings; see
 * {@code enrich-service/data/places/README.md}.
 *
 * <p>Names with several meanings (Georgia, Paris, Washington) are settled per article, one meaning
 * for all mentions of a name, by a score: a prior from the place's size and kind (a country over
 * a state, a capital over its namesakes), plus the support the rest of the article gives it: its
 * country named by other mentions, its region named (a region: towns inside it), towns within
 * 200 km, its continent present. A qualifier ("Paris, Texas", "Atlanta, Ga.") settles it
 * outright. Two passes let a settled name inform an unsettled one. Towns then have to earn
 * belief by their size ({@link Entry#contextNeed()}): names that are common words or first names
 * and small towns count only with their region or nearby towns named, or with "in"/"near" and
 * their country, which keeps "Reading" and "Charlotte" out of articles that are not about England
 * or Carolina; a town the article also uses as a surname ("Anthony Davis") needs "in"/"near".
 * A statistical model was not used: there is no labelled toponym data in the registries, and these
 * few rules are explainable, fast and easy to correct with data.
 *
 * <p>Immutable and thread-safe; build once with {@link #standard()} and share.
 */
public final class PlaceResolver {

    private static final double TITLE_WEIGHT = 2;
    private static final double DATELINE_WEIGHT = 3;
    private static final double DEMONYM_WEIGHT = 0.5;
    private static final double COUNTRY_SUPPORT = 2.5;
    private static final double REGION_SUPPORT = 3;
    /**
     * Per other town nearby (a city) or inside (a region), up to three: weaker than naming the
     * region, and by distance rather than by region, so London does not make Washington English.
     */
    private static final double NEIGHBOUR_SUPPORT = 1;
    private static final double NEIGHBOUR_KM = 200;
    private static final double CONTINENT_SUPPORT = 0.5;
    /** A nationality supports its country less than a place does ("Georgians" may live in Atlanta). */
    private static final double DEMONYM_SUPPORT = 1;

    private static final LoadedOnce<PlaceResolver> STANDARD = LoadedOnce.of(() -> new PlaceResolver(Gazetteer.load()));

    private final Gazetteer gazetteer;
    private final PlaceScanner scanner;

    PlaceResolver(Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
        this.scanner = new PlaceScanner(gazetteer);
    }

    /** The resolver over the bundled gazetteer, loaded once per JVM. */
    public static PlaceResolver standard() {
        return STANDARD.get();
    }

    /**
     * True if the name, as a whole, is a country, region or city of the gazetteer ("Kyiv",
     * "kiev", "New York", "Côte d'Ivoire"), for the entity recognizer. Nationalities are not
     * places: see {@link #isDemonym(String)}.
     */
    public boolean isKnownPlace(String name) {
        Gazetteer.Names names = name == null ? null : gazetteer.lookup(Gazetteer.key(name));
        if (names == null || names.stop()) {
            return false;
        }
        for (Sense s : names.senses()) {
            if (!s.demonym()) {
                return true;
            }
        }
        return false;
    }

    /** True if the word is a nationality or country adjective ("Ukrainian", "Israelis"). */
    public boolean isDemonym(String word) {
        Gazetteer.Names names = word == null ? null : gazetteer.lookup(Gazetteer.key(word));
        if (names == null || names.stop()) {
            return false;
        }
        for (Sense s : names.senses()) {
            if (s.demonym()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The places of one article.
     *
     * @param title            the headline, may be null
     * @param body             the segmented body; location mentions' offsets refer to it
     * @param datelinePlace    the place of the dateline as written ("KYIV, Ukraine", "MINSK"), may be null
     * @param locationMentions location mentions from the entity recognizer, may be empty or null
     */
    public PlaceAnalysis resolve(String title, TextAnalysis body, String datelinePlace,
                                 List<Mention> locationMentions) {
        List<Group> groups = groups(title, body, datelinePlace, locationMentions);
        return groups.isEmpty() ? PlaceAnalysis.EMPTY : summarise(groups);
    }

    /**
     * The body offsets of the place names that were believed, demonyms excluded: for measuring
     * against annotated text and for callers that want to mark places in the body.
     */
    List<int[]> placeSpans(TextAnalysis body, List<Mention> locationMentions) {
        List<int[]> spans = new ArrayList<>();
        for (Group g : groups(null, body, null, locationMentions)) {
            if (g.accepted && !g.chosen.demonym()) {
                for (Hit h : g.hits) {
                    if (h.start() >= 0 && !h.title()) {
                        spans.add(new int[] {h.start(), h.end()});
                    }
                }
            }
        }
        spans.sort(Comparator.comparingInt(a -> a[0]));
        return spans;
    }

    private List<Group> groups(String title, TextAnalysis body, String datelinePlace, List<Mention> locationMentions) {
        PlaceScanner.Found found = new PlaceScanner.Found();
        List<Hit> hits = found.hits();
        if (body != null) {
            scanner.scan(body, false, found);
        }
        if (locationMentions != null && !locationMentions.isEmpty()) {
            addRecognized(locationMentions, hits);
        }
        if (title != null && !title.isBlank()) {
            scanner.scan(TextAnalysis.of(title), true, found);
        }
        Hit dateline = dateline(datelinePlace);
        if (dateline != null) {
            hits.add(dateline);
        }
        if (hits.isEmpty()) {
            return List.of();
        }
        List<Group> groups = group(hits, found.glued());
        settle(groups);
        return groups;
    }

    /**
     * Recognizer mentions: a scan hit they cover becomes trusted (the recognizer saw a location
     * where the scan alone would want more context); elsewhere they are looked up as a whole.
     */
    private void addRecognized(List<Mention> mentions, List<Hit> hits) {
        int scanned = hits.size();
        // the scan's hits by start, so each mention looks only at the hits that can overlap it
        // (a text naming a place tens of thousands of times must not cost mentions x hits)
        Integer[] byStart = new Integer[scanned];
        int longest = 0;
        for (int i = 0; i < scanned; i++) {
            byStart[i] = i;
            longest = Math.max(longest, hits.get(i).end() - hits.get(i).start());
        }
        java.util.Arrays.sort(byStart, java.util.Comparator.comparingInt(i -> hits.get(i).start()));
        for (Mention m : mentions) {
            if (m == null || m.text() == null) {
                continue;
            }
            boolean covered = false;
            // hits starting before the mention ends, walked back while they may still reach it
            for (int k = firstStartingAtOrAfter(hits, byStart, m.end()) - 1; k >= 0; k--) {
                int i = byStart[k];
                Hit h = hits.get(i);
                if (h.start() + longest <= m.start()) {
                    break;
                }
                if (h.start() < m.end() && m.start() < h.end()) {
                    covered = true;
                    if (h.source() == Source.TEXT && !onlyDemonyms(h.senses())) {
                        hits.set(i, new Hit(h.key(), h.senses(), h.start(), h.end(), h.title(), false, h.locative(),
                                h.qualifier(), Source.RECOGNIZER));
                    }
                }
            }
            if (covered) {
                continue;
            }
            String key = Gazetteer.key(m.text());
            Gazetteer.Names names = gazetteer.lookup(key);
            if (names == null || names.stop()) {
                continue;
            }
            List<Sense> places = names.senses().stream().filter(s -> !s.demonym()).toList();
            if (!places.isEmpty()) {
                hits.add(new Hit(key, places, m.start(), m.end(), false, false, false, List.of(), Source.RECOGNIZER));
            }
        }
    }

    private static int firstStartingAtOrAfter(List<Hit> hits, Integer[] byStart, int position) {
        int low = 0;
        int high = byStart.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (hits.get(byStart[mid]).start() < position) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private static boolean onlyDemonyms(List<Sense> senses) {
        for (Sense s : senses) {
            if (!s.demonym()) {
                return false;
            }
        }
        return true;
    }

    /** "KYIV, Ukraine", "ATLANTA, Ga.", "MINSK": the place, narrowed by what follows the comma. */
    private Hit dateline(String place) {
        if (place == null || place.isBlank()) {
            return null;
        }
        int comma = place.indexOf(',');
        String head = (comma < 0 ? place : place.substring(0, comma)).strip();
        String tail = comma < 0 ? "" : place.substring(comma + 1).strip();
        List<Entry> qualifier = tail.isEmpty() ? null : gazetteer.qualifier(Gazetteer.key(tail));
        String key = Gazetteer.key(head);
        Gazetteer.Names names = key.isEmpty() ? null : gazetteer.lookup(key);
        if (names != null && !names.stop()) {
            return new Hit(key, names.senses(), -1, -1, false, false, false,
                    qualifier == null ? List.of() : qualifier, Source.DATELINE);
        }
        if (qualifier != null && !qualifier.isEmpty()) {
            // an unknown town in a known country or state: the dateline still gives the country
            List<Sense> senses = qualifier.stream().map(e -> new Sense(e, false)).toList();
            return new Hit(Gazetteer.key(tail), senses, -1, -1, false, false, false, List.of(), Source.DATELINE);
        }
        return null;
    }

    /** One name of the article with all its hits: one meaning per name and article. */
    private static final class Group {
        final String key;
        final List<Hit> hits = new ArrayList<>(2);
        List<Sense> senses;
        Sense chosen;
        boolean qualified;
        boolean trusted;
        boolean glued;
        boolean accepted = true;

        Group(String key, List<Sense> senses) {
            this.key = key;
            this.senses = senses;
        }
    }

    private static List<Group> group(List<Hit> hits, Set<String> glued) {
        Map<String, Group> byKey = new LinkedHashMap<>();
        for (Hit h : hits) {
            Group g = byKey.computeIfAbsent(h.key(), k -> new Group(k, h.senses()));
            g.glued = glued.contains(h.key());
            g.hits.add(h);
            if (h.source() != Source.TEXT) {
                g.trusted = true;
            }
            if (!g.qualified && !h.qualifier().isEmpty()) {
                List<Sense> narrowed = narrow(g.senses, h.qualifier());
                if (!narrowed.isEmpty()) {
                    g.senses = narrowed;
                    g.qualified = true;
                }
            }
        }
        return new ArrayList<>(byKey.values());
    }

    private static List<Sense> narrow(List<Sense> senses, List<Entry> qualifier) {
        List<Sense> out = new ArrayList<>(senses.size());
        for (Sense s : senses) {
            for (Entry q : qualifier) {
                boolean inside = q.kind() == Entry.Kind.REGION
                        ? s.entry().regionId().equals(q.id())
                        : s.entry().countryCode().equals(q.countryCode());
                if (inside && s.entry() != q) {
                    out.add(s);
                    break;
                }
            }
        }
        return out;
    }

    /** Chooses a meaning for every name, then drops names whose meaning the article doesn't support. */
    private void settle(List<Group> groups) {
        for (Group g : groups) {
            g.chosen = best(g, null);
        }
        for (int pass = 0; pass < 2; pass++) {
            Support support = new Support(groups, false);
            for (Group g : groups) {
                if (g.senses.size() > 1) {
                    g.chosen = best(g, support);
                }
            }
        }
        // "Georgia" settled as the US state: then "Georgians" are its people, not the country's
        Set<String> overruled = new HashSet<>();
        for (Group g : groups) {
            for (Sense s : g.senses) {
                if (s.entry().kind() == Entry.Kind.COUNTRY && !s.demonym() && s.entry() != g.chosen.entry()) {
                    overruled.add(s.entry().countryCode());
                }
            }
        }
        Support anchors = new Support(groups, true);
        Support all = new Support(groups, false);
        for (Group g : groups) {
            g.accepted = g.chosen.demonym() && overruled.contains(g.chosen.entry().countryCode())
                    ? all.countryOthers(g.chosen.entry().countryCode(), g) > 0
                    : believed(g, anchors, all);
        }
    }

    /**
     * Whether a settled name is believed. A town the article also uses as a surname ("Anthony
     * Davis" ... "Davis scored") needs a preposition of place before it somewhere. Towns that
     * need context ({@link Entry#contextNeed()}) need their country or region named by a name
     * that itself needs none, a town nearby, or a preposition of place ("in Sochi"); common-word,
     * first-name and small towns need their region, or a preposition of place ("in Nice", "near
     * Bakhmut") and their country or a town nearby. Three
     * or more towns close together vouch for each other (a local story naming Melbourne, Rockledge
     * and Titusville is about Florida even if it never says so).
     */
    private static boolean believed(Group g, Support anchors, Support all) {
        Entry e = g.chosen.entry();
        if (g.trusted || g.qualified || g.chosen.demonym()) {
            return true;
        }
        boolean located = false;
        boolean strong = false;
        for (Hit h : g.hits) {
            located |= h.locative();
            strong |= !h.weak();
        }
        if (g.glued && e.kind() == Entry.Kind.CITY && !located) {
            return false;
        }
        boolean named = anchors.namedRegionOthers(e.regionId(), g) > 0;
        boolean country = anchors.countryOthers(e.countryCode(), g) > 0;
        return switch (e.contextNeed()) {
            case Entry.ALONE -> true;
            case Entry.COUNTRY -> named || country || anchors.neighbours(e, g) > 0 || located && strong;
            default -> named || all.neighbours(e, g) >= 2
                    || located && (anchors.neighbours(e, g) > 0 || strong && country);
        };
    }

    private Sense best(Group g, Support support) {
        Sense best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (Sense s : g.senses) {
            Entry e = s.entry();
            double score = e.prior();
            if (support != null) {
                if (support.countryOthers(e.countryCode(), g) > 0) {
                    score += COUNTRY_SUPPORT;
                } else if (support.demonymOthers(e.countryCode(), g) > 0) {
                    score += DEMONYM_SUPPORT;
                }
                if (e.kind() == Entry.Kind.REGION) {
                    if (support.namedRegionOthers(e.regionId(), g) > 0 || support.inside(e, g, rivals(g)) > 0) {
                        score += REGION_SUPPORT;
                    }
                } else if (e.kind() == Entry.Kind.CITY) {
                    if (support.namedRegionOthers(e.regionId(), g) > 0) {
                        score += REGION_SUPPORT;
                    }
                    score += NEIGHBOUR_SUPPORT * Math.min(support.neighbours(e, g), 3);
                }
                if (support.continentOthers(e.continent(), g) > 0) {
                    score += CONTINENT_SUPPORT;
                }
            }
            if (score > bestScore) {
                best = s;
                bestScore = score;
            }
        }
        return best;
    }

    /** The town senses of a name: a region named like a town is not supported by that town's suburbs. */
    private static List<Entry> rivals(Group g) {
        List<Entry> out = new ArrayList<>(2);
        for (Sense s : g.senses) {
            if (s.entry().kind() == Entry.Kind.CITY) {
                out.add(s.entry());
            }
        }
        return out;
    }

    /** What the names of an article, as currently settled, say about countries, regions and continents. */
    private static final class Support {
        private final Map<String, Integer> countries = new HashMap<>();
        private final Map<String, Integer> demonyms = new HashMap<>();
        private final List<Group> towns = new ArrayList<>();
        private final Map<String, Integer> namedRegions = new HashMap<>();
        private final Map<String, Integer> continents = new HashMap<>();
        private final Set<Group> counted = Collections.newSetFromMap(new IdentityHashMap<>());

        Support(List<Group> groups, boolean anchorsOnly) {
            for (Group g : groups) {
                if (!g.accepted || anchorsOnly && !isAnchor(g)) {
                    continue;
                }
                counted.add(g);
                Entry e = g.chosen.entry();
                (g.chosen.demonym() ? demonyms : countries).merge(e.countryCode(), 1, Integer::sum);
                continents.merge(e.continent(), 1, Integer::sum);
                if (e.kind() == Entry.Kind.CITY) {
                    towns.add(g);
                }
                if (e.kind() == Entry.Kind.REGION) {
                    namedRegions.merge(e.regionId(), 1, Integer::sum);
                }
            }
        }

        private static boolean isAnchor(Group g) {
            Entry e = g.chosen.entry();
            return g.trusted || g.qualified || g.chosen.demonym()
                    || !e.needsContext() && !(g.glued && e.kind() == Entry.Kind.CITY);
        }

        /** Place names other than {@code self} that point into the country. */
        int countryOthers(String code, Group self) {
            boolean mine = own(self) && !self.chosen.demonym() && self.chosen.entry().countryCode().equals(code);
            return countries.getOrDefault(code, 0) - (mine ? 1 : 0);
        }

        /** Nationalities other than {@code self} of the country. */
        int demonymOthers(String code, Group self) {
            boolean mine = own(self) && self.chosen.demonym() && self.chosen.entry().countryCode().equals(code);
            return demonyms.getOrDefault(code, 0) - (mine ? 1 : 0);
        }

        /** Other names' towns inside the region that lie 100 km or more from every rival town sense. */
        int inside(Entry region, Group self, List<Entry> rivals) {
            int n = 0;
            for (Group g : towns) {
                Entry town = g.chosen.entry();
                if (g == self || !town.regionId().equals(region.id())) {
                    continue;
                }
                boolean far = true;
                for (Entry rival : rivals) {
                    far &= km(rival, town) >= 100;
                }
                if (far) {
                    n++;
                }
            }
            return n;
        }

        /** Other names' towns inside the region, or within 200 km of the town. */
        int neighbours(Entry place, Group self) {
            int n = 0;
            for (Group g : towns) {
                Entry town = g.chosen.entry();
                if (g == self || town == place) {
                    continue;
                }
                boolean near = place.kind() == Entry.Kind.REGION
                        ? town.regionId().equals(place.id())
                        : place.kind() == Entry.Kind.CITY && km(place, town) < NEIGHBOUR_KM;
                if (near) {
                    n++;
                }
            }
            return n;
        }

        /** Names other than {@code self} that are the region itself ("Texas"). */
        int namedRegionOthers(String id, Group self) {
            Entry own = self.chosen.entry();
            boolean mine = own(self) && own.kind() == Entry.Kind.REGION && own.regionId().equals(id);
            return namedRegions.getOrDefault(id, 0) - (mine ? 1 : 0);
        }

        int continentOthers(String continent, Group self) {
            boolean mine = own(self) && self.chosen.entry().continent().equals(continent);
            return continents.getOrDefault(continent, 0) - (mine ? 1 : 0);
        }

        private boolean own(Group self) {
            return counted.contains(self);
        }
    }

    /** Distance on the sphere, equirectangular: exact enough at a few hundred kilometres. */
    static double km(Entry a, Entry b) {
        double dLon = Math.abs(a.lon() - b.lon());
        if (dLon > 180) {
            dLon = 360 - dLon;
        }
        double x = Math.toRadians(dLon) * Math.cos(Math.toRadians((a.lat() + b.lat()) / 2));
        double y = Math.toRadians(a.lat() - b.lat());
        return 6371 * Math.sqrt(x * x + y * y);
    }

    /** Weighs the settled names into places, countries, the primary country and the map point. */
    private PlaceAnalysis summarise(List<Group> groups) {
        Map<Entry, Tally> places = new IdentityHashMap<>();
        Map<String, Double> countryWeight = new LinkedHashMap<>();
        Entry datelineEntry = null;
        for (Group g : groups) {
            if (!g.accepted) {
                continue;
            }
            Entry e = g.chosen.entry();
            double unit = g.chosen.demonym() ? DEMONYM_WEIGHT : 1;
            for (Hit h : g.hits) {
                double w = unit * (h.source() == Source.DATELINE ? DATELINE_WEIGHT : h.title() ? TITLE_WEIGHT : 1);
                places.computeIfAbsent(e, k -> new Tally(k, places.size())).add(w);
                countryWeight.merge(e.countryCode(), w, Double::sum);
                if (h.source() == Source.DATELINE) {
                    datelineEntry = e;
                }
            }
        }
        if (places.isEmpty()) {
            return PlaceAnalysis.EMPTY;
        }
        List<Tally> ordered = new ArrayList<>(places.values());
        ordered.sort(Comparator.comparingInt((Tally t) -> -t.mentions)
                .thenComparingDouble(t -> -t.weight)
                .thenComparingInt(t -> t.order));
        List<Place> out = new ArrayList<>(ordered.size());
        for (Tally t : ordered) {
            Entry e = t.entry;
            out.add(new Place(e.name(), e.countryCode(), e.kindName(), e.lat(), e.lon(), t.mentions));
        }
        List<String> countries = new ArrayList<>(countryWeight.keySet());
        countries.sort(Comparator.comparingDouble((String c) -> -countryWeight.get(c)));
        String datelineCountry = datelineEntry == null ? null : datelineEntry.countryCode();
        String primary = datelineCountry != null ? datelineCountry : countries.get(0);
        return new PlaceAnalysis(out, countries, primary, location(ordered, primary, datelineEntry), datelineCountry);
    }

    /** The dateline place, else the top city, else the top region, else the country's middle. */
    private GeoPoint location(List<Tally> ordered, String primary, Entry dateline) {
        if (dateline != null && dateline.kind() != Entry.Kind.COUNTRY && dateline.countryCode().equals(primary)) {
            return new GeoPoint(dateline.lat(), dateline.lon());
        }
        for (Entry.Kind kind : new Entry.Kind[] {Entry.Kind.CITY, Entry.Kind.REGION}) {
            for (Tally t : ordered) {
                if (t.entry.kind() == kind && t.entry.countryCode().equals(primary)) {
                    return new GeoPoint(t.entry.lat(), t.entry.lon());
                }
            }
        }
        Entry country = gazetteer.country(primary);
        return country == null ? null : new GeoPoint(country.lat(), country.lon());
    }

    private static final class Tally {
        final Entry entry;
        final int order;
        int mentions;
        double weight;

        Tally(Entry entry, int order) {
            this.entry = entry;
            this.order = order;
        }

        void add(double w) {
            mentions++;
            weight += w;
        }
    }
}
