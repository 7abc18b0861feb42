package io.newsflow.enrich.extraction;

import java.util.Locale;

/**
 * What a page says around an article rather than in it, recognised in scraped text by the few
 * words every site uses for it. Line shape ({@link TextLine}) tells prose from menus; it cannot tell
 * a photo caption, a newsletter prompt, the publisher's "about us" blurb or a legal notice from
 * the story, because they are sentences too. Their vocabulary does: "Subscribe", "(file photo)",
 * "All rights reserved", "click here". The cues are phrases of page furniture, never of any topic,
 * and most hold across sites and years; the common non-English ones are listed where scrapers meet
 * them (German, French, Spanish, Portuguese, Italian).
 */
final class Furniture {

    /** Agency credits closing a caption: "Julian Assange (AFP)". */
    private static final String[] END_CREDIT = {
        "(afp)", "(reuters)", "(ap)", "(epa)", "(getty images)", "(getty)", "(dpa)", "(xinhua)", "(tass)",
        "(file)", "(file photo)", "(photo)",
    };

    /** Photo and image credits: a line carrying one is a caption, not the story's prose. */
    private static final String[] CAPTION = {
        "(photo", "photo:", "photo by ", "photos:", "photograph:", "photograph by", "file photo", "(file)",
        "(image", "image:", "image credit", "image source:", "credit:", "credits:", "(credit", "getty images",
        "reuters/", "/reuters", "afp/", "/afp", "afp via getty", "ap photo", "/ap photo", " via ap", "epa/", "/epa",
        "shutterstock", "istockphoto", "(pictured", " pictured)", "(illustration", "illustration:", "(screenshot",
        "screenshot:", "(video still", "image copyright", "image caption", "media caption", ", pictured", "foto:", "(foto", "bild:", "(bild", "crédit photo", "fotografía:",
        "(ilustración", "/ dpa", "dpa/", "(c) ap", "xinhua/", "/xinhua", "tass/", "/tass", "photo courtesy",
        "courtesy of ", "(courtesy",
    };

    /**
     * Notices, sign-up boxes and link lists that only a page's footer has: from the first of these
     * near the end, the rest of the page is furniture.
     */
    private static final String[] FOOTER = {
        "subscribe", "subscribe to", "newsletter", "newsletters", "sign up", "sign-up", "signup", "unsubscribe",
        "your inbox", "all rights reserved", "copyright", "may not be reproduced", "may not be published",
        "not be redistributed", "without the prior written", "terms of use", "terms of service",
        "terms and conditions", "privacy policy", "cookie policy", "privacy notice", "related stories",
        "related articles", "related links", "related posts", "related coverage", "related content",
        "related topics", "related news", "more stories", "more on this story", "more on this topic",
        "recommended for you", "you may also like", "you might also like", "you may be interested", "most read",
        "most popular", "most viewed", "trending now", "leave a comment", "leave a reply", "post a comment",
        "comments are closed",
        "add a comment", "view comments", "show comments", "join the conversation", "join the discussion",
        "community rules", "community standards", "community guidelines", "our standards", "trust principles",
        "about us", "contact us", "advertise with us", "republish this article", "creative commons license",
        "foreign agent", "undesirable organization", "undesirable organisation", "legal notice",
        "alle rechte vorbehalten", "newsletter abonnieren", "mehr zum thema", "tous droits réservés",
        "abonnez-vous", "todos los derechos reservados", "suscríbete", "direitos reservados", "inscreva-se",
        "tutti i diritti riservati", "iscriviti",
    };

    /**
     * Prompts that also appear inside an article (an app promo, a "read more" link): they close it
     * only when nothing of substance follows.
     */
    private static final String[] PROMPT = {
        "click here", "tap here", "follow us", "follow him on", "follow her on", "follow me on", "follow them on",
        "on twitter @", "on twitter:", "like us on facebook", "more from", "read more", "read next", "read also",
        "don't miss", "don’t miss",
        "also read", "see also", "related:", "download our app", "download the app", "get the app",
        "share this article", "share this story", "share on facebook", "share on twitter", "share via email",
        "report a typo", "report an error", "have a tip", "send us a tip", "news tip", "contributed to this report",
        "to find out more", "affiliate commission", "may earn a commission", "earn an affiliate", "affiliate links",
        "sponsored content", "support our journalism", "support independent journalism", "become a member",
        "donate now", "please donate", "this article was originally published", "originally appeared",
        "was first published", "in accordance with", "lesen sie auch", "lesen sie mehr", "lire aussi",
        "à lire aussi", "à voir aussi", "lee también", "leer más", "te puede interesar", "leia mais", "leia também",
        "leggi anche",
    };

    /** Residue of video players, ad slots and widgets: never prose, wherever it sits. */
    private static final String[] WIDGET = {
        "modal window", "dialog window", "video player", "playback rate", "captions settings", "subtitles settings",
        "current time 0:", "duration 0:", "remaining time", "stream type live", "loaded: 0", "seek to live",
        "your browser does not support", "enable javascript", "javascript is disabled", "javascript enabled",
        "please upgrade your browser", "to view this video", "this video is not available", "skip ad",
        "scroll to continue", "story continues below", "article continues below", "continue reading below",
        "advertisement - scroll", "ad feedback", "loading video", "video loading", "press play",
        "this content is not available", "no compatible source", "media error", "autoplay",
    };

    /** Lines about the article rather than of it: times, reading time, tags, author credits. */
    private static final String[] META_START = {
        "updated", "posted", "published", "last updated", "filed under", "filed", "tags", "tagged", "topics",
        "reading time", "read time", "tempo de leitura", "lesezeit", "temps de lecture", "tiempo de lectura",
        "share", "sharing", "written by", "words by", "reporting by", "edited by", "source:", "sources:",
        "media caption", "image caption", "image copyright", "photo:", "tested by",
    };
    private static final String[] META_WORDS = {
        "min read", "minute read", "minutes read", "mins read", "contributor", "correspondent", "staff writer",
        "reporter", "columnist", "associated press", "usa today", "senior writer", "senior editor", "editor at",
    };

    /** One-line labels that stand above a headline but are none. */
    private static final String[] LABEL = {
        "breaking news", "breaking", "live", "live updates", "exclusive", "opinion", "analysis", "watch", "video",
        "advertisement", "sponsored", "updated", "developing story", "just in", "top stories", "latest news",
        "news", "most read", "featured",
    };

    /** Words of an author's or publisher's self-description ("X is a reporter...", "Y is a media company"). */
    private static final String[] BIO_ROLE = {
        "reporter", "writer", "editor", "correspondent", "journalist", "columnist", "contributor", "author",
        "producer", "freelance", "covers ", "photographer", "analyst at", "staff writer", "intern",
    };
    private static final String[] BLURB_NOUN = {
        "media organization", "media organisation", "media company", "news organization", "news organisation",
        "news agency", "news service", "publisher", "broadcaster", "newspaper", "magazine", "news site",
        "nonprofit", "non-profit", "provider", "company", "network", "leading", "independent",
    };

    private Furniture() {
    }

    /** A photo caption or a bare credit line. */
    static boolean isCaption(String text) {
        if (text.length() > 400) {
            return false;
        }
        String lower = text.strip().toLowerCase(Locale.ROOT);
        if (lower.startsWith("media caption") || lower.startsWith("image caption") || lower.startsWith("image copyright")) {
            return true;
        }
        for (String e : END_CREDIT) {
            if (lower.endsWith(e)) {
                return true;
            }
        }
        return containsAny(lower, CAPTION);
    }

    /**
     * A credit alone ("Image credit: NASA", "(Photo: Jane Doe/Reuters)", "Getty Images/iStock"): the
     * line above is its caption. A caption with its own credit ("The minister (Credit: Getty)") is not.
     */
    static boolean isBareCredit(String text) {
        String s = text.strip();
        if (s.length() > 70 || !containsAny(s.toLowerCase(Locale.ROOT), CAPTION)) {
            return false;
        }
        if (s.startsWith("(") && s.endsWith(")") || s.startsWith("©") || startsWithAny(s.toLowerCase(Locale.ROOT), CREDIT_START)) {
            return true;
        }
        return s.indexOf('(') < 0 && Titles.words(s) <= 4;
    }

    private static final String[] CREDIT_START = {
        "image", "photo", "picture", "credit", "getty", "reuters", "afp", "ap ", "epa", "source:", "foto", "bild",
        "illustration", "courtesy",
    };

    private static boolean startsWithAny(String lower, String[] prefixes) {
        for (String p : prefixes) {
            if (lower.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** A prompt, notice or navigation cue that ends an article page, footer-only or not. */
    static boolean isClosing(String text) {
        return isFooter(text) || text.length() <= 600 && containsAny(text.toLowerCase(Locale.ROOT), PROMPT);
    }

    /** A notice or sign-up box that only a page's footer has ("© 2024 ...", "Subscribe to our newsletter"). */
    static boolean isFooter(String text) {
        if (text.length() > 600) {
            return false;
        }
        String s = text.stripLeading();
        if (s.startsWith("©") || s.regionMatches(true, 0, "(c) ", 0, 4)) {
            return true;
        }
        return containsAny(text.toLowerCase(Locale.ROOT), FOOTER);
    }

    /** Player, ad and widget residue ("This is a modal window.", "Playback Rate"). */
    static boolean isWidget(String text) {
        return text.length() <= 200 && containsAny(text.toLowerCase(Locale.ROOT), WIDGET);
    }

    /**
     * A line about the article, not its headline: "Updated Nov 19, 6:55 AM", "5 min read", "Filed
     * Under: ...", "Tom Davies Associated Press", "Jane Doe @janedoe", "Media caption ...".
     */
    static boolean isMetaLine(String text) {
        String lower = text.strip().toLowerCase(Locale.ROOT);
        if (startsWithAny(lower, META_START)) {
            return true;
        }
        return Titles.words(text) <= 9 && (lower.indexOf('@') >= 0 || containsAny(lower, META_WORDS));
    }

    /** A one-line label such as "Breaking News" or "Live". */
    static boolean isLabel(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        while (!s.isEmpty() && !Character.isLetterOrDigit(s.charAt(s.length() - 1))) {
            s = s.substring(0, s.length() - 1).strip();
        }
        for (String l : LABEL) {
            if (s.equals(l)) {
                return true;
            }
        }
        return false;
    }

    /**
     * An author's or the publisher's self-description closing a page: "Jane Doe is a reporter
     * covering...", "I am a writer and...", "Acme is a global provider of...", "X joined Y in 2017".
     */
    static boolean isBioOrBlurb(String text) {
        if (text.length() > 700) {
            return false;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("i am a") || lower.startsWith("i'm a") || lower.startsWith("i’m a")) {
            return containsAny(lower, BIO_ROLE);
        }
        int is = subjectVerb(text);
        if (is < 0) {
            return false;
        }
        String rest = lower.substring(is);
        if (rest.startsWith(" joined ")) {
            return true;
        }
        return containsAny(rest, BIO_ROLE) || containsAny(rest, BLURB_NOUN);
    }

    /**
     * Where " is a/an/the" or " joined" follows a name of one to five words at the start of the
     * line (capitalised, or a brand in lower case such as "pv magazine"); -1 otherwise.
     */
    private static int subjectVerb(String text) {
        int words = 0;
        int i = 0;
        int n = Math.min(text.length(), 80);
        while (i < n) {
            int j = i;
            while (j < n && text.charAt(j) != ' ') {
                j++;
            }
            if (j == i) {
                return -1;
            }
            String w = text.substring(i, j);
            if (words > 0 && (w.equals("is") || w.equals("joined") || w.equals("was")) && j < text.length()) {
                if (w.equals("joined")) {
                    return i - 1;
                }
                String after = text.substring(j).toLowerCase(Locale.ROOT);
                return after.startsWith(" a ") || after.startsWith(" an ") || after.startsWith(" the ") ? i - 1 : -1;
            }
            if (++words > 5) {
                return -1;
            }
            i = j + 1;
        }
        return -1;
    }

    /** A truncated teaser ("Plague of mosquitos to devastate Britain as Hurri..."). */
    static boolean isTruncatedTeaser(String text) {
        String s = text.strip();
        return s.length() < 200 && (s.endsWith("...") || s.endsWith("…")) && !s.endsWith(" ...") && !s.endsWith(" …");
    }

    /** Whether a cue occurs as whole words ("subscribe" is not in "subscribers"). */
    static boolean containsAny(String lower, String[] cues) {
        for (String c : cues) {
            int from = 0;
            while (true) {
                int at = lower.indexOf(c, from);
                if (at < 0) {
                    break;
                }
                int end = at + c.length();
                boolean startOk = at == 0 || !Character.isLetterOrDigit(c.charAt(0))
                        || !Character.isLetterOrDigit(lower.charAt(at - 1));
                boolean endOk = end == lower.length() || !Character.isLetterOrDigit(c.charAt(c.length() - 1))
                        || !Character.isLetterOrDigit(lower.charAt(end));
                if (startOk && endOk) {
                    return true;
                }
                from = at + 1;
            }
        }
        return false;
    }
}
