package dev.ocbridge.app.e2e;

import dev.ocbridge.adapter.mattermost.emulator.EmulatedChannel;
import dev.ocbridge.adapter.mattermost.emulator.EmulatedPost;
import dev.ocbridge.adapter.mattermost.emulator.EmulatedUser;
import dev.ocbridge.core.texts.Untrusted;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Commands are answered by the bridge itself; only the people allowed may use the bot. */
class CommandsAndAccessIT extends EndToEndTest {

    @Test
    void commandsAreAnsweredAndNeverReachOpenCode() {
        startBridge();
        EmulatedPost root = awaitThreadRoot(createSession("Listed"));

        assertThat(command("!help")).contains("!sessions", "!projects", "!new", "!status");
        assertThat(command("!sessions")).contains("Listed", Untrusted.inline(project.getFileName().toString()),
                root.id());
        assertThat(command("!status")).contains("Mattermost: connected", "OpenCode: connected", "1 active");
        assertThat(command("!frobnicate")).contains("Unknown command", "!help");
        assertThat(llm.requests()).isEmpty();
        assertThat(allSessions()).hasSize(1);
    }

    @Test
    void aCommandInASessionThreadIsAnsweredThereAndNeverReachesTheSession() {
        startBridge();
        EmulatedPost root = awaitThreadRoot(createSession("Threaded"));

        EmulatedPost command = mattermost.reply(alice, aliceDm.id(), root.id(), "!status");

        EmulatedPost answer = awaitBotPost(aliceDm.id(), "the status in the thread",
                reply -> reply.rootId().equals(root.id()) && reply.message().contains("Bridge status"));
        assertThat(answer.message()).contains("Version:", "Uptime:");
        assertThat(answer.createAt()).isGreaterThanOrEqualTo(command.createAt());
        Eventually.quietPeriod(Duration.ofSeconds(2));
        assertThat(llm.requests()).isEmpty();
    }

    @Test
    void postsInAChannelThatIsNotADirectMessageAreIgnored() {
        EmulatedChannel team = mattermost.createChannel("O", "town-square", List.of(bot, alice));
        startBridge();

        mattermost.post(alice, team.id(), "are you listening here?");
        ownerIsAnsweredAfterwards();

        assertThat(botPostsIn(team.id())).isEmpty();
        assertThat(allSessions()).isEmpty();
        assertThat(llm.requests()).isEmpty();
    }

    @Test
    void aStrangersDmGetsNoReplyAndReachesNothingWhenAnOwnerIsSet() {
        startBridge();
        EmulatedChannel malloryDm = mattermost.directChannel(bot, mallory);

        mattermost.post(mallory, malloryDm.id(), "let me drive your agent");
        ownerIsAnsweredAfterwards();

        assertThat(botPostsIn(malloryDm.id())).isEmpty();
        assertThat(allSessions()).isEmpty();
        assertThat(llm.requests()).isEmpty();
    }

    @Test
    void withoutAnOwnerOnlyAllowedUsersAreServedAndBotsNever() {
        EmulatedUser ciBot = mattermost.createBot("ci");
        EmulatedChannel ciDm = mattermost.directChannel(bot, ciBot);
        EmulatedChannel malloryDm = mattermost.directChannel(bot, mallory);
        startBridge(Map.of("MATTERMOST_OWNER_USER_ID", "", "OPENCODE_MM_ALLOWED_USERS", alice.id() + "," + ciBot.id()));
        llm.enqueueText("Hi Alice.");

        mattermost.post(mallory, malloryDm.id(), "me too");
        mattermost.post(ciBot, ciDm.id(), "automated prompt");
        EmulatedPost allowed = mattermost.post(alice, aliceDm.id(), "hello");

        awaitThreadContains(allowed.id(), "Hi Alice.");
        Eventually.quietPeriod(Duration.ofSeconds(2));
        assertThat(botPostsIn(malloryDm.id())).isEmpty();
        assertThat(botPostsIn(ciDm.id())).isEmpty();
        assertThat(allSessions()).hasSize(1);
    }

    /**
     * Proof that the bridge got past the post before: a command the owner sends afterwards is answered.
     * Then a short quiet period, as the two posts sit on different queues.
     */
    private void ownerIsAnsweredAfterwards() {
        assertThat(command("!help")).contains("!sessions");
        Eventually.quietPeriod(Duration.ofSeconds(1));
    }

    private String command(String text) {
        EmulatedPost post = mattermost.post(alice, aliceDm.id(), text);
        return awaitBotPost(aliceDm.id(), "the answer to " + text, reply -> reply.rootId().equals(post.id())).message();
    }
}
