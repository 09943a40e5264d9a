package dev.ocbridge.core.prompts;

import dev.ocbridge.core.domain.PromptChoices;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.UserId;
import dev.ocbridge.core.port.out.MappingStore;

import java.util.function.UnaryOperator;

/**
 * The models and agents people chose from chat: per session, sent with every prompt to it, and per user as
 * the start of every session that user starts from the main DM. Kept in the state file.
 */
public final class PromptChoicesService {
    private final MappingStore store;

    public PromptChoicesService(MappingStore store) {
        this.store = store;
    }

    public PromptChoices forSession(SessionId session) {
        return store.sessionChoices(session).orElse(PromptChoices.NONE);
    }

    public PromptChoices mainDmDefaults(UserId user) {
        return store.mainDmChoices(user).orElse(PromptChoices.NONE);
    }

    /** Read, changed and saved as one step, so a model and an agent chosen at once both stay. */
    public synchronized PromptChoices changeForSession(SessionId session, UnaryOperator<PromptChoices> change) {
        PromptChoices changed = change.apply(forSession(session));
        store.saveSessionChoices(session, changed);
        return changed;
    }

    public synchronized PromptChoices changeMainDmDefaults(UserId user, UnaryOperator<PromptChoices> change) {
        PromptChoices changed = change.apply(mainDmDefaults(user));
        store.saveMainDmChoices(user, changed);
        return changed;
    }

    /**
     * A session the user just started from the main DM takes over the user's defaults; a later change of the
     * defaults leaves it alone.
     */
    public synchronized void startedFromMainDm(SessionId session, UserId user) {
        PromptChoices defaults = mainDmDefaults(user);
        if (!defaults.isEmpty()) {
            store.saveSessionChoices(session, defaults);
        }
    }
}
