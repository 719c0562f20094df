package io.lockstep;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.theme.lumo.Lumo;
import io.lockstep.engine.EngineCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import java.util.Arrays;

/**
 * Runs the Lockstep server: the room service, the sync endpoint and the web UI. With the first argument {@code engine}
 * it runs a sound engine instead (see docs/ENGINE.md), without Spring.
 */
@SpringBootApplication
@Push
@StyleSheet(Lumo.STYLESHEET)
public class LockstepApplication implements AppShellConfigurator {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("engine")) {
            EngineCommand.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        SpringApplication.run(LockstepApplication.class, args);
    }
}
