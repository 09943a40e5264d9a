package dev.ocbridge.core.answers;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TextSplitterTest {

    @Test
    void textWithinTheLimitStaysInOneChunk() {
        assertThat(new TextSplitter(20).split("short text")).containsExactly("short text");
    }

    @Test
    void aParagraphBreakIsPreferredOverALineBreakOrASpace() {
        String text = "first paragraph\n\nsecond line\nthird words here";

        List<String> chunks = new TextSplitter(30).split(text);

        assertThat(chunks.get(0)).isEqualTo("first paragraph\n\n");
        assertThat(String.join("", chunks)).isEqualTo(text);
    }

    @Test
    void aWordBoundaryIsUsedWhenThereIsNoLineBreak() {
        List<String> chunks = new TextSplitter(12).split("alpha beta gamma delta");

        assertThat(chunks).containsExactly("alpha beta ", "gamma delta");
    }

    @Test
    void textWithoutAnyBoundaryIsCutAtTheLimit() {
        List<String> chunks = new TextSplitter(4).split("abcdefghij");

        assertThat(chunks).containsExactly("abcd", "efgh", "ij");
    }

    @Test
    void aSurrogatePairIsNeverCutInHalf() {
        String text = "abc\uD83D\uDE00def";

        List<String> chunks = new TextSplitter(4).split(text);

        assertThat(chunks.get(0)).isEqualTo("abc");
        assertThat(String.join("", chunks)).isEqualTo(text);
    }

    @Test
    void chunksAlreadyCutStayTheSameAsTheTextGrows() {
        TextSplitter splitter = new TextSplitter(50);
        StringBuilder text = new StringBuilder();
        List<String> firstCut = null;
        for (int i = 0; i < 200; i++) {
            text.append("word").append(i).append(i % 7 == 0 ? "\n\n" : " ");
            List<String> chunks = splitter.split(text.toString());
            if (firstCut == null && chunks.size() > 2) {
                firstCut = chunks.subList(0, 2);
            }
            if (firstCut != null) {
                assertThat(chunks.subList(0, 2)).isEqualTo(firstCut);
            }
            assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.length()).isLessThanOrEqualTo(50));
            assertThat(String.join("", chunks)).isEqualTo(text.toString());
        }
        assertThat(firstCut).isNotNull();
    }
}
