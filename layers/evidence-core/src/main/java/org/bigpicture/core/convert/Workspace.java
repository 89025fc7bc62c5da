package org.bigpicture.core.convert;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** What a {@link Format} may use while converting: scratch folders, limits, configuration, secrets. */
public interface Workspace {

    /** A new empty local folder for one dataset's files. */
    Path datasetDir(String datasetId) throws IOException;

    Limits limits();

    /**
     * The text of a validated configuration file ({@code themes.yaml}, {@code disclosure.yaml},
     * {@code headlines.yaml}) from the lake's {@code config/}, or empty for the shipped default.
     */
    Optional<String> config(String name) throws IOException;

    /** The secret key for pseudonymous respondent ids; it lives outside the lake. */
    byte[] pseudonymKey() throws IOException;
}
