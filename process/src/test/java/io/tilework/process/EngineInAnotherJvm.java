package io.tilework.process;

import io.tilework.process.runtime.Effect;
import io.tilework.process.service.ProcessService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;

/**
 * The engine a recovery test kills: opens the store, deploys the model in the file it is given,
 * starts instances, prints "completed OBJECT" for every activity that completes, and runs until killed.
 */
public final class EngineInAnotherJvm {

    public static void main(String[] args) throws Exception {
        String model = Files.readString(Path.of(args[1]));
        int instances = Integer.parseInt(args[2]);
        ProcessService service = StorePlace.open(args[0], 2, InstantSource.system());
        service.engine().subscribe(record -> {
            for (Effect effect : record.effects()) {
                if (effect instanceof Effect.StateChanged change && change.to().equals("completed")) {
                    System.out.println("completed " + record.instance() + " " + change.object());
                }
            }
            System.out.flush();
        });
        var deployed = service.deploy("model.yaml", model);
        for (int i = 0; i < instances; i++) {
            service.start(deployed.name(), Map.of("number", (long) i));
        }
        System.out.println("started " + instances);
        System.out.flush();
        new java.util.concurrent.CountDownLatch(1).await(); // runs until killed
    }
}
