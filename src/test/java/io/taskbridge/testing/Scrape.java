package io.taskbridge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads samples out of a Prometheus text-format scrape. */
public final class Scrape {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)$");

    private Scrape() {}

    /** The value of the one sample of {@code name} whose labels include {@code labels} (name, value pairs); 0 when none. */
    public static double value(String scrape, String name, String... labels) {
        List<Double> found = samples(scrape, name, labels);
        assertThat(found).as("samples of %s %s", name, List.of(labels)).hasSizeLessThanOrEqualTo(1);
        return found.isEmpty() ? 0 : found.get(0);
    }

    /** The sum of every sample of {@code name}. */
    public static double sum(String scrape, String name) {
        return samples(scrape, name).stream().mapToDouble(Double::doubleValue).sum();
    }

    private static List<Double> samples(String scrape, String name, String... labels) {
        return scrape.lines().filter(l -> !l.startsWith("#")).map(SAMPLE::matcher).filter(Matcher::matches)
                .filter(s -> s.group(1).equals(name))
                .filter(s -> hasLabels(Optional.ofNullable(s.group(3)).orElse(""), labels))
                .map(s -> Double.parseDouble(s.group(4))).toList();
    }

    private static boolean hasLabels(String labels, String... pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            if (!labels.contains(pairs[i] + "=\"" + pairs[i + 1] + "\"")) {
                return false;
            }
        }
        return true;
    }
}
