package dev.ocbridge.core.inbox;

import dev.ocbridge.core.domain.ChannelId;
import dev.ocbridge.core.domain.PostId;
import dev.ocbridge.core.domain.ThreadRef;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PromptFormatterTest {

    @Test
    void theHeaderNamesTheSenderAndWhereToReply() {
        ThreadRef thread = new ThreadRef(new ChannelId("chan1"), new PostId("root1"));

        String prompt = new PromptFormatter().format("alice", thread, new PostId("post9"), "fix the build\nplease");

        assertThat(prompt).isEqualTo("[Mattermost DM from @alice]\n"
                + "[Reply-To: thread=root1 post=post9 channel=chan1]\n"
                + "fix the build\nplease");
    }
}
