package org.bigpicture.core.read;

import java.nio.file.Path;
import org.bigpicture.core.formats.Recognizer;
import org.bigpicture.core.formats.UploadDescription;
import org.bigpicture.core.convert.Limits;

/**
 * Child JVM for {@link HostileWorkbooksTest}: runs {@code check} (the recogniser and formats, as
 * ingest does) on each file given and prints one verdict line per file, under the heap the parent
 * chose. {@code HostileWorkbookChild KEY=FILE...}
 */
public final class HostileWorkbookChild {

    private HostileWorkbookChild() {
    }

    public static void main(String[] args) throws Exception {
        Recognizer recognizer = Recognizer.standard(Limits.defaults());
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String key = arg.substring(0, eq);
            long start = System.nanoTime();
            UploadDescription d = recognizer.describe(key, Path.of(arg.substring(eq + 1)));
            long ms = (System.nanoTime() - start) / 1_000_000;
            Runtime rt = Runtime.getRuntime();
            System.out.println("VERDICT " + key + " " + (d.accepted() ? "accepted" : "quarantined") + " ms=" + ms
                    + " heapMB=" + (rt.totalMemory() - rt.freeMemory()) / (1 << 20) + " reason=" + d.problem());
        }
    }
}
