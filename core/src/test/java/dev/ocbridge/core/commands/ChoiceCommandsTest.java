package dev.ocbridge.core.commands;

import dev.ocbridge.core.domain.AgentInfo;
import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.ModelInfo;
import dev.ocbridge.core.domain.ModelRef;
import dev.ocbridge.core.domain.Prompt;
import dev.ocbridge.core.domain.PromptChoices;
import dev.ocbridge.core.domain.ProviderInfo;
import dev.ocbridge.core.domain.SessionEvent;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.testing.CoreTestKit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code !models}, {@code !model}, {@code !agents} and {@code !agent} in a session's thread and in the main DM. */
class ChoiceCommandsTest {
    private static final ModelRef FAKE = new ModelRef("fake", "fake-model");
    private static final ModelRef FAKE_2 = new ModelRef("fake", "fake-model-2");
    private static final ModelRef OTHER = new ModelRef("other", "other-model");

    private final CoreTestKit kit = CoreTestKit.aliceOwnsTheBot();
    private ThreadMapping mapping;

    @BeforeEach
    void theServerOffersModelsAndAgents() {
        kit.sessions.offer(List.of(
                        new ProviderInfo("fake", "Fake", List.of(new ModelInfo(FAKE, "Fake Model"),
                                new ModelInfo(FAKE_2, "Fake Model 2"))),
                        new ProviderInfo("other", "Other", List.of(new ModelInfo(OTHER, "Other Model")))),
                List.of(new AgentInfo("build", "The default agent.", true, false),
                        new AgentInfo("plan", "Plan mode. Disallows all edit tools.", true, false),
                        new AgentInfo("explore", "Fast agent for codebases.", false, false),
                        new AgentInfo("title", "", true, true)),
                new PromptChoices(FAKE, "build"));
        mapping = kit.sessionWithThread("Choosy");
    }

    @Test
    void modelsListsWhatTheServerOffersWithTheCurrentOneMarked() {
        String answer = inThread("!models");

        assertThat(answer).contains("`fake/fake-model` · Fake Model · **current**", "`fake/fake-model-2` · Fake Model 2",
                "`other/other-model` · Other Model");
    }

    @Test
    void modelsNarrowedByPartOfANameListOnlyThoseModels() {
        String answer = inThread("!models other");

        assertThat(answer).contains("`other/other-model`").doesNotContain("fake-model-2");
    }

    @Test
    void aModelChosenInAThreadGoesWithEveryLaterPromptOfThatSessionOnly() {
        ThreadMapping other = kit.sessionWithThread("Untouched");

        assertThat(inThread("!model fake/fake-model-2")).contains("This session now uses `fake/fake-model-2`");
        prompt(mapping, "first");
        prompt(mapping, "second");
        prompt(other, "elsewhere");

        assertThat(kit.sessions.promptsTo(mapping.sessionId())).extracting(Prompt::model).containsExactly(FAKE_2, FAKE_2);
        assertThat(kit.sessions.promptsTo(other.sessionId())).extracting(Prompt::model).containsOnlyNulls();
        assertThat(inThread("!models")).contains("`fake/fake-model-2` · Fake Model 2 · **current**");
    }

    @Test
    void aModelIdOnlyOneProviderOffersIsEnough() {
        assertThat(inThread("!model OTHER-MODEL")).contains("`other/other-model`");

        prompt(mapping, "go");

        assertThat(kit.sessions.promptsTo(mapping.sessionId())).extracting(Prompt::model).containsExactly(OTHER);
    }

    @Test
    void anUnknownModelChangesNothingAndGetsTheClosestNames() {
        String answer = inThread("!model fake/fake-modle-2");
        prompt(mapping, "go");

        assertThat(answer).contains("No model `fake/fake-modle-2`", "nothing changed", "`!model fake/fake-model-2`");
        assertThat(kit.sessions.promptsTo(mapping.sessionId())).extracting(Prompt::model).containsOnlyNulls();
        assertThat(kit.mappings.sessionChoices(mapping.sessionId())).isEmpty();
    }

    @Test
    void modelWithoutANameSaysWhichModelTheSessionUses() {
        prompt(mapping, "first");

        assertThat(inThread("!model")).contains("This session uses `fake/fake-model`");
    }

    @Test
    void aModelChosenInTheMainDmGoesWithTheSessionsStartedThereButNotWithOlderOnes() {
        assertThat(inMainDm("!model other/other-model")).contains("Sessions you start here from now on use");

        kit.userPosts(kit.alice, kit.aliceDm, null, "a new task");
        prompt(mapping, "an old session");

        SessionId started = kit.mappings.mappings().stream().map(ThreadMapping::sessionId)
                .filter(id -> !id.equals(mapping.sessionId())).reduce((first, last) -> last).orElseThrow();
        assertThat(kit.sessions.promptsTo(started)).extracting(Prompt::model).containsExactly(OTHER);
        assertThat(kit.sessions.promptsTo(mapping.sessionId())).extracting(Prompt::model).containsOnlyNulls();
    }

    @Test
    void laterChangesOfTheMainDmDefaultLeaveSessionsAlreadyStartedAlone() {
        inMainDm("!model other/other-model");
        kit.userPosts(kit.alice, kit.aliceDm, null, "a new task");
        SessionId started = kit.mappings.mappings().get(kit.mappings.mappings().size() - 1).sessionId();

        inMainDm("!model fake/fake-model-2");
        kit.userPosts(kit.alice, kit.aliceDm, kit.mappings.findBySession(started).orElseThrow().thread().root(),
                "more");

        assertThat(kit.sessions.promptsTo(started)).extracting(Prompt::model).containsExactly(OTHER, OTHER);
    }

    @Test
    void defaultInTheMainDmForgetsTheChoiceAndInAThreadTakesTheServersDefault() {
        inMainDm("!model other/other-model");
        inThread("!model other/other-model");

        assertThat(inMainDm("!model default")).contains("the agent server's default model");
        assertThat(inThread("!model default")).contains("the agent server's default model, `fake/fake-model`");

        assertThat(kit.mappings.mainDmChoices(kit.alice.id())).isEmpty();
        assertThat(kit.mappings.sessionChoices(mapping.sessionId())).contains(new PromptChoices(FAKE, null));
    }

    @Test
    void agentsListsOnlyThePrimaryAgentsPeopleMayChoose() {
        String answer = inThread("!agents");

        assertThat(answer).contains("`build` · The default agent\\. · **current**", "`plan` · Plan mode\\.")
                .doesNotContain("explore", "title");
    }

    @Test
    void anAgentChosenInAThreadGoesWithTheSessionsPrompts() {
        assertThat(inThread("!agent Plan")).contains("This session now uses the agent `plan`");

        prompt(mapping, "think first");

        assertThat(kit.sessions.promptsTo(mapping.sessionId())).extracting(Prompt::agent).containsExactly("plan");
    }

    @Test
    void aSubAgentCannotBeChosen() {
        String answer = inThread("!agent explore");
        prompt(mapping, "go");

        assertThat(answer).contains("`explore` works only as a sub-agent", "nothing changed");
        assertThat(kit.sessions.promptsTo(mapping.sessionId())).extracting(Prompt::agent).containsOnlyNulls();
    }

    @Test
    void anUnknownAgentGetsTheClosestNames() {
        assertThat(inThread("!agent plann")).contains("No agent `plann`", "`!agent plan`");
    }

    @Test
    void aChoiceAndAnotherOfTheOtherKindBothStay() {
        inThread("!model fake/fake-model-2");
        inThread("!agent plan");

        assertThat(kit.mappings.sessionChoices(mapping.sessionId())).contains(new PromptChoices(FAKE_2, "plan"));
    }

    @Test
    void inAnEndedThreadNothingIsChosen() {
        kit.agentReports(new SessionEvent.SessionDeleted(kit.sessions.session(mapping.sessionId()).orElseThrow()));

        assertThat(inThread("!model fake/fake-model-2")).contains("has ended");
        assertThat(kit.mappings.sessionChoices(mapping.sessionId())).isEmpty();
    }

    @Test
    void whenTheAgentServerCannotBeAskedTheAnswerSaysSo() {
        kit.sessions.unavailable("connection refused");

        assertThat(inThread("!models")).contains("Could not ask the agent server", "connection refused");
    }

    private void prompt(ThreadMapping target, String text) {
        kit.userPosts(kit.alice, kit.aliceDm, target.thread().root(), text);
    }

    private String inThread(String command) {
        kit.userPosts(kit.alice, kit.aliceDm, mapping.thread().root(), command);
        return lastBotMessage();
    }

    private String inMainDm(String command) {
        kit.userPosts(kit.alice, kit.aliceDm, null, command);
        return lastBotMessage();
    }

    private String lastBotMessage() {
        List<ChatPost> posts = kit.chat.postsBy(kit.bot.id());
        return posts.get(posts.size() - 1).message();
    }
}
