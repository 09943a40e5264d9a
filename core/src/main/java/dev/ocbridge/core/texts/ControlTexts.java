package dev.ocbridge.core.texts;

import dev.ocbridge.core.domain.PermissionReply;
import dev.ocbridge.core.domain.PermissionRequest;
import dev.ocbridge.core.domain.Question;
import dev.ocbridge.core.domain.QuestionRequest;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * What the bot says about the agent's permission requests and questions and about stopping a run. A request's
 * post ends with how to answer it, which is replaced by the outcome once it is answered.
 *
 * <p>{@code by} names who answered: a chat user, or empty for an answer given in another OpenCode client.
 */
public final class ControlTexts {
    /** Starts the part of a request's post that says how to answer; nothing before it in the post ends a line so. */
    static final String ANSWER_HINT = "\n\n:point_right: ";
    private static final int MAX_COMMAND = 3_000;
    private static final int MAX_DIFF = 3_000;
    private static final int MAX_QUESTION = 1_000;
    private static final int MAX_OPTION = 300;
    private static final int MAX_ANSWER = 500;

    public String permissionRequest(String mention, PermissionRequest request) {
        StringBuilder post = new StringBuilder(mention).append(" :raised_hand: **OpenCode asks for permission** · ")
                .append(Untrusted.code(request.action()));
        Map<String, String> details = request.details();
        if (details.containsKey("command")) {
            post.append("\n").append(Untrusted.codeBlock(shortened(details.get("command"), MAX_COMMAND)));
        } else if (details.containsKey("filepath")) {
            post.append("\nFile: ").append(Untrusted.code(details.get("filepath")));
            if (details.containsKey("diff")) {
                post.append("\n").append(Untrusted.codeBlock(shortened(details.get("diff"), MAX_DIFF)));
            }
        } else if (!request.resources().isEmpty()) {
            post.append("\nOn: ").append(codes(request.resources()));
        }
        post.append("\n").append(alwaysMeans(request.alwaysScope()));
        post.append(ANSWER_HINT).append("React :+1: to allow once, :white_check_mark: to allow always, :-1: to reject. "
                + "Or reply `yes`, `always` or `no`, or say what the agent should do instead (that rejects and "
                + "tells it).");
        return post.toString();
    }

    /** On OpenCode 1.x "always" holds for the project, in every session, until the server restarts. */
    private static String alwaysMeans(List<String> scope) {
        if (scope.isEmpty()) {
            return "_\"Always\" allows nothing beyond this request._";
        }
        return "_\"Always\" allows " + codes(scope) + " for this project, in every session, until the OpenCode "
                + "server restarts._";
    }

    public String permissionAnswered(PermissionReply reply, String message, List<String> alwaysScope,
                                     Optional<String> by) {
        switch (reply) {
            case ONCE:
                return ":+1: **Allowed once** " + where(by) + ".";
            case ALWAYS:
                return ":white_check_mark: **Allowed always** " + where(by)
                        + (alwaysScope.isEmpty() ? "" : ": " + codes(alwaysScope) + " for this project") + ".";
            case REJECT:
            default:
                return ":-1: **Rejected** " + where(by)
                        + (message == null ? "." : ", with this for the agent: " + Untrusted.inline(message));
        }
    }

    /**
     * The post of a question request: each question with its options numbered from 1; answers already given are
     * shown under their question, and the hint names the question to answer next.
     */
    public String questionRequest(String mention, QuestionRequest request, List<List<String>> answersSoFar) {
        List<Question> questions = request.questions();
        StringBuilder post = new StringBuilder(mention).append(" :question: ");
        if (questions.size() == 1) {
            post.append("**OpenCode asks**").append(headerOf(questions.get(0)));
        } else {
            post.append("**OpenCode asks ").append(questions.size()).append(" questions**, answered in order");
        }
        for (int i = 0; i < questions.size(); i++) {
            Question question = questions.get(i);
            post.append("\n");
            if (questions.size() > 1) {
                post.append("**").append(i + 1).append(".** ");
                if (!question.header().isBlank()) {
                    post.append(Untrusted.inline(shortened(question.header(), MAX_OPTION))).append(" · ");
                }
            }
            post.append("**").append(Untrusted.inline(shortened(question.text(), MAX_QUESTION))).append("**");
            if (question.multipleAnswers()) {
                post.append(" _(one or more)_");
            }
            List<Question.Option> options = question.options();
            for (int n = 0; n < options.size(); n++) {
                Question.Option option = options.get(n);
                post.append("\n").append(n + 1).append(". ").append(Untrusted.inline(shortened(option.label(), MAX_OPTION)));
                if (!option.description().isBlank()) {
                    post.append(": ").append(Untrusted.inline(shortened(option.description(), MAX_OPTION)));
                }
            }
            if (i < answersSoFar.size()) {
                post.append("\n:ballot_box_with_check: ").append(answerText(answersSoFar.get(i)));
            }
        }
        int next = Math.min(answersSoFar.size(), questions.size() - 1);
        Question current = questions.get(next);
        post.append(ANSWER_HINT);
        if (questions.size() > 1) {
            post.append("Now question ").append(next + 1).append(". ");
        }
        post.append(howToAnswer(current));
        return post.toString();
    }

    private static String howToAnswer(Question question) {
        int options = question.options().size();
        StringBuilder hint = new StringBuilder("Reply with ");
        if (options > 0) {
            hint.append("an option's number (`1`").append(question.multipleAnswers() ? ", or `1,2` for several" : "")
                    .append(") or name");
            hint.append(question.customAnswers() ? ", or with your own answer" : "");
        } else {
            hint.append("your answer");
        }
        hint.append(".");
        if (options > 0) {
            int last = Math.min(options, Emoji.NUMBERS.size());
            hint.append(" Or react :").append(Emoji.NUMBERS.get(0)).append(":")
                    .append(last == 1 ? "" : " to :" + Emoji.NUMBERS.get(last - 1) + ":").append(" to pick,");
        } else {
            hint.append(" Or react");
        }
        return hint.append(" :-1: to dismiss the question.").toString();
    }

    public String questionAnswered(List<List<String>> answers, Optional<String> by) {
        String given = answers.size() == 1 ? answerText(answers.get(0))
                : IntStream.range(0, answers.size()).mapToObj(i -> (i + 1) + ". " + answerText(answers.get(i)))
                        .collect(Collectors.joining(" · "));
        return ":ballot_box_with_check: **Answered** " + where(by) + ": " + given;
    }

    public String questionDismissed(Optional<String> by) {
        return ":-1: **Dismissed** " + where(by) + ".";
    }

    /** The request went away unseen: answered while the bridge could not see it, or its run was stopped. */
    public String noLongerAsked() {
        return ":heavy_minus_sign: **No longer asked**: answered elsewhere or withdrawn while the bridge could not "
                + "see it.";
    }

    public String notAnsweredSessionEnded() {
        return ":heavy_minus_sign: **Not answered**: the session ended.";
    }

    public String notAnsweredStopped(String by) {
        return ":heavy_minus_sign: **Not answered**: the run was stopped by @" + by + ".";
    }

    public String answerNotSent(String reason) {
        return ":warning: Could not pass your answer on to OpenCode: " + Untrusted.inline(reason)
                + "\n_The request still waits: answer again in a moment._";
    }

    public String answerNotTaken(String why) {
        return ":grey_question: " + why;
    }

    public String stopped(Optional<String> by) {
        return ":stop_sign: Stopped" + by.map(name -> " by @" + name).orElse("") + ".";
    }

    public String nothingToStop(String shortId) {
        return "Nothing is running in session `" + shortId + "`, so there is nothing to stop.";
    }

    public String stopFailed(String reason) {
        return ":warning: Could not stop the session: " + Untrusted.inline(reason);
    }

    public String stopOutsideThread() {
        return "`!stop` works in a session's thread: post it there, or react :octagonal_sign: to a bot post in it.";
    }

    /** A request's post without its how-to-answer part, to which the outcome is added. */
    public String withoutAnswerHint(String post) {
        int hint = post.lastIndexOf(ANSWER_HINT);
        return hint < 0 ? post : post.substring(0, hint);
    }

    private static String where(Optional<String> by) {
        return by.map(name -> "by @" + name + " in Mattermost").orElse("in another OpenCode client");
    }

    private static String headerOf(Question question) {
        return question.header().isBlank() ? "" : " · " + Untrusted.inline(shortened(question.header(), MAX_OPTION));
    }

    private static String answerText(List<String> answer) {
        return answer.stream().map(label -> "**" + Untrusted.inline(shortened(label, MAX_ANSWER)) + "**")
                .collect(Collectors.joining(", "));
    }

    private static String codes(List<String> values) {
        return values.stream().map(Untrusted::code).collect(Collectors.joining(", "));
    }

    private static String shortened(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        return text.substring(0, max) + "… (" + (text.length() - max) + " more characters)";
    }
}
