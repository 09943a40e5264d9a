package dev.ocbridge.core.domain;

/** Names one request the agent waits on, whichever kind it is. */
public record RequestKey(RequestKind kind, String id) {
    public RequestKey {
        Checks.require(kind, "request kind");
        Checks.requireText(id, "request id");
    }

    public static RequestKey of(PermissionId id) {
        return new RequestKey(RequestKind.PERMISSION, id.value());
    }

    public static RequestKey of(QuestionId id) {
        return new RequestKey(RequestKind.QUESTION, id.value());
    }

    @Override
    public String toString() {
        return id;
    }
}
