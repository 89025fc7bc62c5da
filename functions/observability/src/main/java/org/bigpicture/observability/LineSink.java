package org.bigpicture.observability;

import com.amazonaws.services.lambda.runtime.Context;

/**
 * Where finished JSON lines go: one call, one log event. In Lambda that is standard output (the
 * runtime makes each line one CloudWatch Logs event, and CloudWatch reads the metrics out of the
 * Embedded Metric Format lines); under the local stack, the function's log the context carries.
 */
@FunctionalInterface
public interface LineSink {

    /** @param context the invocation's context, or null outside one */
    void line(String json, Context context);

    /** Standard output, as Powertools writes: what Lambda sends to the function's log group. */
    LineSink STDOUT = new Stdout();

    /** The context's logger (the local stack's function log), or standard output without one. */
    LineSink CONTEXT_LOGGER = new ContextLogger();

    // Classes rather than lambdas: a lambda's first use bootstraps invokedynamic, a cold-start cost.

    /** See {@link #STDOUT}. */
    final class Stdout implements LineSink {
        @Override
        public void line(String json, Context context) {
            System.out.println(json);
        }
    }

    /** See {@link #CONTEXT_LOGGER}. */
    final class ContextLogger implements LineSink {
        @Override
        public void line(String json, Context context) {
            if (context != null && context.getLogger() != null) {
                context.getLogger().log(json + "\n");
            } else {
                System.out.println(json);
            }
        }
    }
}
