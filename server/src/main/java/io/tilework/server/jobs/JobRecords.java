package io.tilework.server.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import java.time.Instant;
import io.tilework.engine.io.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Job records as one JSON file each ({@code job-7.json}) in the server's state folder, replaced
 * whole on every change (written aside, then renamed), so a crash leaves the previous record.
 */
final class JobRecords {

    private static final Logger LOG = LoggerFactory.getLogger(JobRecords.class);

    private final Path folder;
    private final ObjectMapper json = new ObjectMapper().registerModule(instants());

    JobRecords(Path folder) {
        this.folder = folder;
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the server's job folder " + folder, e);
        }
    }

    void save(JobRecord record) {
        try {
            Uninterrupted.write(() -> AtomicFile.write(folder.resolve(record.id() + ".json"), json.writeValueAsBytes(record)));
        } catch (IOException e) {
            // the job goes on; what is lost is its record after a restart, which the log says
            LOG.warn("could not save the record of {} in {}: {}", record.id(), folder, e.toString());
        }
    }

    /** Every record saved, oldest first; an unreadable file is skipped with a warning. */
    List<JobRecord> load() {
        var records = new ArrayList<JobRecord>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("job-\\d+\\.json")).toList()) {
                try {
                    records.add(json.readValue(file.toFile(), JobRecord.class));
                } catch (IOException e) {
                    LOG.warn("skipping the unreadable job record {}: {}", file, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the server's job folder " + folder, e);
        }
        records.sort(java.util.Comparator.comparingLong(r -> number(r.id())));
        return records;
    }

    /** Instants as ISO-8601 text, the one time type a record holds. */
    private static SimpleModule instants() {
        return new SimpleModule("instants")
                .addSerializer(Instant.class, ToStringSerializer.instance)
                .addDeserializer(Instant.class, new FromStringDeserializer<Instant>(Instant.class) {
                    @Override
                    protected Instant _deserialize(String value, com.fasterxml.jackson.databind.DeserializationContext context) {
                        return Instant.parse(value);
                    }
                });
    }

    static long number(String id) {
        return Long.parseLong(id.substring(id.indexOf('-') + 1));
    }
}
