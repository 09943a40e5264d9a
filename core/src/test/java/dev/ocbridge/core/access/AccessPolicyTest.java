package dev.ocbridge.core.access;

import dev.ocbridge.core.domain.ChannelId;
import dev.ocbridge.core.domain.ChannelKind;
import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.ChatUser;
import dev.ocbridge.core.domain.PostId;
import dev.ocbridge.core.domain.PostOrigin;
import dev.ocbridge.core.domain.UserId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AccessPolicyTest {
    private static final UserId BOT = new UserId("bot");
    private static final ChatUser ALICE = new ChatUser(new UserId("alice"), "alice", false);
    private static final ChatUser MALLORY = new ChatUser(new UserId("mallory"), "mallory", false);

    @Test
    void theOwnerIsServedInADirectChannel() {
        AccessPolicy policy = new AccessPolicy(Optional.of(ALICE.id()), Set.of());

        assertThat(policy.decide(postBy(ALICE), ChannelKind.DIRECT, ALICE, BOT)).isInstanceOf(AccessDecision.Serve.class);
        assertThat(policy.audience()).isEqualTo(AccessPolicy.Audience.OWNER);
    }

    @Test
    void anyoneButTheOwnerIsIgnoredWhenAnOwnerIsSet() {
        AccessPolicy policy = new AccessPolicy(Optional.of(ALICE.id()), Set.of(MALLORY.id()));

        assertThat(policy.decide(postBy(MALLORY), ChannelKind.DIRECT, MALLORY, BOT))
                .isEqualTo(new AccessDecision.Ignore("not the owner"));
    }

    @Test
    void onlyAllowedUsersAreServedWhenThereIsNoOwnerButAList() {
        AccessPolicy policy = new AccessPolicy(Optional.empty(), Set.of(ALICE.id()));

        assertThat(policy.decide(postBy(ALICE), ChannelKind.DIRECT, ALICE, BOT)).isInstanceOf(AccessDecision.Serve.class);
        assertThat(policy.decide(postBy(MALLORY), ChannelKind.DIRECT, MALLORY, BOT))
                .isEqualTo(new AccessDecision.Ignore("not an allowed user"));
        assertThat(policy.audience()).isEqualTo(AccessPolicy.Audience.ALLOWED_USERS);
        assertThat(policy.allowedUserCount()).isEqualTo(1);
    }

    @Test
    void withoutOwnerOrListNobodyIsServed() {
        AccessPolicy policy = new AccessPolicy(Optional.empty(), Set.of());

        assertThat(policy.decide(postBy(MALLORY), ChannelKind.DIRECT, MALLORY, BOT))
                .isEqualTo(new AccessDecision.Ignore("nobody is allowed: no owner and no allowed users"));
        assertThat(policy.screen(postBy(ALICE), ChannelKind.DIRECT, BOT)).isPresent();
        assertThat(policy.audience()).isEqualTo(AccessPolicy.Audience.NOBODY);
    }

    @Test
    void everyPersonIsServedOnlyWhenAnyoneWasAllowedExplicitly() {
        AccessPolicy policy = AccessPolicy.anyone();

        assertThat(policy.decide(postBy(MALLORY), ChannelKind.DIRECT, MALLORY, BOT)).isInstanceOf(AccessDecision.Serve.class);
        assertThat(policy.audience()).isEqualTo(AccessPolicy.Audience.ANYONE);
        assertThat(policy.owner()).isEmpty();
    }

    @Test
    void theBotsOwnPostsAreIgnored() {
        ChatUser self = new ChatUser(BOT, "opencode", true);
        AccessPolicy policy = AccessPolicy.anyone();

        assertThat(policy.decide(postBy(self), ChannelKind.DIRECT, self, BOT))
                .isEqualTo(new AccessDecision.Ignore("the bot's own post"));
    }

    @Test
    void otherBotsAreIgnoredEvenWhenAllowed() {
        ChatUser ciBot = new ChatUser(new UserId("ci"), "ci", true);
        AccessPolicy policy = new AccessPolicy(Optional.empty(), Set.of(ciBot.id()));

        assertThat(policy.decide(postBy(ciBot), ChannelKind.DIRECT, ciBot, BOT)).isInstanceOf(AccessDecision.Ignore.class);
    }

    @Test
    void aBotAccountIsIgnoredByItsProfileEvenWhenItsPostLooksTyped() {
        ChatUser ciBot = new ChatUser(new UserId("ci"), "ci", true);
        AccessPolicy policy = new AccessPolicy(Optional.empty(), Set.of(ciBot.id()));

        assertThat(policy.decide(postBy(ciBot, PostOrigin.PERSON), ChannelKind.DIRECT, ciBot, BOT))
                .isEqualTo(new AccessDecision.Ignore("a post by another bot"));
    }

    @Test
    void aPostAProgramMadeInTheOwnersNameIsScreenedOutWithoutTheAuthorsProfile() {
        AccessPolicy policy = new AccessPolicy(Optional.of(ALICE.id()), Set.of());

        assertThat(policy.screen(postBy(ALICE, PostOrigin.AUTOMATION), ChannelKind.DIRECT, BOT))
                .contains(new AccessDecision.Ignore("posted by a program, not typed by a person"));
        assertThat(policy.decide(postBy(ALICE, PostOrigin.AUTOMATION), ChannelKind.DIRECT, ALICE, BOT))
                .isInstanceOf(AccessDecision.Ignore.class);
    }

    @Test
    void aNoticeTheChatServerWroteInTheOwnersNameIsIgnoredWhoeverMayDriveTheAgent() {
        for (AccessPolicy policy : List.of(new AccessPolicy(Optional.of(ALICE.id()), Set.of()),
                new AccessPolicy(Optional.empty(), Set.of(ALICE.id())), AccessPolicy.anyone())) {
            assertThat(policy.decide(postBy(ALICE, PostOrigin.SYSTEM), ChannelKind.DIRECT, ALICE, BOT))
                    .isEqualTo(new AccessDecision.Ignore("written by the chat server, not a person"));
        }
    }

    @Test
    void postsOutsideDirectChannelsAreIgnoredEvenFromTheOwner() {
        AccessPolicy policy = new AccessPolicy(Optional.of(ALICE.id()), Set.of());

        for (ChannelKind kind : List.of(ChannelKind.GROUP, ChannelKind.OPEN, ChannelKind.PRIVATE, ChannelKind.UNKNOWN)) {
            assertThat(policy.decide(postBy(ALICE), kind, ALICE, BOT))
                    .isEqualTo(new AccessDecision.Ignore("not a direct channel"));
        }
    }

    @Test
    void strangersAndOtherChannelsAreScreenedOutWithoutTheAuthorsProfile() {
        AccessPolicy policy = new AccessPolicy(Optional.of(ALICE.id()), Set.of());

        assertThat(policy.screen(postBy(MALLORY), ChannelKind.DIRECT, BOT))
                .contains(new AccessDecision.Ignore("not the owner"));
        assertThat(policy.screen(postBy(ALICE), ChannelKind.GROUP, BOT))
                .contains(new AccessDecision.Ignore("not a direct channel"));
    }

    @Test
    void aPersonWhoMayBeServedPassesTheScreenForTheProfileCheck() {
        AccessPolicy policy = new AccessPolicy(Optional.empty(), Set.of(ALICE.id()));

        assertThat(policy.screen(postBy(ALICE), ChannelKind.DIRECT, BOT)).isEmpty();
    }

    private static ChatPost postBy(ChatUser author) {
        return postBy(author, author.bot() ? PostOrigin.AUTOMATION : PostOrigin.PERSON);
    }

    private static ChatPost postBy(ChatUser author, PostOrigin origin) {
        return new ChatPost(new PostId("p1"), new ChannelId("c1"), null, author.id(), origin, "hi",
                Instant.EPOCH, null, List.of());
    }
}
