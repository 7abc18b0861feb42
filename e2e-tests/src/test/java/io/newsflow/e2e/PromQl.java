package io.newsflow.e2e;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads: what is left once label matchers, ranges,
 * grouping clauses, strings and numbers are taken out, less PromQL's own words. Enough for the
 * board's queries (aggregations, rate, histogram_quantile, arithmetic); not a PromQL parser.
 */
final class PromQl {

    private static final Set<String> WORDS = Set.of("sum", "avg", "min", "max", "count", "rate", "irate",
            "increase", "histogram_quantile", "by", "without", "on", "ignoring", "group_left", "group_right",
            "and", "or", "unless", "topk", "bottomk", "abs", "clamp_min", "clamp_max", "offset", "bool");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private PromQl() {
    }

    static Set<String> metricNames(String expression) {
        String bare = expression.replaceAll("\"[^\"]*\"", "")
                .replaceAll("\\{[^}]*}", "")
                .replaceAll("\\[[^\\]]*]", "")
                .replaceAll("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)", "");
        Set<String> names = new LinkedHashSet<>();
        Matcher m = NAME.matcher(bare);
        while (m.find()) {
            if (!WORDS.contains(m.group())) {
                names.add(m.group());
            }
        }
        return names;
    }
}
