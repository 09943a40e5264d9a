package dev.ocbridge.core.testing.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Breaks text and bytes the ways a cut connection, a bad disk, a crash mid-write or a hostile peer would:
 * truncated, cut and spliced, stray JSON punctuation, lone surrogates, broken escapes, nesting deeper than any
 * parser allows, two documents in one, and (for bytes) flipped bits and invalid UTF-8.
 */
public final class TextMutator {
    private static final List<String> GARBAGE = List.of("\uD800", "\uDFFF", "\uDC00\uD800", "\\u", "\\uD800",
            "\\uDFFF\\uD800", "\\uZZZZ", "\\x41", "\"", "\\", "}", "]", "{", "[", ",", ":", ",,", "null", "NaN",
            "-", "1e999", "-1e999", "0x1F", "\u0000", "\u001F", "\uFFFF", "\uFEFF", "/*", "//", "'", "}{", "]]]]",
            "\n", "\"\":", "{\"\":{}}", "\"\\u0000\"");
    private static final byte[][] INVALID_UTF8 = {
            {(byte) 0xFF}, {(byte) 0xFE}, {(byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xC3, (byte) 0x28},
            {(byte) 0xE2, (byte) 0x82}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80},
            {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, {0}};

    private TextMutator() {
    }

    /** One to three breakages. */
    public static String corrupt(String text, Random r) {
        String corrupted = text;
        int changes = 1 + r.nextInt(3);
        for (int i = 0; i < changes; i++) {
            corrupted = corruptOnce(corrupted, r);
        }
        return corrupted;
    }

    private static String corruptOnce(String text, Random r) {
        int at = r.nextInt(text.length() + 1);
        int to = at + r.nextInt(text.length() - at + 1);
        switch (r.nextInt(10)) {
            case 0:
                return text.substring(0, at);
            case 1:
                return text.substring(0, at) + text.substring(to);
            case 2:
                return text.substring(0, to) + text.substring(at, to) + text.substring(to);
            case 3:
            case 4:
                return text.substring(0, at) + GARBAGE.get(r.nextInt(GARBAGE.size())) + text.substring(at);
            case 5:
                return text.isEmpty() ? GARBAGE.get(r.nextInt(GARBAGE.size()))
                        : text.substring(0, Math.min(at, text.length() - 1)) + (char) r.nextInt(0x10000)
                        + text.substring(Math.min(at, text.length() - 1) + 1);
            case 6:
                return r.nextBoolean() ? text + text : text + "\n" + text.substring(0, at);
            case 7: {
                int depth = 256 + r.nextInt(5_000);
                return r.nextBoolean()
                        ? "[".repeat(depth) + text + "]".repeat(depth)
                        : "{\"a\":".repeat(depth) + text + "}".repeat(depth);
            }
            case 8:
                return "[".repeat(1 + r.nextInt(100_000));
            default:
                return text.substring(0, at) + RandomJson.randomText(r, 1 + r.nextInt(20)) + text.substring(to);
        }
    }

    /** Breakages of the text, or of its bytes: flipped bits, invalid UTF-8, a file cut short or zeroed. */
    public static byte[] corrupt(byte[] bytes, Random r) {
        byte[] corrupted = bytes;
        int changes = 1 + r.nextInt(3);
        for (int i = 0; i < changes; i++) {
            corrupted = corruptOnce(corrupted, r);
        }
        return corrupted;
    }

    private static byte[] corruptOnce(byte[] bytes, Random r) {
        int at = r.nextInt(bytes.length + 1);
        switch (r.nextInt(6)) {
            case 0: {
                byte[] flipped = bytes.clone();
                int flips = 1 + r.nextInt(5);
                for (int i = 0; i < flips && flipped.length > 0; i++) {
                    flipped[r.nextInt(flipped.length)] ^= (byte) (1 << r.nextInt(8));
                }
                return flipped;
            }
            case 1:
            case 2: {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(bytes, 0, at);
                byte[] invalid = INVALID_UTF8[r.nextInt(INVALID_UTF8.length)];
                out.write(invalid, 0, invalid.length);
                out.write(bytes, at, bytes.length - at);
                return out.toByteArray();
            }
            case 3:
                return Arrays.copyOf(bytes, at);
            case 4: {
                byte[] zeroed = bytes.clone();
                Arrays.fill(zeroed, at, at + r.nextInt(bytes.length - at + 1), (byte) 0);
                return zeroed;
            }
            default:
                return corrupt(new String(bytes, StandardCharsets.UTF_8), r).getBytes(StandardCharsets.UTF_8);
        }
    }
}
