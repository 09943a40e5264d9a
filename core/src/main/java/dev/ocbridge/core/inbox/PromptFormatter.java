package dev.ocbridge.core.inbox;

import dev.ocbridge.core.domain.PostId;
import dev.ocbridge.core.domain.ThreadRef;

/**
 * The reply-context header that lets an agent with its own chat tools answer in the right thread.
 */
public final class PromptFormatter {

    public String format(String username, ThreadRef thread, PostId post, String text) {
        return "[Mattermost DM from @" + username + "]\n"
                + "[Reply-To: thread=" + thread.root() + " post=" + post + " channel=" + thread.channel() + "]\n"
                + text;
    }
}
