package io.tilework.process;

import io.tilework.process.service.ProcessService;
import io.tilework.process.store.StoreLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The active engine {@link FailoverTest} kills: opens the PostgreSQL store it is given (the password
 * from PGPASSWORD, as a user's would be), waits until it leads, deploys the model in the file it is
 * given, starts instances, prints "started N" and runs (serving forwarded commands) until killed.
 */
public final class FailoverEngineJvm {

    public static void main(String[] args) throws Exception {
        ProcessService service = ProcessService.open(StoreLocation.parse(args[0]), 2);
        if (!service.awaitActive(Duration.ofSeconds(30))) {
            System.out.println("error: not the active engine after 30 s");
            System.exit(1);
        }
        var deployed = service.deploy("model.yaml", Files.readString(Path.of(args[1])));
        int instances = Integer.parseInt(args[2]);
        for (int i = 0; i < instances; i++) {
            service.start(deployed.name(), Map.of("number", (long) i));
        }
        System.out.println("started " + instances + " term " + service.term());
        System.out.flush();
        new java.util.concurrent.CountDownLatch(1).await(); // runs until killed
    }
}
