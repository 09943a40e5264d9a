package dev.ocbridge.core.testing.fuzz;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random JSON trees (see {@link JsonCodec}) whose member names, and some of whose strings, are the format's own
 * words, so that generated documents reach past the first "is this a frame at all" check into the decoder.
 */
public final class RandomJson {
    /** Strings that have broken parsers before: empty, blank, NUL, quotes, JSON inside JSON, bidi, emoji, numbers. */
    static final List<String> AWKWARD_STRINGS = List.of("", " ", "\u0000", "\"", "\\", "\n\r\t", "null", "{",
            "[]", "{\"a\":", "{}", "é", "\uD83D\uDE00", "\u202Eevil", "0", "-1", "1e999", "true", "NaN",
            "2026-11-21T12:12:58.282Z", "1970-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "\uFEFF");
    private static final List<Object> AWKWARD_NUMBERS = List.of(0L, -1L, 1L, Long.MAX_VALUE, Long.MIN_VALUE,
            1.5, -0.0, 1e308, -1e308, 4.9e-324, 9.007199254740993E15, 1.795263178282E12, (double) Long.MAX_VALUE);

    private final List<String> words;

    /** {@code words}: member names and enumerated values (event types, statuses) of the format under test. */
    public RandomJson(List<String> words) {
        if (words.isEmpty()) {
            throw new IllegalArgumentException("give the format's words");
        }
        this.words = List.copyOf(words);
    }

    /** Any JSON value, nested at most {@code depth} containers deep. */
    public Object value(Random random, int depth) {
        switch (random.nextInt(depth > 0 ? 9 : 6)) {
            case 0:
                return null;
            case 1:
                return random.nextBoolean();
            case 2:
                return number(random);
            case 3:
            case 4:
                return string(random);
            case 5:
                return name(random);
            case 6:
            case 7:
                return object(random, depth - 1);
            default:
                return array(random, depth - 1);
        }
    }

    public Map<String, Object> object(Random random, int depth) {
        Map<String, Object> object = new LinkedHashMap<>();
        int members = random.nextInt(7);
        for (int i = 0; i < members; i++) {
            object.put(name(random), value(random, depth));
        }
        return object;
    }

    public List<Object> array(Random random, int depth) {
        List<Object> array = new ArrayList<>();
        int elements = random.nextInt(5);
        for (int i = 0; i < elements; i++) {
            array.add(value(random, depth));
        }
        return array;
    }

    /** One of the format's words, most of the time. */
    public String name(Random random) {
        return random.nextInt(5) == 0 ? string(random) : words.get(random.nextInt(words.size()));
    }

    public Object number(Random random) {
        switch (random.nextInt(4)) {
            case 0:
                return AWKWARD_NUMBERS.get(random.nextInt(AWKWARD_NUMBERS.size()));
            case 1:
                return random.nextLong();
            case 2:
                return (long) random.nextInt(1000);
            default:
                return (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(30));
        }
    }

    /** Awkward strings, random text from all of Unicode (surrogate pairs included), ids and times. */
    public String string(Random random) {
        switch (random.nextInt(4)) {
            case 0:
                return AWKWARD_STRINGS.get(random.nextInt(AWKWARD_STRINGS.size()));
            case 1:
                return randomText(random, random.nextInt(40));
            case 2:
                return randomId(random);
            default:
                return Instant.ofEpochMilli(random.nextLong() % 253_402_300_799_000L).toString();
        }
    }

    static String randomText(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(4)) {
                case 0:
                    text.append((char) random.nextInt(0x20));
                    break;
                case 1:
                    text.appendCodePoint(0x20 + random.nextInt(0x5F));
                    break;
                case 2:
                    text.appendCodePoint(0xA0 + random.nextInt(0xD7FF - 0xA0));
                    break;
                default:
                    text.appendCodePoint(0x10000 + random.nextInt(0x10FFFF - 0x10000));
            }
        }
        return text.toString();
    }

    private static String randomId(Random random) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder id = new StringBuilder();
        int length = 1 + random.nextInt(30);
        for (int i = 0; i < length; i++) {
            id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return id.toString();
    }
}
