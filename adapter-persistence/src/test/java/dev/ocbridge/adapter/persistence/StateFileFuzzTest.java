package dev.ocbridge.adapter.persistence;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import dev.ocbridge.core.domain.ModelRef;
import dev.ocbridge.core.domain.PromptChoices;
import dev.ocbridge.core.domain.RequestKind;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.error.StateStoreException;
import dev.ocbridge.core.testing.MappingStoreContract;
import dev.ocbridge.core.testing.fuzz.FuzzRun;
import dev.ocbridge.core.testing.fuzz.FuzzedJson;
import dev.ocbridge.core.testing.fuzz.Generator;
import dev.ocbridge.core.testing.fuzz.JsonCodec;
import dev.ocbridge.core.testing.fuzz.JsonMutator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static dev.ocbridge.core.testing.MappingStoreContract.mapping;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The state-file codec, and the store loading a damaged file, on generated and mutated documents made from valid
 * state files (the OpenCode plugin's and this bridge's). Seeds are fixed, so every run tries the same inputs.
 */
class StateFileFuzzTest {
    /** Reasons go into the log and the recovery notice: long enough to say what was wrong, no longer. */
    private static final int MAX_REASON = 500;
    /** Loading a file touches the disk several times (lock, copy aside, fsync): fewer inputs than in memory. */
    private static final int FILE_TRIES = 1_000;
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    /** Nothing is scheduled to run in these tests: every write they make is a mapping's, written at once. */
    private static final JsonFileMappingStore.Options OPTIONS = new JsonFileMappingStore.Options(CLOCK,
            (delay, task) -> () -> { }, Runnable::run, Duration.ofDays(30));
    private static final JsonAdapter<Object> ANY = new Moshi.Builder().build().adapter(Object.class).serializeNulls();
    private static final JsonCodec JSON = JsonCodec.of(ANY::fromJson, ANY::toJson);
    private static final List<String> REQUIRED_IN_A_MAPPING = List.of("sessionId", "threadRootPostId",
            "mattermostUserId", "dmChannelId", "status", "createdAt");
    private static final List<String> TEXTS_OF_A_MAPPING = List.of("shortId", "projectName", "directory",
            "sessionTitle", "lastActivityAt", "endedAt");
    private static final List<String> REQUIRED_IN_A_CURSOR = List.of("channelId", "lastPostAt");
    /** Values a text or a time of an entry can never be. */
    private static final List<Object> NEVER_VALID = List.of(Map.of("nested", "object"), List.of("an", "array"),
            true, "", "  ");
    private static final List<String> SAMPLES = samples();
    /**
     * Text that is not Unicode (a JSON escape of half a surrogate pair) cannot be written as UTF-8: Moshi writes
     * "?" in its place. Such text is the one thing a load and a write may change; what is written then stays.
     * (Patterns match code points, so only a surrogate without its other half matches.)
     */
    private static final Pattern UNPAIRED_SURROGATE = Pattern.compile("[\\uD800-\\uDFFF]");

    private final StateFileCodec codec = new StateFileCodec();
    private final FuzzedJson documents = new FuzzedJson(SAMPLES, JSON);

    @TempDir
    Path directory;

    @Test
    void anyBytesAreReadWithoutThrowingOrHangingAndWhatLoadsIsWrittenBackReadably() {
        FuzzRun.Tally outcomes = FuzzRun.seeded(20261221).check(documents.bytes(), bytes -> {
            StateFileCodec.Reading reading = codec.decode(bytes);

            if (reading instanceof StateFileCodec.Unreadable unreadable) {
                assertThat(unreadable.reason().length()).as("length of the reason").isLessThanOrEqualTo(MAX_REASON);
                return "unreadable";
            }
            if (reading instanceof StateFileCodec.TooNew) {
                return "too new";
            }
            StateFileCodec.Readable readable = (StateFileCodec.Readable) reading;
            assertThat(validUtf8(bytes)).as("read although not UTF-8").isTrue();
            assertThat(readable.skippedEntries()).allSatisfy(
                    entry -> assertThat(entry.length()).as("length of the reason").isLessThanOrEqualTo(MAX_REASON));
            byte[] written = codec.encode(readable.state(), NOW);
            StateFileCodec.Readable again = (StateFileCodec.Readable) codec.decode(written);
            assertThat(again.skippedEntries()).isEmpty();
            assertThat(codec.encode(again.state(), NOW)).isEqualTo(written);
            if (!UNPAIRED_SURROGATE.matcher(readable.state().toString()).find()) {
                assertThat(again.state()).isEqualTo(readable.state());
            }
            return readable.skippedEntries().isEmpty() ? "readable" : "readable without bad entries";
        });

        assertThat(outcomes.share("unreadable")).isGreaterThan(0.2);
        assertThat(outcomes.share("readable")).isGreaterThan(0.05);
        assertThat(outcomes.share("readable without bad entries")).isGreaterThan(0.05);
        assertThat(outcomes.share("too new")).isGreaterThan(0.001);
    }

    @Test
    void aReadableFileWithBadEntriesLoadsEveryGoodEntryAndNamesEachBadOne() {
        List<String> withEntries = SAMPLES.stream().filter(sample -> sample.contains("sessionId")).toList();

        FuzzRun.seeded(20261222).check(r -> withBadEntries(withEntries.get(r.nextInt(withEntries.size())), r), file -> {
            StateFileCodec.Readable good = (StateFileCodec.Readable) codec.decode(utf8(file.good()));

            StateFileCodec.Reading reading = codec.decode(utf8(file.damaged()));

            assertThat(reading).isInstanceOfSatisfying(StateFileCodec.Readable.class, readable -> {
                assertThat(readable.state().mappings()).isEqualTo(good.state().mappings());
                assertThat(readable.state().cursors()).isEqualTo(good.state().cursors());
                assertThat(readable.skippedEntries()).hasSize(file.badEntries());
            });
            return null;
        });
    }

    @Test
    void aDamagedFileIsKeptAsideAsItWasAndReportedAndTheStoreGoesOnWithoutLosingWhatItLoaded() {
        FuzzRun.Tally outcomes = FuzzRun.seeded(20261223).tries(FILE_TRIES).check(documents.bytes(), bytes -> {
            Path folder = Files.createTempDirectory(directory, "try");
            Path file = folder.resolve("mattermost-threads.json");
            Files.write(file, bytes);
            try {
                return loadAndGoOn(file, bytes);
            } finally {
                deleteAll(folder);
            }
        });

        assertThat(outcomes.share("kept aside")).isGreaterThan(0.2);
        assertThat(outcomes.share("loaded as it was")).isGreaterThan(0.05);
    }

    private static String loadAndGoOn(Path file, byte[] bytes) throws IOException {
        JsonFileMappingStore store;
        try {
            store = JsonFileMappingStore.open(file, OPTIONS);
        } catch (StateStoreException e) {
            assertThat(e.getMessage()).contains("newer bridge");
            assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
            return "refused as newer";
        }
        List<ThreadMapping> loaded;
        String outcome;
        try (store) {
            List<Path> aside = keptAside(file);
            if (store.recoveryNotice().isPresent()) {
                assertThat(aside).singleElement().satisfies(copy -> {
                    assertThat(Files.readAllBytes(copy)).isEqualTo(bytes);
                    assertThat(store.recoveryNotice().get()).contains(copy.toString());
                });
                outcome = "kept aside";
            } else {
                assertThat(aside).isEmpty();
                assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
                outcome = "loaded as it was";
            }
            loaded = new ArrayList<>(store.mappings());
            ThreadMapping added = mapping(9_999);
            loaded.removeIf(mapping -> mapping.sessionId().equals(added.sessionId()));
            loaded.add(added);
            store.save(added);
        }
        try (JsonFileMappingStore reopened = JsonFileMappingStore.open(file, OPTIONS)) {
            assertThat(reopened.recoveryNotice()).isEmpty();
            assertThat(reopened.mappings()).containsExactlyInAnyOrderElementsOf(loaded);
        }
        return outcome;
    }

    /** A valid document, and the same with bad entries put among its mappings and cursors. */
    private record Damaged(String good, String damaged, int badEntries) {
    }

    @SuppressWarnings("unchecked")
    private static Damaged withBadEntries(String sample, Random r) {
        Map<String, Object> document = (Map<String, Object>) read(sample);
        Map<String, Object> damaged = (Map<String, Object>) JsonMutator.copy(document);
        int bad = 1 + r.nextInt(5);
        for (int i = 0; i < bad; i++) {
            boolean mapping = r.nextInt(3) > 0 || !(damaged.get("channelCursors") instanceof List<?>);
            List<Object> section = (List<Object>) damaged.computeIfAbsent(mapping ? "mappings" : "channelCursors",
                    name -> new ArrayList<>());
            List<Object> good = (List<Object>) document.getOrDefault(mapping ? "mappings" : "channelCursors", List.of());
            Object entry = good.isEmpty() ? Map.of() : JsonMutator.copy(good.get(r.nextInt(good.size())));
            section.add(r.nextInt(section.size() + 1), broken(entry, mapping ? REQUIRED_IN_A_MAPPING : REQUIRED_IN_A_CURSOR,
                    mapping ? TEXTS_OF_A_MAPPING : List.of(), r));
        }
        return new Damaged(sample, JSON.write(damaged), bad);
    }

    /** An entry that can never be valid: not an object, a required member missing, or a member of a wrong value. */
    @SuppressWarnings("unchecked")
    private static Object broken(Object entry, List<String> required, List<String> texts, Random r) {
        Map<String, Object> copy = (Map<String, Object>) JsonMutator.copy(entry);
        switch (r.nextInt(6)) {
            case 0:
                return List.of(7L, "an entry that is not an object", true, List.of(), "").get(r.nextInt(5));
            case 1:
                copy.remove(required.get(r.nextInt(required.size())));
                return copy;
            case 2:
                copy.put(required.get(r.nextInt(required.size())), null);
                return copy;
            case 3: {
                List<String> any = new ArrayList<>(required);
                any.addAll(texts);
                String member = any.get(r.nextInt(any.size()));
                Object value = NEVER_VALID.get(r.nextInt(NEVER_VALID.size()));
                copy.put(member, value instanceof String && !required.contains(member) ? true : value);
                return copy;
            }
            case 4: {
                String time = required.contains("createdAt") ? "createdAt" : "lastPostAt";
                copy.put(time, List.of("yesterday", "2026-13-45T99:00:00Z", "1700000000000", "2026-11-21")
                        .get(r.nextInt(4)));
                return copy;
            }
            default:
                if (copy.containsKey("status")) {
                    copy.put("status", List.of("paused", "ACTIVE?", "1").get(r.nextInt(3)));
                } else {
                    copy.put(required.get(r.nextInt(required.size())), List.of("a", "list"));
                }
                return copy;
        }
    }

    private static List<Path> keptAside(Path file) throws IOException {
        try (Stream<Path> files = Files.list(file.getParent())) {
            return files.filter(path -> path.getFileName().toString().startsWith(file.getFileName() + ".corrupt-"))
                    .toList();
        }
    }

    private static void deleteAll(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static Object read(String json) {
        try {
            return JSON.read(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean validUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> samples() {
        List<String> samples = new ArrayList<>();
        for (String name : List.of("plugin-file.json", "bridge-file.json", "empty-file.json")) {
            try (InputStream in = StateFileFuzzTest.class.getResourceAsStream("/state-files/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("the sample state file " + name + " is missing");
                }
                samples.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        StoredState written = new StoredState(List.of(mapping(1), mapping(2).endedAt(NOW)), Map.of(), Map.of(),
                Map.of(mapping(1).sessionId(), new PromptChoices(new ModelRef("fake", "fake-model-2"), "plan")),
                Map.of(mapping(1).userId(), new PromptChoices(null, "plan")),
                List.of(MappingStoreContract.requestPost(RequestKind.QUESTION, 1).withAnswer(List.of("Red"), NOW)),
                Map.of(mapping(1).sessionId(), MappingStoreContract.deliveredAnswer(1)));
        samples.add(new String(new StateFileCodec().encode(written, NOW), StandardCharsets.UTF_8));
        return List.copyOf(samples);
    }
}
