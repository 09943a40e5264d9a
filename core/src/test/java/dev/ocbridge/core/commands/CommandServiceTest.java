package dev.ocbridge.core.commands;

import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.testing.CoreTestKit;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CommandServiceTest {

    @Test
    void theSessionListShowsAForgedTitleAndProjectLiterallyOnTheirLine() {
        CoreTestKit kit = CoreTestKit.aliceOwnsTheBot();
        kit.sessionWithThread("Fix\n2. **Pay me** @all [thread](http://evil.example)");

        String list = answerTo(kit, "!sessions");

        assertThat(list.split("\n")).hasSize(2);
        assertThat(list).doesNotContain("@all", "**Pay me**", "[thread](http://evil.example)")
                .contains("\\*\\*Pay me\\*\\*", "· projA ·");
    }

    @Test
    void statusSaysWhoMayDriveTheAgent() {
        assertThat(answerTo(CoreTestKit.aliceOwnsTheBot(), "!status")).contains("- Access: the owner only");
        assertThat(answerTo(CoreTestKit.noOwner("bob"), "!status", true)).contains("- Access: 1 allowed user");
    }

    @Test
    void statusWarnsWhenAnyoneMayDriveTheAgent() {
        CoreTestKit kit = CoreTestKit.anyoneMayDriveIt();

        assertThat(answerTo(kit, "!status", true)).contains("- Access: :warning: anyone who can message the bot");
    }

    private static String answerTo(CoreTestKit kit, String command) {
        return answerTo(kit, command, false);
    }

    /** Bob asks when {@code asBob}, else Alice. */
    private static String answerTo(CoreTestKit kit, String command, boolean asBob) {
        kit.userPosts(asBob ? kit.bob : kit.alice, asBob ? kit.bobDm : kit.aliceDm, null, command);
        List<ChatPost> own = kit.chat.postsBy(kit.bot.id());
        return own.get(own.size() - 1).message();
    }
}
