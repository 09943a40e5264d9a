package dev.ocbridge.core.projects;

import dev.ocbridge.core.domain.ProjectInfo;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClosestNamesTest {
    private final List<ProjectInfo> projects = List.of(ProjectInfo.of("/p/webshop"), ProjectInfo.of("/p/api"),
            ProjectInfo.of("/p/apex"), ProjectInfo.of("/p/shoq"), ProjectInfo.of("/p/documentation"));

    @Test
    void aNameContainingWhatWasTypedComesBeforeAnyOtherHoweverNear() {
        assertThat(ClosestNames.of("SHOP", projects, 2)).extracting(ProjectInfo::name)
                .containsExactly("webshop", "shoq");
    }

    @Test
    void otherwiseTheFewestEditsWin() {
        assertThat(ClosestNames.of("apo", projects, 2)).extracting(ProjectInfo::name).containsExactly("api", "apex");
    }

    @Test
    void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
        assertThat(ClosestNames.levenshtein("kitten", "sitting")).isEqualTo(3);
        assertThat(ClosestNames.levenshtein("", "abc")).isEqualTo(3);
        assertThat(ClosestNames.levenshtein("same", "same")).isZero();
    }
}
