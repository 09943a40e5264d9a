package dev.ocbridge.core.work;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executor;

import static org.assertj.core.api.Assertions.assertThat;

class SerialQueuesTest {
    private final StepExecutor executor = new StepExecutor();
    private final SerialQueues queues = new SerialQueues(executor);
    private final List<String> ran = new ArrayList<>();

    @Test
    void aTaskThrowingAnErrorDoesNotStopTheTasksQueuedBehindIt() {
        queues.submit("owner-dm", () -> {
            throw new StackOverflowError("deep recursion in a handler");
        });
        queues.submit("owner-dm", () -> ran.add("second"));

        executor.runAll();

        assertThat(ran).containsExactly("second");
    }

    @Test
    void aKeyWhoseTaskThrewAnErrorTakesNewTasksAfterwards() {
        queues.submit("owner-dm", () -> {
            throw new AssertionError("broken invariant");
        });
        executor.runAll();

        queues.submit("owner-dm", () -> ran.add("later"));
        executor.runAll();

        assertThat(ran).containsExactly("later");
    }

    @Test
    void aTaskThrowingARuntimeExceptionDoesNotStopTheTasksQueuedBehindIt() {
        queues.submit("owner-dm", () -> {
            throw new IllegalStateException("bug");
        });
        queues.submit("owner-dm", () -> ran.add("second"));

        executor.runAll();

        assertThat(ran).containsExactly("second");
    }

    @Test
    void tasksOfOneKeyRunInSubmissionOrder() {
        queues.submit("thread", () -> ran.add("first"));
        queues.submit("thread", () -> ran.add("second"));
        queues.submit("thread", () -> ran.add("third"));

        executor.runAll();

        assertThat(ran).containsExactly("first", "second", "third");
    }

    /** Runs what it was given when told to, on the test's thread, so nothing here depends on timing. */
    private static final class StepExecutor implements Executor {
        private final Deque<Runnable> pending = new ArrayDeque<>();

        @Override
        public void execute(Runnable command) {
            pending.addLast(command);
        }

        void runAll() {
            Runnable next;
            while ((next = pending.pollFirst()) != null) {
                next.run();
            }
        }
    }
}
