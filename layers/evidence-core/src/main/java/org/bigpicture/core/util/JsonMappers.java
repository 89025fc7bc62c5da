package org.bigpicture.core.util;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;

/**
 * The one jackson-databind configuration of the hub (issue 12: there were twelve, configured
 * apart): readers ignore fields they do not know (a record may gain fields; its JSON Schema says
 * which are required), and every double and float is spelt by {@link Decimals} (Jackson would
 * spell it with the JDK's {@code Double.toString}, whose digits changed in JDK 19), NaN and
 * infinities as null. The ingest path writes its records with jackson-core instead ({@code lake.LedgerJson}:
 * databind costs its cold start), by the same number rule.
 */
public final class JsonMappers {

    /** Compact JSON. */
    public static final ObjectMapper PLAIN = configure(new ObjectMapper(new JsonFactoryBuilder()
            .addDecorator((factory, generator) -> new DecimalNumbers(generator)).build()));

    /** Indented JSON, for files people read. */
    public static final ObjectMapper INDENTED = PLAIN.copy().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonMappers() {
    }

    private static ObjectMapper configure(ObjectMapper m) {
        return m.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    /** A generator that spells numbers the hub's one way. */
    private static final class DecimalNumbers extends JsonGeneratorDelegate {
        DecimalNumbers(com.fasterxml.jackson.core.JsonGenerator d) {
            super(d, false);
        }

        @Override
        public void writeNumber(double v) throws IOException {
            if (Double.isFinite(v)) {
                delegate.writeNumber(Decimals.shortest(v));
            } else {
                delegate.writeNull();
            }
        }

        @Override
        public void writeNumber(float v) throws IOException {
            writeNumber((double) v);
        }
    }
}
