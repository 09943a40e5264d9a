package dev.ocbridge.core.texts;

import dev.ocbridge.core.access.AccessPolicy;
import dev.ocbridge.core.domain.ChannelId;
import dev.ocbridge.core.domain.PostId;
import dev.ocbridge.core.domain.SessionError;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.SessionInfo;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.domain.ThreadRef;
import dev.ocbridge.core.domain.UserId;
import dev.ocbridge.core.settings.MainDmMode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What the agent server names (titles, directories, errors) can neither forge the bot's text nor notify anyone. */
class BridgeTextsTest {
    /** A title made to look like a second, bot-written line with a mention, a link and an image. */
    static final String FORGED_TITLE = "Fix login\n**Session ended** @all [click here](http://evil.example) "
            + "![pixel](http://evil.example/p.png)";

    private final BridgeTexts texts = new BridgeTexts(MainDmMode.NEW_SESSION);

    @Test
    void aForgedTitleStaysOnTheFirstLineOfTheRootPostAndDoesNothing() {
        String root = texts.sessionStarted(session(FORGED_TITLE, "/home/dev/shop"));

        String[] lines = root.split("\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).startsWith("**OpenCode session** · Fix login ")
                .contains("\\*\\*Session ended\\*\\*", "\\[click here\\]\\(http\\://evil\\.example\\)",
                        "\\!\\[pixel\\]\\(");
        assertThat(lines[1]).startsWith("Project: `shop`");
        assertThat(root).doesNotContain("@all", "[click here](", "![pixel](");
    }

    @Test
    void aDirectoryWithBackticksAndANewlineStaysOneCodeSpan() {
        String root = texts.sessionStarted(session("Title", "/tmp/a`b\n@channel"));

        assertThat(root.split("\n")[1]).isEqualTo("Project: ``a`b @\u200Bchannel`` · Directory: ``/tmp/a`b @\u200Bchannel``");
    }

    @Test
    void anErrorTheAgentServerWroteIsShownLiterallyOnOneLine() {
        String failed = texts.runFailed(new SessionError("API*Error", "quota exceeded\n@here see [docs](http://x)"));

        assertThat(failed).doesNotContain("\n", "@here", "[docs](")
                .startsWith(":warning: The agent stopped with an error (API\\*Error): quota exceeded ");
        assertThat(texts.promptFailed("bad\n@all")).doesNotContain("\n", "@all");
        assertThat(texts.sessionCreationFailed("bad @all [x](y)").split("\n")[0]).doesNotContain("@all", "[x](y)");
    }

    @Test
    void anUnknownCommandIsEchoedInACodeSpan() {
        assertThat(texts.unknownCommand("`@all`")).isEqualTo("Unknown command `` !`@\u200Ball` ``. Try `!help`.");
    }

    @Test
    void theRecentSessionHintShowsTheTitleLiterally() {
        ThreadMapping mapping = ThreadMapping.start(session("@all *now*", "/p"),
                new ThreadRef(new ChannelId("dm"), new PostId("root")), new UserId("alice"), Instant.EPOCH);

        assertThat(texts.routedToRecent(mapping, "https://chat/pl/root"))
                .contains("(@\u200Ball \\*now\\*)").doesNotContain("@all");
    }

    @Test
    void anUntitledSessionSaysSo() {
        assertThat(BridgeTexts.title("  ")).isEqualTo("(untitled)");
    }

    @Test
    void whoMayDriveTheAgentIsSaidPlainlyAndAnyoneIsAWarning() {
        assertThat(texts.access(new AccessPolicy(Optional.of(new UserId("o")), Set.of()))).isEqualTo("the owner only");
        assertThat(texts.access(new AccessPolicy(Optional.empty(), Set.of(new UserId("a"), new UserId("b")))))
                .isEqualTo("2 allowed users");
        assertThat(texts.access(AccessPolicy.anyone())).startsWith(":warning: anyone");
    }

    private static SessionInfo session(String title, String directory) {
        return new SessionInfo(new SessionId("ses_0123456789abcdef"), null, title, directory,
                Instant.parse("2026-11-21T09:12:00Z"), null);
    }
}
