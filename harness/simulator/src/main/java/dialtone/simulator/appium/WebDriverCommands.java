package dialtone.simulator.appium;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * The W3C/Appium commands the virtual phones support, registered on a {@link CommandRouter}, by
 * concern: {@link SessionCommands}, {@link ElementCommands}, {@link ActionCommands},
 * {@link DeviceCommands}. Runs each command with its session marked busy, so the
 * newCommandTimeout sweeper counts idleness from the end of the last command, as Appium does.
 */
final class WebDriverCommands implements AutoCloseable {

    /** How often idle sessions are looked for; well below the smallest useful newCommandTimeout (1 s). */
    private static final Duration SWEEP_INTERVAL = Duration.ofMillis(200);

    private final Sessions sessions = new Sessions(SWEEP_INTERVAL);
    private final SessionCommands sessionCommands;

    WebDriverCommands(Function<String, Optional<AppiumDevice>> devicesByUdid) {
        this.sessionCommands = new SessionCommands(devicesByUdid, sessions);
    }

    void register(CommandRouter r) {
        sessionCommands.register(r);
        new ElementCommands(sessionCommands::session).register(r);
        new ActionCommands(sessionCommands::session).register(r);
        new DeviceCommands(sessionCommands::session).register(r);
    }

    /** Runs a resolved command; a command of a session keeps that session from timing out while it runs. */
    Object execute(CommandRouter.Match match, CommandRequest request) throws Exception {
        String id = match.pathParams().get("sessionId");
        Optional<Session> session = id == null ? Optional.empty() : sessions.commandStarted(id);
        try {
            return match.route().command().execute(request);
        } finally {
            session.ifPresent(Session::commandEnded);
        }
    }

    void endSessionsOf(String udid) {
        sessions.endSessionsOf(udid);
    }

    int sessionCount() {
        return sessions.size();
    }

    @Override
    public void close() {
        sessions.close();
    }
}
