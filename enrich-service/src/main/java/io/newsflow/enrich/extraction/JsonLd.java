package io.newsflow.enrich.extraction;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Navigates schema.org JSON-LD as publishers actually write it: objects nested in arrays and
 * {@code @graph}s, {@code @type} given as a string or a list, people given as strings, objects or
 * lists of either.
 */
final class JsonLd {

    private static final int MAX_NODES = 5000;

    private JsonLd() {
    }

    /** The most article-like object across all blocks, or null. */
    static Map<String, Object> findArticle(List<String> sources) {
        Map<String, Object> best = null;
        int bestRank = 0;
        for (String src : sources) {
            Object root = LenientJson.parse(src);
            if (root == null) {
                continue;
            }
            Deque<Object> todo = new ArrayDeque<>();
            todo.push(root);
            int seen = 0;
            while (!todo.isEmpty() && seen++ < MAX_NODES) {
                Object o = todo.pop();
                if (o instanceof List<?> l) {
                    for (int i = l.size() - 1; i >= 0; i--) {
                        todo.push(l.get(i));
                    }
                } else if (o instanceof Map<?, ?> raw) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> m = (Map<String, Object>) raw;
                    int rank = rank(m);
                    if (rank > bestRank) {
                        best = m;
                        bestRank = rank;
                    }
                    Object graph = m.get("@graph");
                    if (graph != null) {
                        todo.push(graph);
                    }
                    Object main = m.get("mainEntity");
                    if (main instanceof Map || main instanceof List) {
                        todo.push(main);
                    }
                }
            }
        }
        return best;
    }

    private static int rank(Map<String, Object> m) {
        int r = 0;
        if (isArticleType(m)) {
            r += 4;
        } else if (typeContains(m, "webpage")) {
            r += 1;
        } else {
            return 0;
        }
        if (m.get("headline") != null) {
            r += 2;
        }
        if (m.get("articleBody") != null) {
            r += 2;
        }
        return r;
    }

    static boolean isArticleType(Map<String, Object> m) {
        return typeContains(m, "article") || typeContains(m, "blogposting") || typeContains(m, "report")
                || typeContains(m, "liveblogposting") || typeContains(m, "posting");
    }

    private static boolean typeContains(Map<String, Object> m, String needle) {
        Object t = m.get("@type");
        if (t instanceof String s) {
            return s.toLowerCase(Locale.ROOT).contains(needle);
        }
        if (t instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof String s && s.toLowerCase(Locale.ROOT).contains(needle)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A plain string value; the first element for lists; null for anything else or blank. */
    static String string(Object o) {
        if (o instanceof String s) {
            return s.isBlank() ? null : s.strip();
        }
        if (o instanceof List<?> l && !l.isEmpty()) {
            return string(l.get(0));
        }
        if (o instanceof Map<?, ?> m) {
            Object v = m.get("@value");
            return v instanceof String s ? s : null;
        }
        return null;
    }

    static String firstName(Object o) {
        List<String> n = names(o);
        return n.isEmpty() ? null : n.get(0);
    }

    static List<String> names(Object o) {
        List<String> out = new ArrayList<>();
        collectNames(o, out, 0);
        return out;
    }

    private static void collectNames(Object o, List<String> out, int depth) {
        if (depth > 3 || o == null) {
            return;
        }
        if (o instanceof String s) {
            String t = s.strip();
            if (!t.isEmpty() && !MetadataReader.looksLikeUrl(t) && !out.contains(t)) {
                out.add(t);
            }
        } else if (o instanceof List<?> l) {
            for (Object x : l) {
                collectNames(x, out, depth + 1);
            }
        } else if (o instanceof Map<?, ?> m) {
            Object name = m.get("name");
            if (name instanceof String) {
                collectNames(name, out, depth + 1);
            }
        }
    }

    /** [url, caption] of a schema.org image value, or null. */
    static String[] image(Object o) {
        if (o instanceof String s) {
            return s.isBlank() ? null : new String[] {s.strip(), null};
        }
        if (o instanceof List<?> l) {
            return l.isEmpty() ? null : image(l.get(0));
        }
        if (o instanceof Map<?, ?> m) {
            String url = string(m.get("url"));
            if (url == null) {
                url = string(m.get("contentUrl"));
            }
            if (url == null) {
                return null;
            }
            String caption = string(m.get("caption"));
            if (caption == null) {
                caption = string(m.get("description"));
            }
            return new String[] {url, caption};
        }
        return null;
    }

    static String url(Object o) {
        if (o instanceof String s) {
            return s.isBlank() ? null : s.strip();
        }
        if (o instanceof Map<?, ?> m) {
            String id = string(m.get("@id"));
            return id != null ? id : string(m.get("url"));
        }
        return null;
    }
}
