package dev.ocbridge.adapter.mattermost.ws;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import dev.ocbridge.core.testing.fuzz.FuzzRun;
import dev.ocbridge.core.testing.fuzz.FuzzedJson;
import dev.ocbridge.core.testing.fuzz.Generator;
import dev.ocbridge.core.testing.fuzz.JsonCodec;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The websocket frame decoder on 10,000 generated and mutated frames per property, made from frames as a
 * Mattermost 10 server sends them. Seeds are fixed, so every run tries the same inputs and a failure reproduces.
 */
class FrameDecoderFuzzTest {
    /** Long enough to say what was wrong; short enough that a hostile frame cannot flood the log. */
    private static final int MAX_REASON = 500;
    private static final JsonAdapter<Object> ANY = new Moshi.Builder().build().adapter(Object.class).serializeNulls();
    private static final JsonCodec JSON = JsonCodec.of(ANY::fromJson, ANY::toJson);
    private static final List<String> RECORDED = recordedFrames();

    private final FrameDecoder decoder = new FrameDecoder(new Moshi.Builder().build());
    private final FuzzedJson frames = new FuzzedJson(RECORDED, JSON);

    @Test
    void anyTextDecodesToAFrameWithAShortReasonWithoutThrowingOrHanging() {
        FuzzRun.Tally outcomes = FuzzRun.seeded(20261201).check(frames.anything(), text -> {
            Frame frame = decoder.decode(text);

            assertThat(frame).isNotNull();
            assertThat(reason(frame).length()).as("length of the reason given").isLessThanOrEqualTo(MAX_REASON);
            return frame.getClass().getSimpleName();
        });

        assertThat(outcomes.share("Event")).isGreaterThan(0.03);
        assertThat(outcomes.share("Skipped")).isGreaterThan(0.03);
        assertThat(outcomes.share("Malformed")).isGreaterThan(0.03);
        assertThat(outcomes.share("Reply")).isGreaterThan(0.01);
    }

    @Test
    void aRecordedFrameAfterGarbageDecodesAsItDoesAlone() {
        FrameDecoder fresh = new FrameDecoder(new Moshi.Builder().build());
        Generator<List<String>> garbage = frames.anything().lists(1, 3);
        Generator<String> recorded = frames.samples();

        FuzzRun.seeded(20261202).check(r -> new GarbageThen(garbage.next(r), recorded.next(r)), input -> {
            input.garbage().forEach(decoder::decode);

            assertThat(decoder.decode(input.frame())).isEqualTo(fresh.decode(input.frame()));
            return null;
        });
    }

    @Test
    void membersTheDecoderDoesNotKnowAndTheOrderOfMembersChangeNothing() {
        FuzzRun.seeded(20261203).check(frames.withUnknownMembers(2), frame -> {
            assertThat(decoder.decode(frame.variant())).isEqualTo(decoder.decode(frame.original()));
            return null;
        });
    }

    @Test
    void aFrameWhosePostOrReactionIsCorruptedInsideStillCountsInTheSequence() {
        FuzzedJson payloadFrames = new FuzzedJson(RECORDED.stream()
                .filter(frame -> decoder.decode(frame) instanceof Frame.Event && frame.contains(":\"{")).toList(), JSON);

        FuzzRun.Tally outcomes = FuzzRun.seeded(20261204).check(payloadFrames.withNestedJsonCorrupted(), frame -> {
            Frame.Event original = (Frame.Event) decoder.decode(frame.original());

            Frame corrupted = decoder.decode(frame.variant());

            assertThat(corrupted).isInstanceOfAny(Frame.Event.class, Frame.Skipped.class);
            assertThat(sequenceNumber(corrupted)).isEqualTo(original.seq());
            return corrupted.getClass().getSimpleName();
        });

        assertThat(outcomes.share("Skipped")).isGreaterThan(0.2);
    }

    private record GarbageThen(List<String> garbage, String frame) {
    }

    private static String reason(Frame frame) {
        if (frame instanceof Frame.Skipped skipped) {
            return Objects.requireNonNull(skipped.why(), "why") + skipped.name();
        }
        if (frame instanceof Frame.Malformed malformed) {
            return Objects.requireNonNull(malformed.why(), "why");
        }
        return "";
    }

    private static long sequenceNumber(Frame frame) {
        return frame instanceof Frame.Event event ? event.seq() : ((Frame.Skipped) frame).seq();
    }

    private static List<String> recordedFrames() {
        try (InputStream in = FrameDecoderFuzzTest.class.getResourceAsStream("/mattermost-frames.jsonl")) {
            if (in == null) {
                throw new IllegalStateException("the recorded frames are missing from the test resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
