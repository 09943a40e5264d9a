package dev.ocbridge.core.testing.fuzz;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class JsonMutatorTest {
    /** Enough of a JSON writer for these trees; the adapters' tests use their JSON library instead. */
    private static final JsonCodec JSON = JsonCodec.of(text -> {
        throw new IOException("these tests hold no JSON in strings");
    }, String::valueOf);
    private final JsonMutator mutator = new JsonMutator(new RandomJson(List.of("id", "post", "seq")), JSON);

    @Test
    void mutatesACopyAndLeavesTheSampleAsItWas() {
        Map<String, Object> sample = sample();
        Object before = JsonMutator.copy(sample);
        Random random = new Random(1);
        int changed = 0;

        for (int i = 0; i < 1_000; i++) {
            if (!Objects.equals(mutator.mutate(sample, random), sample)) {
                changed++;
            }
        }

        assertThat(sample).isEqualTo(before);
        assertThat(changed).isGreaterThan(900);
    }

    @Test
    void unknownMembersAreAddedBesideEveryMemberOfTheSample() {
        Map<String, Object> sample = sample();
        Random random = new Random(2);

        for (int i = 0; i < 100; i++) {
            @SuppressWarnings("unchecked")
            Map<String, Object> noisy = (Map<String, Object>) mutator.withUnknownMembers(sample, random, 1);
            @SuppressWarnings("unchecked")
            Map<String, Object> inner = (Map<String, Object>) noisy.get("data");

            assertThat(noisy).containsEntry("id", "p1").containsEntry("seq", 7L).hasSizeGreaterThan(sample.size());
            assertThat(noisy.keySet()).anyMatch(name -> name.startsWith("unknownFuzzMember"));
            assertThat(inner).containsEntry("list", List.of(1L, 2L)).hasSizeGreaterThan(1);
        }
    }

    private static Map<String, Object> sample() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("list", new ArrayList<>(List.of(1L, 2L)));
        Map<String, Object> sample = new LinkedHashMap<>();
        sample.put("id", "p1");
        sample.put("seq", 7L);
        sample.put("data", data);
        return sample;
    }
}
