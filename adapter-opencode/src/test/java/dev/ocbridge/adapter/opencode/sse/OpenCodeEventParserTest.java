package dev.ocbridge.adapter.opencode.sse;

import com.squareup.moshi.Moshi;
import dev.ocbridge.core.domain.MessageId;
import dev.ocbridge.core.domain.PartId;
import dev.ocbridge.core.domain.Question;
import dev.ocbridge.core.domain.SessionEvent;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.TextKind;
import dev.ocbridge.core.testing.fuzz.LogWatch;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The parser on input a server should not send, and on what a newer server might send. */
class OpenCodeEventParserTest {

    private static final String IDLE = "{\"id\":\"evt_1\",\"type\":\"session.idle\",\"properties\":{\"sessionID\":\"ses_1\"}}";

    private final OpenCodeEventParser parser = new OpenCodeEventParser(new Moshi.Builder().build());

    @Test
    void truncatedJsonIsCountedAndSkippedAndTheNextEventStillParses() {
        ParsedEvent truncated = parser.parse(IDLE.substring(0, IDLE.length() - 5));
        ParsedEvent next = parser.parse(IDLE);

        assertThat(truncated.events()).isEmpty();
        assertThat(next.events()).containsExactly(new SessionEvent.SessionIdle(new SessionId("ses_1")));
        assertThat(parser.stats().malformed()).isEqualTo(1);
    }

    @Test
    void aFieldOfTheWrongTypeMakesOnlyThatEventUnreadable() {
        ParsedEvent wrong = parser.parse(
                "{\"type\":\"session.status\",\"properties\":{\"sessionID\":\"ses_1\",\"status\":\"busy\"}}");

        assertThat(wrong.type()).isEqualTo("session.status");
        assertThat(wrong.events()).isEmpty();
        assertThat(parser.stats().malformed()).isEqualTo(1);
    }

    @Test
    void anEventMissingItsSessionIsUnreadable() {
        ParsedEvent missing = parser.parse("{\"type\":\"session.idle\",\"properties\":{}}");

        assertThat(missing.events()).isEmpty();
        assertThat(parser.stats().malformed()).isEqualTo(1);
    }

    @Test
    void jsonThatIsNotAnObjectIsUnreadable() {
        assertThat(parser.parse("[1,2,3]").events()).isEmpty();
        assertThat(parser.parse("null").events()).isEmpty();
        assertThat(parser.parse(IDLE + " trailing").events()).isEmpty();

        assertThat(parser.stats().malformed()).isEqualTo(3);
    }

    @Test
    void aQuestionThatRefusesCustomAnswersOrTakesSeveralSaysSo() {
        ParsedEvent asked = parser.parse("{\"type\":\"question.asked\",\"properties\":{\"id\":\"que_1\","
                + "\"sessionID\":\"ses_1\",\"questions\":[{\"question\":\"Which?\",\"header\":\"H\","
                + "\"options\":[{\"label\":\"A\",\"description\":\"\"}],\"multiple\":true,\"custom\":false}]}}");

        assertThat(asked.events()).singleElement().satisfies(event -> {
            Question question = ((SessionEvent.QuestionAsked) event).request().questions().get(0);
            assertThat(question.multipleAnswers()).isTrue();
            assertThat(question.customAnswers()).isFalse();
        });
    }

    @Test
    void anUnknownEventTypeIsCountedByNameAndIgnored() {
        ParsedEvent unknown = parser.parse("{\"type\":\"session.teleported\",\"properties\":{\"sessionID\":\"ses_1\"}}");
        parser.parse("{\"type\":\"session.teleported\",\"properties\":{}}");

        assertThat(unknown.events()).isEmpty();
        assertThat(parser.stats().unknownTypes()).containsEntry("session.teleported", 2L);
        assertThat(parser.stats().malformed()).isZero();
    }

    @Test
    void eachEventIsCountedUnderItsTypeAnUnknownTypeOrMalformed() {
        ParsedEvent known = parser.parse(IDLE);
        ParsedEvent ignored = parser.parse("{\"type\":\"server.heartbeat\",\"properties\":{}}");
        ParsedEvent unknown = parser.parse("{\"type\":\"session.teleported\",\"properties\":{}}");
        ParsedEvent unreadable = parser.parse("{\"type\":\"session.idle\",\"properties\":{}}");
        ParsedEvent broken = parser.parse("{not json");

        assertThat(List.of(known, ignored, unknown, unreadable, broken)).extracting(ParsedEvent::countedAs)
                .containsExactly("session.idle", "server.heartbeat", "unknown", "malformed", "malformed");
    }

    @Test
    void unknownFieldsAreIgnored() {
        ParsedEvent idle = parser.parse("{\"type\":\"session.idle\",\"future\":[1,{}],"
                + "\"properties\":{\"sessionID\":\"ses_1\",\"reason\":{\"nested\":true}}}");

        assertThat(idle.events()).containsExactly(new SessionEvent.SessionIdle(new SessionId("ses_1")));
    }

    @Test
    void aOneMegabyteEventIsParsedWhole() {
        String text = "x".repeat(1024 * 1024);
        String event = "{\"type\":\"message.part.updated\",\"properties\":{\"sessionID\":\"ses_1\",\"part\":{"
                + "\"id\":\"prt_1\",\"sessionID\":\"ses_1\",\"messageID\":\"msg_1\",\"type\":\"text\",\"text\":\""
                + text + "\",\"time\":{\"start\":1,\"end\":2}}}}";

        ParsedEvent parsed = parser.parse(event);

        assertThat(parsed.events()).hasSize(1);
        SessionEvent.TextPartUpdated part = (SessionEvent.TextPartUpdated) parsed.events().get(0);
        assertThat(part.text()).hasSize(text.length());
        assertThat(part.complete()).isTrue();
    }

    @Test
    void thePayloadOfAnIgnoredTypeIsNeverReadSoEvenOneTheParserCouldNotReadCostsNothing() {
        // A member named twice makes a payload unreadable to the parser; only reading it would find that out.
        ParsedEvent ignored = parser.parse("{\"type\":\"session.diff\",\"properties\":{\"diff\":[],\"diff\":[]}}");

        assertThat(ignored.countedAs()).isEqualTo("session.diff");
        assertThat(ignored.events()).isEmpty();
        assertThat(parser.stats().malformed()).isZero();
        assertThat(parser.stats().received()).isEqualTo(1);
    }

    @Test
    void aSyncCopyOnTheGlobalStreamIsADuplicateWhoseDirectoryIsStillKnown() {
        ParsedEvent copy = parser.parse("{\"directory\":\"/home/dev/projB\",\"payload\":{\"type\":\"sync\","
                + "\"syncEvent\":{\"type\":\"session.created.1\",\"data\":{\"sessionID\":\"ses_1\",\"sessionID\":1}}}}");

        assertThat(copy.type()).isEqualTo("sync");
        assertThat(copy.directory()).isEqualTo("/home/dev/projB");
        assertThat(parser.stats().duplicates()).isEqualTo(1);
        assertThat(parser.stats().malformed()).isZero();
    }

    @Test
    void anIgnoredTypeNamedTwiceIsReadWholeAndFoundUnreadable() {
        ParsedEvent twice = parser.parse("{\"type\":\"server.heartbeat\",\"type\":\"session.idle\",\"properties\":{}}");

        assertThat(twice.countedAs()).isEqualTo(ParsedEvent.MALFORMED);
        assertThat(parser.stats().malformed()).isEqualTo(1);
    }

    @Test
    void anEventAboveTheLimitIsDroppedUnread() {
        OpenCodeEventParser small = new OpenCodeEventParser(new Moshi.Builder().build(), 100);

        ParsedEvent dropped = small.parse("{\"type\":\"session.idle\",\"properties\":{\"sessionID\":\"ses_1\",\"pad\":\""
                + "p".repeat(200) + "\"}}");

        assertThat(dropped.events()).isEmpty();
        assertThat(small.stats().malformed()).isEqualTo(1);
    }

    @Test
    void aDeltaOfAReasoningPartIsReasoning() {
        parser.parse(partUpdated("prt_r", "reasoning"));

        ParsedEvent delta = parser.parse(delta("prt_r", "thinking"));

        assertThat(delta.events()).singleElement()
                .isEqualTo(new SessionEvent.TextDelta(new SessionId("ses_1"), new MessageId("msg_1"),
                        new PartId("prt_r"), TextKind.REASONING, "thinking"));
    }

    @Test
    void aDeltaOfAPartNeverSeenIsTakenAsAnswer() {
        ParsedEvent delta = parser.parse(delta("prt_unseen", "hello"));

        assertThat(delta.events()).singleElement()
                .satisfies(event -> assertThat(((SessionEvent.TextDelta) event).kind()).isEqualTo(TextKind.ANSWER));
    }

    @Test
    void aDeltaOfAnotherFieldThanTextIsIgnored() {
        ParsedEvent delta = parser.parse("{\"type\":\"message.part.delta\",\"properties\":{\"sessionID\":\"ses_1\","
                + "\"messageID\":\"msg_1\",\"partID\":\"prt_1\",\"field\":\"metadata\",\"delta\":\"x\"}}");

        assertThat(delta.events()).isEmpty();
    }

    @Test
    void anOlderServersPartUpdateWithADeltaStreamsTheDeltaAndTheWholeText() {
        ParsedEvent parsed = parser.parse("{\"type\":\"message.part.updated\",\"properties\":{\"sessionID\":\"ses_1\","
                + "\"delta\":\"lo\",\"part\":{\"id\":\"prt_1\",\"sessionID\":\"ses_1\",\"messageID\":\"msg_1\","
                + "\"type\":\"text\",\"text\":\"Hello\",\"time\":{\"start\":1}}}}");

        assertThat(parsed.events()).hasSize(2);
        assertThat(parsed.events().get(0)).isInstanceOfSatisfying(SessionEvent.TextDelta.class,
                delta -> assertThat(delta.delta()).isEqualTo("lo"));
        assertThat(parsed.events().get(1)).isInstanceOfSatisfying(SessionEvent.TextPartUpdated.class, part -> {
            assertThat(part.text()).isEqualTo("Hello");
            assertThat(part.complete()).isFalse();
        });
    }

    @Test
    void textOfAUserMessageIsNotAgentText() {
        parser.parse("{\"type\":\"message.updated\",\"properties\":{\"sessionID\":\"ses_1\",\"info\":{"
                + "\"id\":\"msg_u\",\"sessionID\":\"ses_1\",\"role\":\"user\",\"time\":{\"created\":1}}}}");

        ParsedEvent part = parser.parse("{\"type\":\"message.part.updated\",\"properties\":{\"sessionID\":\"ses_1\","
                + "\"part\":{\"id\":\"prt_u\",\"sessionID\":\"ses_1\",\"messageID\":\"msg_u\",\"type\":\"text\","
                + "\"text\":\"the prompt\"}}}");

        assertThat(part.events()).isEmpty();
    }

    @Test
    void aGlobalEnvelopeIsUnwrappedWithItsDirectory() {
        ParsedEvent parsed = parser.parse("{\"directory\":\"/p\",\"project\":\"abc\",\"payload\":" + IDLE + "}");

        assertThat(parsed.directory()).isEqualTo("/p");
        assertThat(parsed.events()).containsExactly(new SessionEvent.SessionIdle(new SessionId("ses_1")));
    }

    @Test
    void aCompactedSessionIsReported() {
        ParsedEvent parsed = parser.parse("{\"type\":\"session.compacted\",\"properties\":{\"sessionID\":\"ses_1\"}}");

        assertThat(parsed.events()).containsExactly(new SessionEvent.SessionCompacted(new SessionId("ses_1")));
    }

    @Test
    void anUnknownPermissionReplyMakesOnlyThatEventUnreadable() {
        ParsedEvent parsed = parser.parse("{\"type\":\"permission.replied\",\"properties\":{\"sessionID\":\"ses_1\","
                + "\"requestID\":\"per_1\",\"reply\":\"maybe\"}}");

        assertThat(parsed.events()).isEmpty();
        assertThat(parser.stats().malformed()).isEqualTo(1);
    }

    @Test
    void aSessionErrorWithoutASessionIsNotASessionEvent() {
        ParsedEvent parsed = parser.parse("{\"type\":\"session.error\",\"properties\":{\"error\":{"
                + "\"name\":\"ConfigError\",\"data\":{\"message\":\"bad config\"}}}}");

        assertThat(parsed.events()).isEmpty();
        assertThat(parser.stats().malformed()).isZero();
    }

    @Test
    void anUnreadableUpdateOfAUserMessageDoesNotHideTheTextOfThatMessageLater() {
        ParsedEvent unreadable = parser.parse("{\"type\":\"message.updated\",\"properties\":{\"sessionID\":\"ses_1\","
                + "\"info\":{\"id\":\"msg_1\",\"sessionID\":null,\"role\":\"user\",\"time\":{\"created\":1}}}}");

        ParsedEvent part = parser.parse(partUpdated("prt_1", "text"));

        assertThat(unreadable.events()).isEmpty();
        assertThat(parser.stats().malformed()).isEqualTo(1);
        assertThat(part.events()).singleElement().isInstanceOf(SessionEvent.TextPartUpdated.class);
    }

    @Test
    void anUnreadableUpdateOfAReasoningPartDoesNotChangeWhatLaterDeltasOfThatPartAre() {
        ParsedEvent unreadable = parser.parse(partUpdated("prt_r", "reasoning").replace(
                "\"sessionID\":\"ses_1\",\"messageID\"", "\"sessionID\":null,\"messageID\""));

        ParsedEvent delta = parser.parse(delta("prt_r", "hello"));

        assertThat(unreadable.events()).isEmpty();
        assertThat(parser.stats().malformed()).isEqualTo(1);
        assertThat(delta.events()).singleElement()
                .satisfies(event -> assertThat(((SessionEvent.TextDelta) event).kind()).isEqualTo(TextKind.ANSWER));
    }

    @Test
    void aNumberGivenAsTheTextNaNMakesOnlyThatEventUnreadable() {
        ParsedEvent unreadable = parser.parse("{\"type\":\"message.updated\",\"properties\":{\"sessionID\":\"ses_1\","
                + "\"info\":{\"id\":\"msg_1\",\"sessionID\":\"ses_1\",\"role\":\"assistant\",\"cost\":\"NaN\"}}}");
        ParsedEvent next = parser.parse(IDLE);

        assertThat(unreadable.type()).isEqualTo("message.updated");
        assertThat(unreadable.events()).isEmpty();
        assertThat(parser.stats().malformed()).isEqualTo(1);
        assertThat(next.events()).containsExactly(new SessionEvent.SessionIdle(new SessionId("ses_1")));
    }

    @Test
    void anUnreadableEventWithAHugeTypeAndAHugeValueIsLoggedInAShortLine() {
        String huge = "{\"type\":\"" + "t".repeat(100_000) + "\",\"properties\":{\"sessionID\":1" + "0".repeat(100_000) + "}}";
        String wrongType = "{\"type\":\"session.idle\",\"properties\":{\"sessionID\":[\"" + "x".repeat(100_000) + "\"]}}";

        try (LogWatch log = new LogWatch(OpenCodeEventParser.class)) {
            parser.parse(huge);
            parser.parse(huge.replace("\"type\":\"t", "\"type\":\"session.idle\",\"x\":\"t"));
            parser.parse(wrongType);

            assertThat(log.lines()).isEqualTo(3);
            assertThat(log.longestLine()).hasSizeLessThan(1_000);
        }
    }

    @Test
    void unknownTypesAreCountedByNameUpToALimitAndTheRestTogether() {
        for (int i = 0; i < OpenCodeEventParser.MAX_UNKNOWN_TYPES + 50; i++) {
            parser.parse("{\"type\":\"future.type." + i + "\",\"properties\":{}}");
        }

        assertThat(parser.stats().unknown()).isEqualTo(OpenCodeEventParser.MAX_UNKNOWN_TYPES + 50);
        assertThat(parser.stats().unknownTypes()).hasSize(OpenCodeEventParser.MAX_UNKNOWN_TYPES)
                .containsEntry("future.type.0", 1L).containsEntry("(other types)", 51L);
    }

    private static String partUpdated(String partId, String type) {
        return "{\"type\":\"message.part.updated\",\"properties\":{\"sessionID\":\"ses_1\",\"part\":{\"id\":\""
                + partId + "\",\"sessionID\":\"ses_1\",\"messageID\":\"msg_1\",\"type\":\"" + type
                + "\",\"text\":\"\",\"time\":{\"start\":1}}}}";
    }

    private static String delta(String partId, String text) {
        return "{\"type\":\"message.part.delta\",\"properties\":{\"sessionID\":\"ses_1\",\"messageID\":\"msg_1\","
                + "\"partID\":\"" + partId + "\",\"field\":\"text\",\"delta\":\"" + text + "\"}}";
    }
}
