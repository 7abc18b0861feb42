package io.newsflow.tools.bench;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Writes the report: maps, lists, strings, numbers, booleans and nulls, indented. */
final class Json {

    private Json() {
    }

    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, "");
        return out.append('\n').toString();
    }

    private static void write(Object value, StringBuilder out, String indent) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            out.append(Corpus.jsonString(s));
        } else if (value instanceof Double d) {
            out.append(d.isNaN() || d.isInfinite() ? "null" : number(d));
        } else if (value instanceof Float f) {
            write(f.doubleValue(), out, indent);
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                out.append("{}");
                return;
            }
            String inner = indent + "  ";
            out.append("{\n");
            Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
            while (entries.hasNext()) {
                Map.Entry<?, ?> entry = entries.next();
                out.append(inner).append(Corpus.jsonString(String.valueOf(entry.getKey()))).append(": ");
                write(entry.getValue(), out, inner);
                out.append(entries.hasNext() ? ",\n" : "\n");
            }
            out.append(indent).append('}');
        } else if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                out.append("[]");
                return;
            }
            String inner = indent + "  ";
            out.append("[\n");
            for (int i = 0; i < list.size(); i++) {
                out.append(inner);
                write(list.get(i), out, inner);
                out.append(i < list.size() - 1 ? ",\n" : "\n");
            }
            out.append(indent).append(']');
        } else {
            out.append(Corpus.jsonString(value.toString()));
        }
    }

    /** Three decimals at most, no exponent for the magnitudes a report has. */
    private static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return new java.math.BigDecimal(d).setScale(3, java.math.RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString();
    }
}
