package dev.ocbridge.core.domain;

/**
 * Who really wrote a post. The author account alone does not say it: an integration posts on behalf of the
 * person who set it up, and the chat server writes its own notices into a channel in the name of whoever
 * caused them. Only a {@link #PERSON}'s posts may drive the agent.
 */
public enum PostOrigin {
    /** Typed by the account's owner in a chat client. */
    PERSON,
    /** Posted by a program: a bot account, a webhook, an integration, a plugin, an app acting for someone. */
    AUTOMATION,
    /** Written by the chat server itself: joins, header changes and similar notices. */
    SYSTEM
}
