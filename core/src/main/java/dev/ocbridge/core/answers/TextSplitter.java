package dev.ocbridge.core.answers;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts text into chunks no longer than a limit, preferring a paragraph break, then a line break, then a
 * space. Cuts depend only on the text before them, so chunks already sent stay the same as text grows.
 */
public final class TextSplitter {
    private final int limit;

    public TextSplitter(int limit) {
        if (limit < 2) {
            throw new IllegalArgumentException("limit must be at least 2");
        }
        this.limit = limit;
    }

    public List<String> split(String text) {
        List<String> chunks = new ArrayList<>();
        int start = 0;
        while (text.length() - start > limit) {
            int cut = cutPoint(text, start);
            chunks.add(text.substring(start, cut));
            start = cut;
        }
        chunks.add(text.substring(start));
        return chunks;
    }

    private int cutPoint(String text, int start) {
        int end = start + limit;
        int notBefore = start + limit / 2;
        int paragraph = text.lastIndexOf("\n\n", end - 2);
        if (paragraph >= notBefore) {
            return paragraph + 2;
        }
        int line = text.lastIndexOf('\n', end - 1);
        if (line >= notBefore) {
            return line + 1;
        }
        int space = text.lastIndexOf(' ', end - 1);
        if (space >= notBefore) {
            return space + 1;
        }
        return Character.isLowSurrogate(text.charAt(end)) ? end - 1 : end;
    }
}
