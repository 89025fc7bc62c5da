package org.bigpicture.local;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;

/** {@code serve}'s console: one line per handled event, so an officer sees each upload's result. */
final class ConsoleListener implements Dispatcher.Listener {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final PrintStream out;
    private final PrintStream err;

    ConsoleListener(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public void handled(String function, ObjectEvent event, Object result, int attempts) {
        String what = result instanceof Collection<?> c && !c.isEmpty() ? String.join("; ", c.stream().map(String::valueOf).toList())
                : result == null ? event.eventName() + " " + event.key() : String.valueOf(result);
        out.println(Progress.printable(LocalTime.now().format(TIME) + "  " + function + "  " + what
                + (attempts > 1 ? "  (after " + attempts + " attempts)" : "")));
    }

    @Override
    public void failed(Dispatcher.Failure f) {
        err.println(Progress.printable(LocalTime.now().format(TIME) + "  " + f.function() + "  FAILED "
                + f.event().bucket() + "/" + f.event().key() + " after " + f.attempts() + " attempts: "
                + f.errorMessage() + (f.record() == null ? "" : "  (kept in " + f.record() + ")")));
    }
}
