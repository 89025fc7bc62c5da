package org.bigpicture.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which events have been delivered, in {@code STORE/deliveries.log}: a line per event and function
 * once its invocation has ended (handled, or given up on and put on the on-failure list). With
 * {@code versions.log}, where every event is on disk before its write is answered, it tells at start
 * which events are still owed to a function: those of a stack stopped by a crash or a kill.
 *
 * <p>Lines are appended without an fsync: a line lost with the machine only means the event is
 * delivered again, which every handler is built for (at-least-once, as Lambda). A first line
 * {@code upto SEQUENCER} stands for every event up to that sequencer; the file is rewritten to that
 * one line whenever a start finds nothing owed, so it stays short.
 */
final class DeliveryLog implements AutoCloseable {

    /** An event owed to one function's rule. */
    record Pending(ObjectEvent event, LocalTemplate.S3Rule rule) {
    }

    /**
     * What a start owes: events to deliver again, oldest first, and events left out because a later
     * event for the same key and function is owed too (S3 and the core agree that the later one
     * decides; the earlier ones are marked delivered).
     */
    record Owed(List<Pending> replay, List<Pending> superseded) {
    }

    private static final String UP_TO = "upto";

    private final Path file;
    private final Set<String> delivered;
    private String upTo;
    private FileChannel channel;

    private DeliveryLog(Path file, Set<String> delivered, String upTo, FileChannel channel) {
        this.file = file;
        this.delivered = delivered;
        this.upTo = upTo;
        this.channel = channel;
    }

    /**
     * @param lastSequencer the ledger's last sequencer ("" when empty): a store that predates this
     *                      log delivered everything up to it when it ran
     */
    static DeliveryLog open(Path file, String lastSequencer) throws IOException {
        Set<String> delivered = new HashSet<>();
        String upTo = "";
        if (!Files.exists(file)) {
            upTo = lastSequencer;
            Files.writeString(file, upTo.isEmpty() ? "" : UP_TO + "\t" + upTo + "\n", StandardCharsets.UTF_8);
        } else {
            byte[] bytes = Files.readAllBytes(file);
            int from = 0;
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] != '\n') {
                    continue;
                }
                String line = new String(bytes, from, i - from, StandardCharsets.UTF_8);
                from = i + 1;
                if (line.startsWith(UP_TO + "\t")) {
                    String s = line.substring(UP_TO.length() + 1);
                    upTo = s.compareTo(upTo) > 0 ? s : upTo;
                } else if (!line.isBlank()) {
                    delivered.add(line);
                }
            }
            if (from < bytes.length) {
                // A line cut short by a crash: that delivery is simply made again.
                try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    c.truncate(from);
                }
            }
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        return new DeliveryLog(file, delivered, upTo, channel);
    }

    /**
     * The events of the ledger that a rule matches and that were not delivered, once the newest per
     * key and function is kept. Marks the superseded ones delivered; when nothing is owed, shortens
     * the file to one {@code upto} line.
     */
    synchronized Owed owed(List<VersionLedger.Entry> history, List<LocalTemplate.S3Rule> rules) throws IOException {
        List<Pending> all = new ArrayList<>();
        for (VersionLedger.Entry e : history) {
            if (e.sequencer().compareTo(upTo) <= 0) {
                continue;
            }
            for (LocalTemplate.S3Rule rule : rules) {
                if (rule.matches(e.bucket(), e.eventName(), e.key()) && !delivered.contains(id(e.sequencer(), rule))) {
                    all.add(new Pending(e.toEvent(), rule));
                }
            }
        }
        Map<String, Integer> newest = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            newest.put(target(all.get(i)), i);
        }
        List<Pending> replay = new ArrayList<>();
        List<Pending> superseded = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            (newest.get(target(all.get(i))) == i ? replay : superseded).add(all.get(i));
        }
        if (replay.isEmpty()) {
            compact(history.isEmpty() ? upTo : history.get(history.size() - 1).sequencer());
        } else {
            for (Pending p : superseded) {
                delivered(p.event(), p.rule());
            }
        }
        return new Owed(List.copyOf(replay), List.copyOf(superseded));
    }

    /** Records that a function's invocation for an event has ended. */
    synchronized void delivered(ObjectEvent event, LocalTemplate.S3Rule rule) {
        String line = id(event.sequencer(), rule);
        if (!delivered.add(line)) {
            return;
        }
        try {
            ByteBuffer buf = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
        } catch (java.nio.channels.ClosedChannelException stopped) {
            // the stack stopped while this invocation ended: the next start delivers it again
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record a delivery in " + file, e);
        }
    }

    /** True when the function's invocation for this event has ended (now or in an earlier run). */
    synchronized boolean isDelivered(ObjectEvent event, LocalTemplate.S3Rule rule) {
        return event.sequencer().compareTo(upTo) <= 0 || delivered.contains(id(event.sequencer(), rule));
    }

    private void compact(String last) throws IOException {
        if (last.compareTo(upTo) < 0) {
            last = upTo;
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, last.isEmpty() ? "" : UP_TO + "\t" + last + "\n", StandardCharsets.UTF_8);
        try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            c.force(true);
        }
        channel.close();
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        upTo = last;
        delivered.clear();
    }

    private static String id(String sequencer, LocalTemplate.S3Rule rule) {
        return sequencer + "\t" + rule.functionId() + "\t" + rule.eventId();
    }

    private static String target(Pending p) {
        return p.rule().functionId() + "\t" + p.event().bucket() + "\u0000" + p.event().key();
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
