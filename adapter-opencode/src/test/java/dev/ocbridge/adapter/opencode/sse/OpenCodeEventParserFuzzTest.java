package dev.ocbridge.adapter.opencode.sse;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import dev.ocbridge.core.testing.fuzz.FuzzRun;
import dev.ocbridge.core.testing.fuzz.FuzzedJson;
import dev.ocbridge.core.testing.fuzz.Generator;
import dev.ocbridge.core.testing.fuzz.JsonCodec;
import dev.ocbridge.core.testing.fuzz.LogWatch;
import dev.ocbridge.core.testing.fuzz.RandomJson;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.ocbridge.core.testing.fuzz.Generator.weight;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SSE event parser on 10,000 generated and mutated events per property, made from every event recorded
 * from a real OpenCode 1.18.33. Seeds are fixed, so every run tries the same inputs and a failure reproduces.
 */
class OpenCodeEventParserFuzzTest {
    /** A line a person can read in a log: the parser quotes an excerpt of a bad event, not the event. */
    private static final int MAX_LOG_LINE = 1_000;
    private static final Moshi MOSHI = new Moshi.Builder().build();
    private static final JsonAdapter<Object> ANY = MOSHI.adapter(Object.class).serializeNulls();
    private static final JsonCodec JSON = JsonCodec.of(ANY::fromJson, ANY::toJson);
    private static final List<List<String>> CAPTURES = RecordedStreams.all().stream().map(RecordedStreams::lines)
            .toList();

    private final FuzzedJson events = new FuzzedJson(CAPTURES.stream().flatMap(List::stream).toList(), JSON);

    @Test
    void anyDataIsParsedWithoutThrowingOrHangingAndBadDataIsLoggedInShortLines() {
        OpenCodeEventParser parser = parser();
        FuzzRun.Tally outcomes;

        try (LogWatch log = new LogWatch(OpenCodeEventParser.class)) {
            outcomes = FuzzRun.seeded(20261211).check(events.anything(), data -> {
                log.reset();

                ParsedEvent parsed = parser.parse(data);

                assertThat(parsed.type()).isNotNull();
                assertThat(parsed.events()).doesNotContainNull();
                assertThat(log.longestLine().length()).as("longest log line").isLessThanOrEqualTo(MAX_LOG_LINE);
                return parsed.events().isEmpty() ? (parsed.type().isEmpty() ? "unreadable" : "no events") : "events";
            });
        }

        assertThat(outcomes.share("events")).isGreaterThan(0.1);
        assertThat(outcomes.share("unreadable")).isGreaterThan(0.1);
        assertThat(parser.stats().malformed()).isGreaterThan(FuzzRun.TRIES / 10);
    }

    @Test
    void whateverItIsFedTheParserKeepsCountOfABoundedNumberOfUnknownTypes() {
        OpenCodeEventParser parser = parser();
        RandomJson random = new RandomJson(List.of("type", "properties", "sessionID"));
        Generator<String> newTypes = r -> JSON.write(Map.of("type", random.string(r), "properties", random.object(r, 2)));

        FuzzRun.seeded(20261212).check(Generator.weighted(weight(1, newTypes), weight(1, events.anything())), data -> {
            parser.parse(data);
            return null;
        });

        assertThat(parser.stats().unknown()).isGreaterThan(FuzzRun.TRIES / 4);
        assertThat(parser.stats().unknownTypes()).hasSizeLessThanOrEqualTo(OpenCodeEventParser.MAX_UNKNOWN_TYPES);
        assertThat(parser.stats().unknownTypes().keySet()).allSatisfy(type -> assertThat(type).hasSizeLessThan(300));
    }

    @Test
    void recordedEventsAmidGarbageAreParsedAsIfTheUnreadableGarbageHadNeverBeenSent() {
        // Garbage made from the same capture names the same sessions, messages and parts as the events around it.
        List<FuzzedJson> sameCapture = CAPTURES.stream().map(capture -> new FuzzedJson(capture, JSON)).toList();
        Generator<List<String>> streams = r -> {
            int index = r.nextInt(CAPTURES.size());
            List<String> capture = CAPTURES.get(index);
            Generator<String> garbage = r.nextBoolean() ? sameCapture.get(index).mutated() : events.anything();
            int from = r.nextInt(capture.size());
            List<String> stream = new ArrayList<>(capture.subList(from, Math.min(capture.size(), from + 1 + r.nextInt(10))));
            int bad = 1 + r.nextInt(4);
            for (int i = 0; i < bad; i++) {
                stream.add(r.nextInt(stream.size() + 1), garbage.next(r));
            }
            return stream;
        };

        FuzzRun.Tally runs = FuzzRun.seeded(20261213).check(streams, stream -> {
            OpenCodeEventParser withGarbage = parser();
            OpenCodeEventParser withoutUnreadable = parser();
            List<ParsedEvent> parsed = new ArrayList<>();
            List<ParsedEvent> expected = new ArrayList<>();
            int rejected = 0;

            for (String data : stream) {
                long malformedBefore = withGarbage.stats().malformed();
                ParsedEvent event = withGarbage.parse(data);
                if (withGarbage.stats().malformed() > malformedBefore) {
                    assertThat(event.events()).isEmpty();
                    rejected++;
                } else {
                    parsed.add(event);
                    expected.add(withoutUnreadable.parse(data));
                }
            }

            assertThat(parsed).isEqualTo(expected);
            return rejected > 0 ? "garbage rejected" : null;
        });

        assertThat(runs.share("garbage rejected")).isGreaterThan(0.5);
    }

    @Test
    void membersTheParserDoesNotKnowAndTheOrderOfMembersChangeNothing() {
        FuzzRun.seeded(20261214).check(events.withUnknownMembers(1), event -> {
            assertThat(parser().parse(event.variant())).isEqualTo(parser().parse(event.original()));
            return null;
        });
    }

    /** A fresh parser; the Moshi instance, which caches what it learnt of the wire types, is shared. */
    private static OpenCodeEventParser parser() {
        return new OpenCodeEventParser(MOSHI);
    }
}
