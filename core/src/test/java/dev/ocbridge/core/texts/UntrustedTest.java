package dev.ocbridge.core.texts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UntrustedTest {

    @Test
    void inlineTextStaysOnOneLine() {
        assertThat(Untrusted.inline("first\nsecond\r\nthird\u2028fourth")).isEqualTo("first second third fourth");
    }

    @Test
    void inlineMarkdownIsShownLiterally() {
        String escaped = Untrusted.inline("**bold** [link](http://evil) ![img](http://evil/i.png) `code` # head");

        assertThat(escaped).doesNotContain("**", "[link](", "![img](", "`code`")
                .isEqualTo("\\*\\*bold\\*\\* \\[link\\]\\(http\\://evil\\) \\!\\[img\\]\\(http\\://evil/i\\.png\\) "
                        + "\\`code\\` \\# head");
    }

    @Test
    void aBackslashAndADollarAreKeptAsThemselves() {
        assertThat(Untrusted.inline("C:\\dir $1")).isEqualTo("C\\:\\\\dir $1");
    }

    @Test
    void mentionsNeverFire() {
        String[] mentions = {"@all", "@channel", "@here", "@alice"};
        for (String mention : mentions) {
            assertThat(Untrusted.inline("hi " + mention)).doesNotContain(mention);
            assertThat(Untrusted.code("hi " + mention)).doesNotContain(mention);
            assertThat(Untrusted.codeBlock("hi\n" + mention)).doesNotContain(mention);
        }
    }

    @Test
    void aCodeSpanIsFencedLongerThanAnyBacktickRunInside() {
        assertThat(Untrusted.code("/home/dev/projA")).isEqualTo("`/home/dev/projA`");
        assertThat(Untrusted.code("echo `date` now")).isEqualTo("``echo `date` now``");
        assertThat(Untrusted.code("a ``b`` c")).isEqualTo("```a ``b`` c```");
    }

    @Test
    void aCodeSpanStartingOrEndingWithABacktickIsPadded() {
        assertThat(Untrusted.code("`x`")).isEqualTo("`` `x` ``");
    }

    @Test
    void aCodeSpanIsOneLineAndNeverEmpty() {
        assertThat(Untrusted.code("rm -rf\n/")).isEqualTo("`rm -rf /`");
        assertThat(Untrusted.code("")).isEqualTo("` `");
        assertThat(Untrusted.code(null)).isEqualTo("` `");
    }

    @Test
    void aCodeBlockCannotBeClosedByItsContent() {
        String block = Untrusted.codeBlock("before\n```\nafter");

        assertThat(block).isEqualTo("````\nbefore\n```\nafter\n````");
    }

    @Test
    void aCodeBlockKeepsLinesAndEndsWithItsFence() {
        assertThat(Untrusted.codeBlock("one\ntwo\n")).isEqualTo("```\none\ntwo\n```");
        assertThat(Untrusted.codeBlock("")).isEqualTo("```\n```");
    }
}
