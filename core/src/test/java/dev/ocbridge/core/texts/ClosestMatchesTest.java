package dev.ocbridge.core.texts;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClosestMatchesTest {
    private static final List<String> MODELS = List.of("fake/fake-model", "fake/fake-model-2", "other/other-model",
            "opencode/big-pickle", "opencode/gpt-5-nano");

    @Test
    void aNameThatStartsWithWhatWasTypedComesFirst() {
        assertThat(ClosestMatches.among("other", MODELS, 1)).containsExactly("other/other-model");
    }

    @Test
    void aTypoFindsTheNameAFewEditsAway() {
        assertThat(ClosestMatches.among("fake/fake-modle-2", MODELS, 2))
                .containsExactly("fake/fake-model-2", "fake/fake-model");
    }

    @Test
    void caseDoesNotCount() {
        assertThat(ClosestMatches.among("OPENCODE/BIG-PICKLE", MODELS, 1)).containsExactly("opencode/big-pickle");
    }

    @Test
    void aCandidateMatchesByTheBestOfItsNames() {
        record Model(String ref, String name) {
        }
        List<Model> models = List.of(new Model("fake/fake-model", "Fake Model"),
                new Model("opencode/gpt-5-nano", "GPT-5 Nano"));

        assertThat(ClosestMatches.among("nano", models, model -> List.of(model.ref(), model.name()), 1))
                .extracting(Model::ref).containsExactly("opencode/gpt-5-nano");
    }

    @Test
    void noMoreThanTheLimitAndNothingFromNothing() {
        assertThat(ClosestMatches.among("x", MODELS, 3)).hasSize(3);
        assertThat(ClosestMatches.among("x", List.of(), 3)).isEmpty();
    }
}
