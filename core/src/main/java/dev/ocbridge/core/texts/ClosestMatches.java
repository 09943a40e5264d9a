package dev.ocbridge.core.texts;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * What to suggest when someone types a name that does not exist (a model, an agent, a project): the
 * candidates most like it, best first. Case does not count; a candidate that starts with or contains what
 * was typed beats one that is merely few edits away.
 */
public final class ClosestMatches {
    private ClosestMatches() {
    }

    public static List<String> among(String typed, Collection<String> candidates, int limit) {
        return among(typed, candidates, List::of, limit);
    }

    /** As {@link #among(String, Collection, int)}, a candidate matching by the best of its names. */
    public static <T> List<T> among(String typed, Collection<T> candidates, Function<T, List<String>> names,
                                    int limit) {
        String wanted = normal(typed);
        return candidates.stream()
                .map(candidate -> new Scored<>(candidate, names.apply(candidate).stream()
                        .map(name -> Score.of(wanted, normal(name)))
                        .min(Comparator.naturalOrder())
                        .orElse(Score.WORST)))
                .sorted(Comparator.comparing(Scored::score))
                .limit(limit)
                .map(Scored::candidate)
                .toList();
    }

    private static String normal(String text) {
        return text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    }

    private record Scored<T>(T candidate, Score score) {
    }

    /**
     * Lower is closer: how the name contains what was typed, then the edits between them, then length; equally
     * close names in alphabetical order, so that suggestions do not depend on the order the server lists them in.
     */
    private record Score(int tier, int distance, int length, String name) implements Comparable<Score> {
        static final Score WORST = new Score(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, "");
        private static final Comparator<Score> ORDER = Comparator.comparingInt(Score::tier)
                .thenComparingInt(Score::distance).thenComparingInt(Score::length).thenComparing(Score::name);

        static Score of(String typed, String name) {
            int tier = name.equals(typed) ? 0 : name.startsWith(typed) ? 1 : name.contains(typed) ? 2 : 3;
            return new Score(tier, editDistance(typed, name), name.length(), name);
        }

        @Override
        public int compareTo(Score other) {
            return ORDER.compare(this, other);
        }

        /** Levenshtein distance: insertions, deletions and substitutions of one character each. */
        private static int editDistance(String a, String b) {
            int[] previous = new int[b.length() + 1];
            int[] current = new int[b.length() + 1];
            for (int j = 0; j <= b.length(); j++) {
                previous[j] = j;
            }
            for (int i = 1; i <= a.length(); i++) {
                current[0] = i;
                for (int j = 1; j <= b.length(); j++) {
                    int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                    current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
                }
                int[] swap = previous;
                previous = current;
                current = swap;
            }
            return previous[b.length()];
        }
    }
}
