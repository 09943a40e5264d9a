package dev.ocbridge.app.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4: every line is a {@code # HELP}, a
 * {@code # TYPE}, another comment, blank, or a sample of a family whose type was declared before it. Anything
 * else fails the parse. Samples are kept as {@code name{label="value",...}} with the labels sorted by name.
 */
public final class PrometheusText {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") .*");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{(.*)})? (\\S+)( -?\\d+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\[\\\\\"n])*)\"");
    private static final Set<String> HISTOGRAM_SUFFIXES = Set.of("_bucket", "_sum", "_count");

    private final Map<String, Double> samples;
    private final Map<String, String> types;

    private PrometheusText(Map<String, Double> samples, Map<String, String> types) {
        this.samples = samples;
        this.types = types;
    }

    public static PrometheusText parse(String text) {
        Map<String, Double> samples = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            if (line.isEmpty()) {
                continue;
            }
            Matcher type = TYPE.matcher(line);
            if (type.matches()) {
                if (types.put(type.group(1), type.group(2)) != null) {
                    throw new IllegalArgumentException("line " + number + ": second TYPE for " + type.group(1));
                }
                continue;
            }
            if (line.startsWith("#")) {
                if (line.startsWith("# HELP") && !HELP.matcher(line).matches()) {
                    throw new IllegalArgumentException("line " + number + ": malformed HELP: " + line);
                }
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.matches()) {
                throw new IllegalArgumentException("line " + number + ": not a sample: " + line);
            }
            String name = sample.group(1);
            if (!types.containsKey(family(name, types))) {
                throw new IllegalArgumentException("line " + number + ": no TYPE before sample " + name);
            }
            String key = name + labels(sample.group(3), number);
            if (samples.put(key, value(sample.group(4), number)) != null) {
                throw new IllegalArgumentException("line " + number + ": duplicate sample " + key);
            }
        }
        return new PrometheusText(samples, types);
    }

    /** The value of a sample such as {@code name{a="b"}}; fails when there is no such sample. */
    public double value(String sample) {
        Matcher matcher = SAMPLE.matcher(sample + " 0");
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a sample name: " + sample);
        }
        String key = matcher.group(1) + labels(matcher.group(3), 0);
        Double value = samples.get(key);
        if (value == null) {
            throw new AssertionError("no sample " + key + " among " + samples.keySet());
        }
        return value;
    }

    public Map<String, String> types() {
        return Map.copyOf(types);
    }

    public Set<String> sampleNames() {
        return samples.keySet();
    }

    private static String family(String name, Map<String, String> types) {
        for (String suffix : HISTOGRAM_SUFFIXES) {
            if (name.endsWith(suffix)) {
                String base = name.substring(0, name.length() - suffix.length());
                if (types.containsKey(base)) {
                    return base;
                }
            }
        }
        return name;
    }

    private static String labels(String text, int number) {
        if (text == null) {
            return "";
        }
        Map<String, String> labels = new TreeMap<>();
        List<String> parts = new ArrayList<>();
        Matcher matcher = LABEL.matcher(text);
        int at = 0;
        while (matcher.find()) {
            if (matcher.start() != at) {
                throw new IllegalArgumentException("line " + number + ": malformed labels: " + text);
            }
            if (labels.put(matcher.group(1), matcher.group(2)) != null) {
                throw new IllegalArgumentException("line " + number + ": label twice: " + matcher.group(1));
            }
            at = matcher.end();
            if (at < text.length() && text.charAt(at) == ',') {
                at++;
            }
        }
        if (at != text.length()) {
            throw new IllegalArgumentException("line " + number + ": malformed labels: " + text);
        }
        labels.forEach((name, value) -> parts.add(name + "=\"" + value + "\""));
        return "{" + String.join(",", parts) + "}";
    }

    private static double value(String text, int number) {
        switch (text) {
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            case "NaN":
                return Double.NaN;
            default:
                try {
                    return Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("line " + number + ": not a value: " + text);
                }
        }
    }
}
