package io.lockstep.ui;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import io.lockstep.room.Room;
import io.lockstep.room.RoomCode;
import io.lockstep.room.RoomService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

@SpringBootTest
@ViewPackages(classes = LobbyView.class)
class LobbyViewTest extends SpringBrowserlessTest {

    @Autowired
    RoomService rooms;

    @Test
    void startingARoomEntersItWithAFreshCode() {
        navigate(LobbyView.class);
        test(find(TextField.class).id("name")).setValue("Ada");
        test(find(Button.class).id("create")).click();

        RoomView room = assertInstanceOf(RoomView.class, getCurrentView());
        String code = find(Span.class).id("room-code").getText();
        assertTrue(rooms.find(new RoomCode(code)).isPresent());
        assertEquals("1", find(Span.class).id("member-count").getText());
        assertTrue(room.isAttached());
    }

    @Test
    void joinsByCodeTypedInAnyCaseWithoutTheDash() {
        Room room = rooms.create();
        navigate(LobbyView.class);
        test(find(TextField.class).id("name")).setValue("Bob");
        test(find(TextField.class).id("code")).setValue(" " + room.code().value().replace("-", "").toUpperCase(Locale.ROOT));
        test(find(Button.class).id("join")).click();

        assertInstanceOf(RoomView.class, getCurrentView());
        assertEquals(room.code().value(), find(Span.class).id("room-code").getText());
        assertEquals("Bob", room.state().members().getFirst().name());
    }

    @Test
    void anUnknownCodeIsRefusedInPlace() {
        navigate(LobbyView.class);
        test(find(TextField.class).id("name")).setValue("Bob");
        TextField code = find(TextField.class).id("code");
        test(code).setValue("zzzz-zzzz");
        test(find(Button.class).id("join")).click();

        assertInstanceOf(LobbyView.class, getCurrentView());
        assertTrue(code.isInvalid());
        assertTrue(code.getErrorMessage().contains("No room with that code"));
    }

    @Test
    void aNameIsNeededBeforeStarting() {
        navigate(LobbyView.class);
        TextField name = find(TextField.class).id("name");
        test(name).setValue("   ");
        test(find(Button.class).id("create")).click();

        assertInstanceOf(LobbyView.class, getCurrentView());
        assertTrue(name.isInvalid());
    }

    @Test
    void theNameIsRememberedForTheNextVisit() {
        navigate(LobbyView.class);
        test(find(TextField.class).id("name")).setValue("  Ada ");
        test(find(Button.class).id("create")).click();

        navigate(LobbyView.class);
        assertEquals("Ada", find(TextField.class).id("name").getValue());
    }

    @Test
    void aSharedLinkWithoutANameAsksForOneWithTheCodeFilledIn() {
        Room room = rooms.create();
        navigate("room/" + room.code().value(), LobbyView.class);

        TextField code = find(TextField.class).id("code");
        assertEquals(room.code().value(), code.getValue());
        assertFalse(code.isInvalid());
    }

    @Test
    void aLinkToAClosedRoomSaysSo() {
        DisplayName.remember("Ada");
        navigate("room/zzzz-zzzz", LobbyView.class);

        assertTrue(find(TextField.class).id("code").isInvalid());
    }
}
