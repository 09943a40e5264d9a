package dev.ocbridge.core.projects;

import dev.ocbridge.core.domain.ProjectInfo;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Projects whose names are nearest to a mistyped one: names that contain it or are contained in it first,
 * then by edit distance, ignoring case.
 */
final class ClosestNames {
    private ClosestNames() {
    }

    static List<ProjectInfo> of(String wanted, List<ProjectInfo> projects, int most) {
        String lowerCaseWanted = wanted.toLowerCase(Locale.ROOT);
        return projects.stream()
                .sorted(Comparator.comparing((ProjectInfo project) -> !overlaps(lowerCaseWanted, lowerCaseName(project)))
                        .thenComparingInt(project -> levenshtein(lowerCaseWanted, lowerCaseName(project)))
                        .thenComparing(ProjectInfo::name, String.CASE_INSENSITIVE_ORDER))
                .limit(most)
                .toList();
    }

    private static String lowerCaseName(ProjectInfo project) {
        return project.name().toLowerCase(Locale.ROOT);
    }

    private static boolean overlaps(String wanted, String name) {
        return name.contains(wanted) || wanted.contains(name);
    }

    static int levenshtein(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
