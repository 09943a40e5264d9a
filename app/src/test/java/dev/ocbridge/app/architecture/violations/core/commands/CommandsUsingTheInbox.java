package dev.ocbridge.app.architecture.violations.core.commands;

/** Breaks "no capability of core depends on the dispatchers". */
public class CommandsUsingTheInbox {
    dev.ocbridge.app.architecture.violations.core.inbox.InboxDispatcher inbox;
}
