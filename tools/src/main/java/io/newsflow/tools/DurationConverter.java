package io.newsflow.tools;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Durations on the command line as people write them: 500ms, 30s, 2m (seconds without a unit).
 * picocli's built-in conversion wants ISO-8601 ({@code PT30S}), which nobody types.
 */
public final class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m)?");

    @Override
    public Duration convert(String value) {
        Matcher m = DURATION.matcher(value.trim());
        if (!m.matches()) {
            throw new TypeConversionException("'" + value + "' is not a duration such as 500ms, 30s or 2m");
        }
        double amount = Double.parseDouble(m.group(1));
        double millis = switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> amount;
            case "m" -> amount * 60_000;
            default -> amount * 1000;
        };
        return Duration.ofMillis(Math.round(millis));
    }
}
