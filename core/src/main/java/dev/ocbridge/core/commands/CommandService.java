package dev.ocbridge.core.commands;

import dev.ocbridge.core.access.AccessPolicy;
import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.ChatUser;
import dev.ocbridge.core.domain.NewPost;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.domain.UserId;
import dev.ocbridge.core.health.BridgeHealth;
import dev.ocbridge.core.port.out.ChatPort;
import dev.ocbridge.core.port.out.MappingStore;
import dev.ocbridge.core.settings.BridgeSettings;
import dev.ocbridge.core.texts.BridgeTexts;
import dev.ocbridge.core.texts.Untrusted;

import java.util.Comparator;
import java.util.List;

/** Answers the {@code !} commands. Commands never reach the agent. */
public final class CommandService {
    private static final int MAX_LISTED_SESSIONS = 25;

    private final ChatPort chat;
    private final MappingStore mappings;
    private final BridgeHealth health;
    private final BridgeSettings settings;
    private final BridgeTexts texts;
    private final AccessPolicy access;

    public CommandService(ChatPort chat, MappingStore mappings, BridgeHealth health, BridgeSettings settings,
                          BridgeTexts texts, AccessPolicy access) {
        this.chat = chat;
        this.mappings = mappings;
        this.health = health;
        this.settings = settings;
        this.texts = texts;
        this.access = access;
    }

    public void run(Command command, ChatPost post, ChatUser author) {
        String answer;
        switch (command.name()) {
            case "help":
                answer = texts.help();
                break;
            case "sessions":
                answer = sessionList(author.id());
                break;
            case "status":
                answer = status();
                break;
            default:
                answer = texts.unknownCommand(command.name());
                break;
        }
        chat.createPost(NewPost.inThread(post.thread(), answer));
    }

    /** The user's sessions, live ones first, newest activity first, each with a link to its thread. */
    public String sessionList(UserId user) {
        List<ThreadMapping> own = mappings.mappings().stream()
                .filter(mapping -> mapping.userId().equals(user))
                .sorted(Comparator.comparing(ThreadMapping::isActive).reversed()
                        .thenComparing(ThreadMapping::lastActivityAt, Comparator.reverseOrder()))
                .toList();
        if (own.isEmpty()) {
            return texts.noSessions();
        }
        StringBuilder list = new StringBuilder("**Sessions**\n");
        int shown = Math.min(own.size(), MAX_LISTED_SESSIONS);
        for (int i = 0; i < shown; i++) {
            ThreadMapping mapping = own.get(i);
            list.append(i + 1).append(". **").append(BridgeTexts.title(mapping.sessionTitle())).append("** · ")
                    .append(Untrusted.inline(mapping.projectName())).append(" · ")
                    .append(Untrusted.code(mapping.shortId())).append(" · ")
                    .append("last activity ").append(BridgeTexts.time(mapping.lastActivityAt())).append(" · ")
                    .append(mapping.isActive() ? "active" : "ended").append(" · [thread](")
                    .append(chat.permalink(mapping.thread().root())).append(")\n");
        }
        if (own.size() > shown) {
            list.append("… and ").append(own.size() - shown).append(" older sessions.\n");
        }
        return list.toString();
    }

    private String status() {
        long active = mappings.mappings().stream().filter(ThreadMapping::isActive).count();
        return "**Bridge status**\n"
                + "- Version: " + settings.version() + "\n"
                + "- Mattermost: " + (health.chatConnected() ? "connected" : "disconnected") + "\n"
                + "- OpenCode: " + (health.agentConnected() ? "connected" : "disconnected") + "\n"
                + "- Sessions served: " + active + " active\n"
                + "- Access: " + texts.access(access) + "\n"
                + "- Uptime: " + BridgeTexts.duration(health.uptime());
    }
}
