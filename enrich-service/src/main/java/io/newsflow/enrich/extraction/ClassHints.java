package io.newsflow.enrich.extraction;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the intent that authors encode in {@code class} and {@code id} names. These names are the
 * most portable signal across CMSs (WordPress, Arc, Brightspot, Drupal...), so the keyword lists
 * here are generic page-furniture vocabulary, never names taken from particular sites.
 */
final class ClassHints {

    /** Element is page furniture even if it also carries a positive word ("article-share"). */
    static final int STRONG_NEGATIVE = 1;
    /** Element is probably furniture unless it also carries a positive word. */
    static final int WEAK_NEGATIVE = 2;
    /** Element probably holds the article. */
    static final int POSITIVE = 4;
    /** Element explicitly holds the article body (itemprop=articleBody and kin). */
    static final int BODY = 8;
    /** Element names the author (byline, author name). */
    static final int BYLINE = 16;

    /**
     * Class strings repeat heavily within a page and across a site's pages, and classifying one
     * costs ~150 substring scans; results are memoised in a bounded, thread-safe map.
     */
    private static final int CACHE_LIMIT = 50_000;
    private static final ConcurrentHashMap<String, Integer> CACHE = new ConcurrentHashMap<>();

    private static final String[] STRONG_NEG = {
        "comment", "share", "sharing", "social", "related", "recommend", "newsletter", "subscri",
        "signup", "sign-up", "promo", "sponsor", "advert", "sidebar", "breadcrumb", "caption",
        "byline", "author", "popup", "modal", "cookie", "consent", "disqus", "outbrain", "taboola",
        "most-read", "mostread", "most-popular", "popular", "trending", "more-stories", "morestories",
        "read-more", "readmore", "read-next", "readnext", "up-next", "upnext", "teaser", "footer",
        "masthead", "navbar", "navigation", "pagination", "pager", "credit", "copyright", "disclaimer",
        "jump-link", "skip-link", "skiplink", "toolbar", "print-only", "screen-reader", "sr-only",
        "visually-hidden", "visuallyhidden", "offscreen", "login", "donate", "rating",
        "tag-list", "taglist", "tags-list", "article-tags", "post-tags", "entry-tags", "topics-list",
        "keywords", "timestamp", "dateline-box", "bio", "profile", "inline-ad", "ad-slot", "adslot",
        "ad-container", "adcontainer", "ad-wrapper", "adwrapper", "dfp", "gpt-", "banner",
        "overlay", "embed-video", "video-player", "videoplayer", "jwplayer", "media-player", "audio-player",
        "player-container", "player-wrapper", "playlist", "carousel",
        "slideshow", "gallery-thumb", "affiliate", "shop", "partner", "feedback", "survey",
        "alert-bar", "ticker", "lightbox", "tooltip", "menu", "dropdown", "header-",
        "-header", "site-header", "masthead", "flyout", "drawer", "search"
    };

    private static final String[] WEAK_NEG = {
        "meta", "tags", "tag", "nav", "ad", "ads", "adv", "aside", "links", "hero", "header", "utility",
        "tools", "actions", "icons", "date", "time", "label", "kicker", "media", "video", "audio", "figure",
        "image", "img", "photo", "gallery", "foot", "contact", "follow", "signature", "next", "prev", "rail",
        "col-right", "secondary", "complementary", "feed", "more", "widget", "thumbnail",
        "paywall"
    };

    private static final String[] POS = {
        "article", "body", "content", "entry", "main", "post", "text", "story", "blog", "hentry",
        "prose", "rich-text", "richtext", "paragraph", "detail", "news", "page-content", "copy"
    };

    private static final String[] BODY_NAMES = {
        "articlebody", "article-body", "article__body", "articlebody", "article_body", "story-body",
        "storybody", "story__body", "story-content", "entry-content", "post-content", "post-body",
        "postbody", "article-content", "articlecontent", "article__content", "article-text",
        "articletext", "story-text", "body-text", "bodytext", "news-text", "main-text", "text-body"
    };

    private static final String[] NONE = {};

    private ClassHints() {
    }

    /** Bit set of the constants above for one element's class, id and itemprop. */
    static int of(String className, String id, String itemprop) {
        if (className.isEmpty() && id.isEmpty() && itemprop.isEmpty()) {
            return 0;
        }
        String key = id.isEmpty() && itemprop.isEmpty() ? className : className + '\u0001' + id + '\u0001' + itemprop;
        Integer cached = CACHE.get(key);
        if (cached != null) {
            return cached;
        }
        int flags = classify(className, id, itemprop);
        if (CACHE.size() >= CACHE_LIMIT) {
            CACHE.clear();
        }
        CACHE.put(key, flags);
        return flags;
    }

    private static int classify(String className, String id, String itemprop) {
        int flags = 0;
        String prop = itemprop.toLowerCase(Locale.ROOT);
        if (prop.contains("articlebody")) {
            flags |= BODY | POSITIVE;
        }
        if (prop.equals("author")) {
            flags |= BYLINE;
        }
        if (className.isEmpty() && id.isEmpty()) {
            return flags;
        }
        String cls = className.toLowerCase(Locale.ROOT);
        if (cls.contains("byline") || containsToken(cls, "author") || cls.contains("author-name")
                || cls.contains("author__name")) {
            flags |= BYLINE;
        }
        String s = withoutTaxonomy(cls) + " " + id.toLowerCase(Locale.ROOT);
        for (String k : BODY_NAMES) {
            if (s.contains(k)) {
                flags |= BODY | POSITIVE;
                break;
            }
        }
        for (String k : POS) {
            if (s.contains(k)) {
                flags |= POSITIVE;
                break;
            }
        }
        // Embedded posts (tweets, Instagram) quoted by the story live in "social-embed" wrappers.
        boolean embed = s.contains("embed") && !s.contains("video") && !s.contains("player");
        for (String k : (flags & BODY) != 0 ? NONE : STRONG_NEG) {
            if (containsWordish(s, k) && !(embed && (k.startsWith("social") || k.startsWith("shar")))) {
                flags |= STRONG_NEGATIVE;
                break;
            }
        }
        if ((flags & STRONG_NEGATIVE) == 0 && !embed) {
            for (String k : WEAK_NEG) {
                if (containsToken(s, k)) {
                    flags |= WEAK_NEGATIVE;
                    break;
                }
            }
        }
        return flags;
    }

    /**
     * CMSs echo an article's own tags and categories into class names ("tag-comments",
     * "category-social-media"); those words describe the story, not the element, so they are dropped.
     */
    static String withoutTaxonomy(String cls) {
        if (cls.indexOf("tag-") < 0 && cls.indexOf("category-") < 0 && cls.indexOf("topic-") < 0
                && cls.indexOf("format-") < 0 && cls.indexOf("status-") < 0 && cls.indexOf("type-") < 0) {
            return cls;
        }
        StringBuilder b = new StringBuilder(cls.length());
        for (String token : cls.split(" ")) {
            if (token.startsWith("tag-") || token.startsWith("category-") || token.startsWith("topic-")
                    || token.startsWith("format-") || token.startsWith("status-") || token.startsWith("type-")
                    || token.startsWith("has-")) {
                continue;
            }
            b.append(token).append(' ');
        }
        return b.toString();
    }

    /** Hints that must start a word: "bio" is not in "audiobiography", "menu" not in "submenu". */
    private static final java.util.Set<String> WORD_START_HINTS = java.util.Set.of("bio", "shop", "menu",
            "search", "ticker", "banner", "popular", "partner", "profile", "rating", "credit", "overlay", "survey");

    /**
     * Substring match, but refusing a few notorious false friends: "share" inside "shared", "bio"
     * inside "biology", "menu" inside "menuitem" is fine. Only cheap checks: this runs per element.
     */
    private static boolean containsWordish(String s, String k) {
        boolean mustStartWord = WORD_START_HINTS.contains(k);
        return anyOccurrence(s, k, (i, end) -> {
            boolean wordStart = i == 0 || !Character.isLetter(s.charAt(i - 1));
            boolean startOk = mustStartWord ? wordStart : wordStart || k.length() >= 6;
            boolean endOk = end >= s.length() || !Character.isLetter(s.charAt(end)) || k.length() >= 6
                    || s.charAt(end) == 's';
            if (k.equals("comment") && s.startsWith("ary", end)) {
                endOk = false; // "commentary" is an article genre, not a comment thread
            }
            return startOk && endOk;
        });
    }

    /** Whole-token match where tokens are split on anything but letters and digits. */
    static boolean containsToken(String s, String k) {
        return anyOccurrence(s, k, (i, end) -> (i == 0 || !Character.isLetterOrDigit(s.charAt(i - 1)))
                && (end >= s.length() || !Character.isLetterOrDigit(s.charAt(end))));
    }

    /** Whether some occurrence of {@code k} in {@code s}, at [start, end), passes the test. */
    private static boolean anyOccurrence(String s, String k, Occurrence test) {
        for (int i = s.indexOf(k); i >= 0; i = s.indexOf(k, i + 1)) {
            if (test.accepts(i, i + k.length())) {
                return true;
            }
        }
        return false;
    }

    private interface Occurrence {
        boolean accepts(int start, int end);
    }
}
