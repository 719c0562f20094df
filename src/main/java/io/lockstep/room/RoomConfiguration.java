package io.lockstep.room;

import io.lockstep.clock.ServerClock;
import io.lockstep.clock.TimeSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/** Wires the in-memory room service to the server's clock and runs its housekeeping once a second. */
@Configuration
@EnableScheduling
class RoomConfiguration {

    @Bean
    TimeSource serverClock() {
        return new ServerClock();
    }

    @Bean(destroyMethod = "close")
    RoomService roomService(TimeSource clock) {
        return new RoomService(clock, RoomSettings.DEFAULTS);
    }

    @Bean
    Housekeeping roomHousekeeping(RoomService rooms) {
        return new Housekeeping(rooms);
    }

    record Housekeeping(RoomService rooms) {
        @Scheduled(fixedDelay = 1000)
        void run() {
            rooms.housekeeping();
        }
    }
}
