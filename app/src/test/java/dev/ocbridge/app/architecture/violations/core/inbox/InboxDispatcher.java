package dev.ocbridge.app.architecture.violations.core.inbox;

/** A dispatcher, called from below in {@code CommandsUsingTheInbox}. */
public class InboxDispatcher {
}
