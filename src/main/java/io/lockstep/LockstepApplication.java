package io.lockstep;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.theme.lumo.Lumo;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Runs the Lockstep server: the room service, the sync endpoint and the web UI. */
@SpringBootApplication
@Push
@StyleSheet(Lumo.STYLESHEET)
public class LockstepApplication implements AppShellConfigurator {

    public static void main(String[] args) {
        SpringApplication.run(LockstepApplication.class, args);
    }
}
