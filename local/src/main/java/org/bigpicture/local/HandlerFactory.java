package org.bigpicture.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import org.bigpicture.core.Wiring;

/**
 * Makes the real handler classes that template.yaml names, configured for the local stack. The
 * handler gets the function's environment (from template.yaml, resolved to local bucket names,
 * plus the local endpoint and credentials) through the first of these constructors it has:
 * <ol>
 *   <li>one taking {@link Wiring}, or something {@link Wiring} makes with a public no-argument
 *       method (the ingest handler takes the {@code Ingest} that {@code wiring.ingest()} makes):
 *       the Wiring is built by {@code Wiring.fromEnvironment(Map)} from the function's local
 *       environment, the same code the runtime constructor runs over {@code System.getenv()};</li>
 *   <li>one taking {@code Map<String, String>} (the environment itself);</li>
 *   <li>the no-argument one (only for handlers that need no environment).</li>
 * </ol>
 */
public interface HandlerFactory {

    /** One instance of a function's handler, as one Lambda execution environment holds one. */
    Invocation create(LocalTemplate.FunctionSpec function, Map<String, String> environment) throws Exception;

    /** Calls the handler once with one S3 event. Exceptions are the handler's failure (Lambda retries). */
    @FunctionalInterface
    interface Invocation {
        Object invoke(S3Event event, Context context) throws Exception;
    }

    /** Finds the class by name, picks the constructor as above and the method the template names. */
    HandlerFactory REFLECTIVE = (function, environment) -> {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Class<?> type = Class.forName(function.handlerClass(), true,
                loader != null ? loader : HandlerFactory.class.getClassLoader());
        Object handler = instantiate(type, environment);
        Method method = handlerMethod(type, function.handlerMethod());
        method.setAccessible(true);
        boolean withContext = method.getParameterCount() == 2;
        return (event, context) -> {
            try {
                return withContext ? method.invoke(handler, event, context) : method.invoke(handler, event);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof Exception ex) {
                    throw ex;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw e;
            }
        };
    };

    private static Object instantiate(Class<?> type, Map<String, String> environment) throws Exception {
        Wiring wiring = null;
        Constructor<?> noArg = null;
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            Class<?>[] p = c.getParameterTypes();
            if (p.length == 0) {
                noArg = c;
            }
        }
        // Prefer the constructors tests and the local stack use over the runtime's no-arg one.
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            Class<?>[] p = c.getParameterTypes();
            if (p.length != 1) {
                continue;
            }
            Object argument = null;
            if (p[0] == Map.class) {
                argument = environment;
            } else if (p[0] == Wiring.class) {
                wiring = wiring != null ? wiring : Wiring.fromEnvironment(environment);
                argument = wiring;
            } else {
                Method make = wiringFactoryFor(p[0]);
                if (make != null) {
                    wiring = wiring != null ? wiring : Wiring.fromEnvironment(environment);
                    argument = make.invoke(wiring);
                }
            }
            if (argument != null) {
                c.setAccessible(true);
                return c.newInstance(argument);
            }
        }
        if (noArg != null) {
            noArg.setAccessible(true);
            return noArg.newInstance();
        }
        throw new IllegalStateException(type.getName() + " has no constructor the local stack can call: one taking"
                + " Wiring, Map<String, String>, or something Wiring makes (e.g. Ingest), or none");
    }

    /** A public no-argument method of {@link Wiring} that makes the type (e.g. {@code ingest()} makes Ingest). */
    private static Method wiringFactoryFor(Class<?> type) {
        for (Method m : Wiring.class.getMethods()) {
            if (m.getParameterCount() == 0 && !java.lang.reflect.Modifier.isStatic(m.getModifiers())
                    && type.isAssignableFrom(m.getReturnType()) && m.getReturnType() != Object.class) {
                return m;
            }
        }
        return null;
    }

    private static Method handlerMethod(Class<?> type, String name) {
        Method best = null;
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (!m.getName().equals(name) || m.isBridge()) {
                    continue;
                }
                Class<?>[] p = m.getParameterTypes();
                boolean takesEvent = p.length >= 1 && p[0].isAssignableFrom(S3Event.class);
                boolean ok = takesEvent && (p.length == 1 || (p.length == 2 && p[1] == Context.class));
                if (ok && (best == null || p[0] == S3Event.class)) {
                    best = m;
                }
            }
            if (best != null) {
                return best;
            }
        }
        throw new IllegalStateException(type.getName() + " has no method " + name
                + "(S3Event[, Context]) that the local stack can call with an S3 event");
    }
}
