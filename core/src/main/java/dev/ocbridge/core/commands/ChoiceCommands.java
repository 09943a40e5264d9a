package dev.ocbridge.core.commands;

import dev.ocbridge.core.domain.AgentInfo;
import dev.ocbridge.core.domain.ChatUser;
import dev.ocbridge.core.domain.ModelInfo;
import dev.ocbridge.core.domain.ModelRef;
import dev.ocbridge.core.domain.PromptChoices;
import dev.ocbridge.core.domain.ProviderInfo;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.SessionInfo;
import dev.ocbridge.core.error.BridgeException;
import dev.ocbridge.core.port.out.SessionPort;
import dev.ocbridge.core.prompts.PromptChoicesService;
import dev.ocbridge.core.texts.ClosestMatches;
import dev.ocbridge.core.texts.PromptTexts;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * {@code !models}, {@code !model}, {@code !agents} and {@code !agent}: what the agent server offers, and the
 * choice prompts are sent with. In a session's thread a choice is the session's; in the main DM it is where
 * the sessions the user starts from there begin. Names are matched against what the server offers; an unknown
 * one changes nothing and gets the closest names instead.
 */
public final class ChoiceCommands {
    /** What {@code !model} and {@code !agent} take for "what the server would choose". */
    public static final String DEFAULT = "default";
    private static final int SUGGESTIONS = 3;

    private final SessionPort sessions;
    private final PromptChoicesService choices;
    private final PromptTexts texts;

    public ChoiceCommands(SessionPort sessions, PromptChoicesService choices, PromptTexts texts) {
        this.sessions = sessions;
        this.choices = choices;
        this.texts = texts;
    }

    public String models(CommandPlace place, ChatUser author, String filter) {
        return answer(place, () -> {
            List<ModelInfo> offered = offeredModels();
            String wanted = filter.toLowerCase(Locale.ROOT);
            List<ModelInfo> listed = offered.stream()
                    .filter(model -> wanted.isEmpty() || model.ref().toString().toLowerCase(Locale.ROOT).contains(wanted)
                            || model.name().toLowerCase(Locale.ROOT).contains(wanted))
                    .toList();
            return texts.modelList(listed, offered.size(), filter, currentModel(place, author),
                    place instanceof CommandPlace.MainDm);
        });
    }

    public String model(CommandPlace place, ChatUser author, String typed) {
        return answer(place, () -> {
            boolean mainDm = place instanceof CommandPlace.MainDm;
            if (typed.isEmpty()) {
                return texts.currentModel(currentModel(place, author), mainDm);
            }
            if (typed.equalsIgnoreCase(DEFAULT)) {
                Optional<ModelRef> serverDefault = mainDm ? Optional.empty() : sessions.serverDefaults().chosenModel();
                change(place, author, current -> current.withModel(serverDefault.orElse(null)));
                return texts.modelSetToDefault(serverDefault, mainDm);
            }
            List<ModelInfo> offered = offeredModels();
            Optional<ModelInfo> found = findModel(typed, offered);
            if (found.isEmpty()) {
                return texts.unknownModel(typed, ClosestMatches.among(typed, offered,
                        model -> List.of(model.ref().toString(), model.ref().modelId(), model.name()), SUGGESTIONS));
            }
            change(place, author, current -> current.withModel(found.get().ref()));
            return texts.modelChosen(found.get(), mainDm);
        });
    }

    public String agents(CommandPlace place, ChatUser author) {
        return answer(place, () -> texts.agentList(selectableAgents(sessions.agents()), currentAgent(place, author),
                place instanceof CommandPlace.MainDm));
    }

    public String agent(CommandPlace place, ChatUser author, String typed) {
        return answer(place, () -> {
            boolean mainDm = place instanceof CommandPlace.MainDm;
            if (typed.isEmpty()) {
                return texts.currentAgent(currentAgent(place, author), mainDm);
            }
            if (typed.equalsIgnoreCase(DEFAULT)) {
                Optional<String> serverDefault = mainDm ? Optional.empty() : sessions.serverDefaults().chosenAgent();
                change(place, author, current -> current.withAgent(serverDefault.orElse(null)));
                return texts.agentSetToDefault(serverDefault, mainDm);
            }
            List<AgentInfo> all = sessions.agents();
            Optional<AgentInfo> named = all.stream().filter(agent -> agent.name().equalsIgnoreCase(typed)).findFirst();
            if (named.isPresent() && named.get().selectable()) {
                change(place, author, current -> current.withAgent(named.get().name()));
                return texts.agentChosen(named.get(), mainDm);
            }
            List<AgentInfo> selectable = selectableAgents(all);
            List<String> closest = ClosestMatches.among(typed, selectable.stream().map(AgentInfo::name).toList(),
                    SUGGESTIONS);
            return named.isPresent() ? texts.notAPrimaryAgent(named.get(), closest) : texts.unknownAgent(typed, closest);
        });
    }

    /** Exactly {@code provider/model}, or a model id only one provider offers. */
    static Optional<ModelInfo> findModel(String typed, List<ModelInfo> offered) {
        Optional<ModelInfo> exact = offered.stream()
                .filter(model -> model.ref().toString().equalsIgnoreCase(typed))
                .findFirst();
        if (exact.isPresent()) {
            return exact;
        }
        List<ModelInfo> byId = offered.stream().filter(model -> model.ref().modelId().equalsIgnoreCase(typed)).toList();
        return byId.size() == 1 ? Optional.of(byId.get(0)) : Optional.empty();
    }

    private List<ModelInfo> offeredModels() {
        return sessions.providers().stream().map(ProviderInfo::models).flatMap(List::stream).toList();
    }

    private static List<AgentInfo> selectableAgents(List<AgentInfo> agents) {
        return agents.stream().filter(AgentInfo::selectable).toList();
    }

    /** The chosen model, else what the session last used, else what the server would choose. */
    private Optional<ModelRef> currentModel(CommandPlace place, ChatUser author) {
        return current(place, author, PromptChoices::chosenModel, SessionInfo::currentModel);
    }

    private Optional<String> currentAgent(CommandPlace place, ChatUser author) {
        return current(place, author, PromptChoices::chosenAgent, SessionInfo::currentAgent);
    }

    private <T> Optional<T> current(CommandPlace place, ChatUser author, Function<PromptChoices, Optional<T>> choice,
                                    Function<SessionInfo, Optional<T>> used) {
        Optional<T> chosen = choice.apply(chosen(place, author));
        if (chosen.isPresent()) {
            return chosen;
        }
        if (place instanceof CommandPlace.SessionThread thread) {
            Optional<T> last = sessions.session(thread.mapping().sessionId()).flatMap(used);
            if (last.isPresent()) {
                return last;
            }
        }
        return choice.apply(sessions.serverDefaults());
    }

    private PromptChoices chosen(CommandPlace place, ChatUser author) {
        return place instanceof CommandPlace.SessionThread thread
                ? choices.forSession(thread.mapping().sessionId()) : choices.mainDmDefaults(author.id());
    }

    private void change(CommandPlace place, ChatUser author, UnaryOperator<PromptChoices> change) {
        if (place instanceof CommandPlace.SessionThread thread) {
            SessionId session = thread.mapping().sessionId();
            choices.changeForSession(session, change);
        } else {
            choices.changeMainDmDefaults(author.id(), change);
        }
    }

    /**
     * Only a session's thread and the main DM have choices. The agent server or the state file failing is said
     * in the answer: the command reached no agent, and trying it again is up to the person.
     */
    private String answer(CommandPlace place, Supplier<String> work) {
        if (place instanceof CommandPlace.EndedThread ended) {
            return texts.sessionEndedForCommand(ended.mapping());
        }
        if (place instanceof CommandPlace.OtherThread) {
            return texts.notASessionThread();
        }
        try {
            return work.get();
        } catch (BridgeException e) {
            return texts.commandFailed(e.getMessage());
        }
    }
}
